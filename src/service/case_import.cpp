#include "service/case_import.h"

#include <map>
#include <unordered_map>
#include <variant>

#include "common/text.h"
#include "domain/calendar.h"
#include "domain/case_import.h"
#include "domain/money.h"
#include "service/audit_trail.h"
#include "service/case_service.h"
#include "service/rejects_file.h"
#include "service/sealed_numbers.h"
#include "store/org_store.h"
#include "store/people_store.h"
#include "tabular/table_reader.h"

namespace fanzha::service {

namespace {

using domain::CaseField;

constexpr int64_t kCaseProgressEveryRows = 200;
constexpr int kUnitSearchLimit = 5;

struct RollBackCases {};

class CaseImporter {
 public:
  CaseImporter(const ServiceContext& ctx, const Actor& actor, const RosterImportRequest& request,
               const ImportProgress& progress)
      : ctx_(ctx), actor_(actor), request_(request), progress_(progress) {}

  RosterImportReport run();

 private:
  void import_rows(store::Connection& c, tabular::TableReader& reader);
  // The row as a case, or the problems found reading it.
  std::variant<CaseInput, std::vector<ErrorDetail>> read_row(store::Connection& c,
                                                             const tabular::TableRow& row);
  std::variant<int64_t, std::string> unit_named(store::Connection& c, const std::string& ref);
  std::string cell(const tabular::TableRow& row, CaseField field) const {
    const int column = column_of_[static_cast<size_t>(field)];
    return column < 0 || static_cast<size_t>(column) >= row.cells.size()
               ? std::string()
               : std::string(trim(row.cells[static_cast<size_t>(column)]));
  }

