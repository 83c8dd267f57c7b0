#include "domain/org_import.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "common/csv.h"
#include "common/text.h"
#include "domain/org_path.h"

namespace fanzha::domain {

namespace {

enum Column { kCode, kParentCode, kName, kKind, kColumnCount };

struct HeaderName {
  std::string_view text;
  Column column;
};

constexpr std::array kHeaderNames = {
    HeaderName{"code", kCode},
    HeaderName{"编码", kCode},
    HeaderName{"parent_code", kParentCode},
    HeaderName{"上级编码", kParentCode},
    HeaderName{"name", kName},
    HeaderName{"名称", kName},
    HeaderName{"kind", kKind},
    HeaderName{"类型", kKind},
};

constexpr std::array<std::string_view, kColumnCount> kColumnKeys = {"code", "parent_code", "name",
                                                                    "kind"};

class Planner {
 public:
  Planner(const ExistingOrgLookup& lookup, const OrgImportScope& scope)
      : lookup_(lookup), scope_(scope) {}

  OrgImportResult run(std::string_view text);

 private:
  bool read_header(const CsvRecord& header);
  std::optional<OrgImportRow> read_row(const CsvRecord& record);
  void check_rows();
  void order_creates();
  std::optional<OrgKind> parent_kind(const OrgImportRow& row);
  void fail(int line, std::string_view field, std::string message);

  const ExistingOrgLookup& lookup_;
  const OrgImportScope& scope_;
  std::array<int, kColumnCount> column_index_{};
  std::vector<OrgImportRow> rows_;
  std::unordered_map<std::string, size_t> row_by_code_;
  std::vector<size_t> create_indexes_;
  std::vector<bool> is_create_;
  std::unordered_map<std::string, int> bad_row_lines_;  // code → line of a rejected row
  OrgImportResult result_;
  size_t dropped_errors_ = 0;
};

void Planner::fail(int line, std::string_view field, std::string message) {
  if (result_.errors.size() >= kMaxImportErrors) {
    ++dropped_errors_;
    return;
  }
  result_.errors.push_back({line, std::string(field), std::move(message)});
}

bool Planner::read_header(const CsvRecord& header) {
  column_index_.fill(-1);
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = to_lower_ascii(trim(header.fields[i]));
    for (const auto& h : kHeaderNames) {
      if (name == h.text) {
        column_index_[h.column] = static_cast<int>(i);
      }
    }
  }
  bool ok = true;
  for (int c = 0; c < kColumnCount; ++c) {
    if (column_index_[c] < 0) {
      fail(header.line, kColumnKeys[c],
           "表头缺少“" + std::string(kColumnKeys[c]) + "”列（应为 code,parent_code,name,kind）");
      ok = false;
    }
  }
  return ok;
}

std::optional<OrgImportRow> Planner::read_row(const CsvRecord& record) {
  auto field = [&](Column c) -> std::string {
    const auto i = static_cast<size_t>(column_index_[c]);
    return i < record.fields.size() ? std::string(trim(record.fields[i])) : std::string();
  };
  OrgImportRow row;
  row.line = record.line;
  row.code = field(kCode);
  row.parent_code = field(kParentCode);
  row.name = field(kName);
  bool ok = true;
  const auto kind = parse_org_kind(field(kKind));
  if (!kind) {
    fail(row.line, "kind", "未知的组织类型“" + field(kKind) + "”");
    ok = false;
  } else {
    row.kind = *kind;
    if (auto problem = check_org_code(row.kind, row.code)) {
      fail(row.line, "code", *problem);
      ok = false;
    }
  }
  if (auto problem = check_org_name(row.name)) {
    fail(row.line, "name", *problem);
    ok = false;
  }
  if (!ok) {
    if (!row.code.empty()) {
      bad_row_lines_.emplace(row.code, row.line);
    }
    return std::nullopt;
  }
  return row;
}

std::optional<OrgKind> Planner::parent_kind(const OrgImportRow& row) {
  if (auto it = row_by_code_.find(row.parent_code); it != row_by_code_.end()) {
    return rows_[it->second].kind;
  }
  if (auto bad = bad_row_lines_.find(row.parent_code); bad != bad_row_lines_.end()) {
    fail(row.line, "parent_code", "上级（第" + std::to_string(bad->second) + "行）有误");
    return std::nullopt;
  }
  const auto parent = lookup_(row.parent_code);
  if (!parent || !path_is_within(parent->path, scope_.scope_path)) {
    fail(row.line, "parent_code", "上级编码“" + row.parent_code + "”不存在");
    return std::nullopt;
  }
  if (!parent->active) {
    fail(row.line, "parent_code", "上级“" + parent->name + "”已停用");
    return std::nullopt;
  }
  return parent->kind;
}

void Planner::check_rows() {
  for (size_t i = 0; i < rows_.size(); ++i) {
    const OrgImportRow& row = rows_[i];
    if (row.parent_code == row.code) {
      fail(row.line, "parent_code", "上级编码不能是自身");
      continue;
    }
    std::optional<OrgKind> parent;
    if (row.parent_code.empty()) {
      if (!scope_.may_create_roots) {
        fail(row.line, "parent_code", "缺少上级编码");
        continue;
      }
    } else {
      parent = parent_kind(row);
      if (!parent) {
        continue;
      }
    }
    if (!org_kind_allowed_under(row.kind, parent)) {
      fail(row.line, "kind",
           std::string(org_kind_label(row.kind)) + "不能建在" +
               (parent ? std::string(org_kind_label(*parent)) : std::string("最顶层")) + "下");
      continue;
    }
    const auto existing = lookup_(row.code);
    if (!existing) {
      create_indexes_.push_back(i);
      continue;
    }
    if (!path_is_within(existing->path, scope_.scope_path)) {
      fail(row.line, "code", "编码“" + row.code + "”已被其他组织使用");
      continue;
    }
    if (existing->parent_code != row.parent_code || existing->kind != row.kind) {
      fail(row.line, "code",
           "组织“" + row.code + "”已存在，但上级或类型不同（调整上级请在组织架构中移动）");
      continue;
    }
    if (existing->name == row.name) {
      ++result_.plan.unchanged;
    } else {
      result_.plan.renames.push_back({existing->id, row});
    }
  }
}

// Orders the new units so that each parent is created before its children, and
// reports a cycle among new rows (A under B, B under A).
void Planner::order_creates() {
  is_create_.assign(rows_.size(), false);
  for (size_t index : create_indexes_) {
    is_create_[index] = true;
  }
  std::unordered_map<std::string, int> depth;  // -1 while being visited
  std::vector<std::pair<int, size_t>> ordered;
  for (size_t index : create_indexes_) {
    std::vector<size_t> chain;
    size_t cur = index;
    bool cycle = false;
    int base = 0;
    while (true) {
      const auto& row = rows_[cur];
      if (auto d = depth.find(row.code); d != depth.end()) {
        if (d->second < 0) {
          cycle = true;
        } else {
          base = d->second + 1;
        }
        break;
      }
      depth[row.code] = -1;
      chain.push_back(cur);
      auto parent = row_by_code_.find(row.parent_code);
      if (row.parent_code.empty() || parent == row_by_code_.end() || !is_create_[parent->second]) {
        break;  // a root, or hangs under a unit that exists already
      }
      cur = parent->second;
    }
    if (cycle) {
      for (size_t c : chain) {
        fail(rows_[c].line, "parent_code", "上级关系形成了循环");
        depth[rows_[c].code] = 0;
      }
      continue;
    }
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      depth[rows_[*it].code] = base;
      ordered.emplace_back(base, *it);
      ++base;
    }
  }
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [d, index] : ordered) {
    result_.plan.creates.push_back(rows_[index]);
  }
}

OrgImportResult Planner::run(std::string_view text) {
  if (!is_valid_utf8(text)) {
    fail(0, "", "文件不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8”");
    return std::move(result_);
  }
  const CsvParseResult csv = parse_csv(text);
  if (csv.error) {
    fail(csv.error_line, "", *csv.error);
    return std::move(result_);
  }
  if (csv.records.empty()) {
    fail(1, "", "文件为空");
    return std::move(result_);
  }
  if (!read_header(csv.records.front())) {
    return std::move(result_);
  }
  for (size_t i = 1; i < csv.records.size(); ++i) {
    auto row = read_row(csv.records[i]);
    if (!row) {
      continue;
    }
    if (auto [it, inserted] = row_by_code_.emplace(row->code, rows_.size()); !inserted) {
      fail(row->line, "code",
           "编码“" + row->code + "”与第" + std::to_string(rows_[it->second].line) + "行重复");
      continue;
    }
    rows_.push_back(std::move(*row));
  }
  if (rows_.empty() && result_.errors.empty()) {
    fail(1, "", "文件中没有数据行");
  }
  check_rows();
  order_creates();
  // Report in file order (row checks run in several passes).
  std::stable_sort(result_.errors.begin(), result_.errors.end(),
                   [](const ErrorDetail& a, const ErrorDetail& b) { return a.line < b.line; });
  if (dropped_errors_ > 0) {
    result_.errors.push_back({0, "", "另有" + std::to_string(dropped_errors_) + "处错误未列出"});
  }
  if (!result_.errors.empty()) {
    result_.plan = OrgImportPlan{};
  }
  return std::move(result_);
}

}  // namespace

OrgImportResult plan_org_import(std::string_view csv_text, const ExistingOrgLookup& lookup,
                                const OrgImportScope& scope) {
  return Planner(lookup, scope).run(csv_text);
}

}  // namespace fanzha::domain