  const ServiceContext& ctx_;
  const Actor& actor_;
  const RosterImportRequest& request_;
  const ImportProgress& progress_;
  RosterImportReport report_;
  domain::OrgUnit target_;
  std::vector<std::string> header_cells_;
  std::array<int, domain::kCaseFieldCount> column_of_{};
  std::unordered_map<std::string, std::variant<int64_t, std::string>> units_;
  std::map<std::string, int> seen_numbers_;  // case number → line
  std::unique_ptr<RejectsFile> rejects_;
  int64_t now_ = 0;
};

std::variant<int64_t, std::string> CaseImporter::unit_named(store::Connection& c,
                                                            const std::string& ref) {
  if (const auto cached = units_.find(ref); cached != units_.end()) {
    return cached->second;
  }
  store::OrgStore units(c);
  std::variant<int64_t, std::string> result = "“" + target_.name + "”下没有单位“" + ref + "”";
  const auto by_code = units.find_by_code(ref);
  if (by_code && actor_.can_see(by_code->path) &&
      domain::path_is_within(by_code->path, target_.path)) {
    result = by_code->id;
  } else {
    std::vector<int64_t> exact;
    for (const auto& u : units.search(target_.path, ref, std::nullopt, kUnitSearchLimit).units) {
      if (u.name == ref && u.active) {
        exact.push_back(u.id);
      }
    }
    if (exact.size() == 1) {
      result = exact.front();
    } else if (exact.size() > 1) {
      result = "有多个名为“" + ref + "”的单位，请改用单位编码";
    }
  }
  units_.emplace(ref, result);
  return result;
}

std::variant<CaseInput, std::vector<ErrorDetail>> CaseImporter::read_row(
    store::Connection& c, const tabular::TableRow& row) {
  std::vector<ErrorDetail> errors;
  const auto fail = [&](CaseField field, std::string message) {
    errors.push_back({row.line, std::string(domain::case_field_key(field)), std::move(message)});
  };
  CaseInput in;
  in.case_number = cell(row, CaseField::kCaseNumber);
  const auto occurred = domain::parse_case_time(cell(row, CaseField::kOccurredAt));
  if (!occurred) {
    fail(CaseField::kOccurredAt, "发案时间应为“2026-11-30 14:05”这样的时间");
  }
  in.occurred_at = occurred.value_or(0);
  const std::string reported_text = cell(row, CaseField::kReportedAt);
  const auto reported = reported_text.empty() ? occurred : domain::parse_case_time(reported_text);
  if (!reported) {
    fail(CaseField::kReportedAt, "报案时间应为“2026-11-30 14:05”这样的时间");
  }
  in.reported_at = reported.value_or(0);
  const auto place = unit_named(c, cell(row, CaseField::kPlace));
  if (const auto* problem = std::get_if<std::string>(&place)) {
    fail(CaseField::kPlace, *problem);
  } else {
    in.org_unit_id = std::get<int64_t>(place);
  }
  const std::string id_number = cell(row, CaseField::kVictimId);
  if (!id_number.empty()) {
    const auto parsed = domain::parse_resident_id(id_number, domain::county_day_number(now_));
    const auto* id = std::get_if<domain::ResidentId>(&parsed);
    const auto person = id ? store::PeopleStore(c).find_person_by_id_hash(
                                 ctx_.pii.lookup_hash(kIdPurpose, id->number))
                           : std::nullopt;
    if (const auto* message = std::get_if<std::string>(&parsed)) {
      fail(CaseField::kVictimId, *message);
    }
    // A valid ID number not on file leaves the victim unlinked; the name still counts.
    in.victim_person_id = person;
  }
  in.victim_name = in.victim_person_id ? "" : cell(row, CaseField::kVictimName);
  if (const std::string age = cell(row, CaseField::kVictimAge); !age.empty()) {
    const auto n = parse_int64(age);
    if (!n) {
      fail(CaseField::kVictimAge, "年龄应为整数");
    } else {
      in.victim_age = static_cast<int>(std::clamp<int64_t>(*n, -1, 1000));
    }
  }
  if (const std::string sex = cell(row, CaseField::kVictimSex); !sex.empty()) {
    in.victim_sex = domain::parse_sex(sex);
    if (!in.victim_sex) {
      fail(CaseField::kVictimSex, "性别应为男或女");
    }
  }
  if (const std::string group = cell(row, CaseField::kVictimGroup); !group.empty()) {
    in.victim_group = domain::parse_victim_group(group);
    if (!in.victim_group) {
      fail(CaseField::kVictimGroup, "不认识的人员类别“" + group + "”");
    }
  }
  if (const std::string unit = cell(row, CaseField::kVictimUnit); !unit.empty()) {
    const auto found = unit_named(c, unit);
    if (const auto* problem = std::get_if<std::string>(&found)) {
      fail(CaseField::kVictimUnit, *problem);
    } else {
      in.victim_unit_id = std::get<int64_t>(found);
    }
  }
  const std::string type = cell(row, CaseField::kFraudType);
  const auto fraud_type = domain::parse_fraud_type(type);
  if (!fraud_type) {
    fail(CaseField::kFraudType, "不认识的诈骗类型“" + type + "”");
  }
  in.fraud_type = fraud_type.value_or(domain::FraudType::kOnlineLoan);
  if (const std::string channel = cell(row, CaseField::kChannel); !channel.empty()) {
    const auto parsed = domain::parse_case_channel(channel);
    if (!parsed) {
      fail(CaseField::kChannel, "不认识的接触渠道“" + channel + "”");
    }
    in.channel = parsed.value_or(domain::CaseChannel::kOther);
  }
  const auto money = [&](CaseField field, int64_t& fen) {
    const std::string text = cell(row, field);
    if (text.empty()) {
      return;
    }
    const auto parsed = domain::parse_yuan(text);
    if (const auto* reason = std::get_if<std::string>(&parsed)) {
      fail(field, *reason);
    } else {
      fen = std::get<int64_t>(parsed);
    }
  };
  money(CaseField::kLoss, in.loss_fen);
  money(CaseField::kStopped, in.stopped_fen);
  money(CaseField::kReturned, in.returned_fen);
  if (const std::string status = cell(row, CaseField::kStatus); !status.empty()) {
    const auto parsed = domain::parse_case_status(status);
    if (!parsed) {
      fail(CaseField::kStatus, "不认识的案件状态“" + status + "”");
    }
    in.status = parsed.value_or(domain::CaseStatus::kRegistered);
  }
  in.suspect_accounts = domain::parse_account_list(cell(row, CaseField::kAccounts));
  // A file without the column leaves a known case's accounts as they are.
  in.keep_accounts = column_of_[static_cast<size_t>(CaseField::kAccounts)] < 0;
  in.notes = cell(row, CaseField::kNotes);
  if (const auto number = domain::normalize_case_number(in.case_number)) {
    if (auto [it, inserted] = seen_numbers_.emplace(*number, row.line); !inserted) {
      fail(CaseField::kCaseNumber,
           "案件编号" + *number + "与第" + std::to_string(it->second) + "行重复");
    }
  }
  if (!errors.empty()) {
    return errors;
  }
  return in;
}

void CaseImporter::import_rows(store::Connection& c, tabular::TableReader& reader) {
  CaseService cases(ctx_);
  while (const auto row = reader.next()) {
    ++report_.rows_total;
    auto read = read_row(c, *row);
    std::vector<ErrorDetail> errors;
    if (auto* problems = std::get_if<std::vector<ErrorDetail>>(&read)) {
      errors = std::move(*problems);
    } else {
      try {
        const auto saved = cases.save_in(c, actor_, std::get<CaseInput>(read), Upsert::kUpdate);
        ++(saved.created ? report_.created : (saved.changed ? report_.updated : report_.unchanged));
      } catch (const Error& e) {
        if (e.code() == ErrorCode::kInternal) {
          throw;
        }
        errors.push_back({row->line, e.field(), e.what()});
      }
    }
    if (!errors.empty()) {
      ++report_.rejected;
      if (request_.mode == ImportMode::kValidRows && !request_.rejects_path.empty()) {
        if (!rejects_) {
          rejects_ = std::make_unique<RejectsFile>(request_.rejects_path, header_cells_);
        }
        rejects_->add(*row, errors);
      }
      for (auto& e : errors) {
        if (report_.errors.size() < kMaxReportedRowErrors) {
          report_.errors.push_back(std::move(e));
        }
      }
    }
    if (progress_ && report_.rows_total % kCaseProgressEveryRows == 0) {
      progress_(report_.rows_total, reader.progress());
    }
  }
  if (report_.rows_total == 0) {
    throw Error(ErrorCode::kImportRejected, "文件中只有表头，没有数据行");
  }
  if (report_.rejected > 0 && request_.mode == ImportMode::kAllOrNothing) {
    throw RollBackCases{};
  }
  record_audit(c, ctx_.clock, actor_,
               {"case.import",
                "org_unit",
                std::to_string(target_.id),
                target_.path,
                {{"file", request_.file_name},
                 {"mode", import_mode_key(request_.mode)},
                 {"rows", report_.rows_total},
                 {"created", report_.created},
                 {"updated", report_.updated},
                 {"unchanged", report_.unchanged},
                 {"rejected", report_.rejected}}});
}

RosterImportReport CaseImporter::run() {
  require(actor_, domain::Capability::kCaseWrite);
  now_ = ctx_.clock.now_ms();
  {
    auto lease = ctx_.db.read();
    const auto unit = store::OrgStore(*lease).find(request_.into_unit_id);
    if (!unit || !actor_.can_see(unit->path)) {
      throw Error(ErrorCode::kNotFound, "导入目标组织不存在或不在您的管辖范围内", "into");
    }
    target_ = *unit;
  }
  auto reader = tabular::open_table(request_.file_path);
  report_.format = reader->info().format == tabular::TableFormat::kXlsx ? "xlsx" : "csv";
  report_.encoding = reader->info().encoding;
  const auto header = reader->next();
  if (!header) {
    throw Error(ErrorCode::kImportRejected, "文件是空的");
  }
  header_cells_ = header->cells;
  const auto mapping = domain::map_case_headers(header_cells_);
  column_of_.fill(-1);
  for (size_t i = 0; i < mapping.columns.size(); ++i) {
    const auto& field = mapping.columns[i];
    report_.headers.push_back(
        {header_cells_[i], field ? std::string(domain::case_field_key(*field)) : "ignore"});
    if (field) {
      column_of_[static_cast<size_t>(*field)] = static_cast<int>(i);
    }
  }
  report_.problems = mapping.problems;
  if (!report_.problems.empty()) {
    report_.status = "rejected";
    return report_;
  }
  try {
    ctx_.db.transact([&](store::Connection& c) { import_rows(c, *reader); });
    report_.status = "succeeded";
  } catch (const RollBackCases&) {
    report_.status = "rejected";
    report_.created = report_.updated = report_.unchanged = 0;
  }
  report_.rejects_written = rejects_ && rejects_->close();
  if (progress_) {
    progress_(report_.rows_total, 1.0);
  }
  return report_;
}

}  // namespace

RosterImportReport import_cases(const ServiceContext& context, const Actor& actor,
                                const RosterImportRequest& request,
                                const ImportProgress& progress) {
  return CaseImporter(context, actor, request, progress).run();
}

}  // namespace fanzha::service
