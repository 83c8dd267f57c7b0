#include "tabular/xlsx_table.h"

#include <expat.h>
#include <zip.h>

#include <cstring>
#include <deque>
#include <functional>

#include "common/error.h"
#include "common/text.h"

namespace fanzha::tabular {

namespace {

constexpr std::string_view kBroken = "文件不是有效的 XLSX（可能已损坏或不完整）";
constexpr size_t kChunkBytes = 64 * 1024;

[[noreturn]] void reject(int line = 0) {
  throw Error(ErrorCode::kImportRejected, std::string(kBroken))
      .with_details({{line, "", std::string(kBroken)}});
}

// The local part of an XML name ("x:row" → "row").
std::string_view local_name(const char* name) {
  std::string_view n(name);
  const size_t colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const char* attribute(const char** attrs, std::string_view wanted) {
  for (size_t i = 0; attrs[i]; i += 2) {
    if (std::string_view(attrs[i]) == wanted || local_name(attrs[i]) == wanted) {
      return attrs[i + 1];
    }
  }
  return nullptr;
}

// Parses a whole small XML document with callbacks; throws on malformed XML.
struct SaxDocument {
  using Start = std::function<void(std::string_view, const char**)>;
  using End = std::function<void(std::string_view)>;
  using Text = std::function<void(std::string_view)>;

  static void parse(const std::string& xml, Start start, End end, Text text) {
    SaxDocument doc{std::move(start), std::move(end), std::move(text)};
    XML_Parser parser = XML_ParserCreate("UTF-8");
    XML_SetUserData(parser, &doc);
    XML_SetElementHandler(
        parser,
        [](void* self, const char* name, const char** attrs) {
          static_cast<SaxDocument*>(self)->start_(local_name(name), attrs);
        },
        [](void* self, const char* name) {
          static_cast<SaxDocument*>(self)->end_(local_name(name));
        });
    XML_SetCharacterDataHandler(parser, [](void* self, const char* s, int len) {
      static_cast<SaxDocument*>(self)->text_(std::string_view(s, static_cast<size_t>(len)));
    });
    const bool ok =
        XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), XML_TRUE) == XML_STATUS_OK;
    XML_ParserFree(parser);
    if (!ok) {
      reject();
    }
  }

  Start start_;
  End end_;
  Text text_;
};

class Archive {
 public:
  explicit Archive(const std::string& path) {
    int error = 0;
    zip_ = zip_open(path.c_str(), ZIP_RDONLY, &error);
    if (!zip_) {
      reject();
    }
  }
  ~Archive() {
    if (zip_) {
      zip_discard(zip_);
    }
  }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  bool has(const std::string& name) const { return zip_name_locate(zip_, name.c_str(), 0) >= 0; }

  std::string read(const std::string& name) {
    zip_file_t* file = zip_fopen(zip_, name.c_str(), 0);
    if (!file) {
      reject();
    }
    std::string out;
    char buffer[kChunkBytes];
    zip_int64_t n = 0;
    while ((n = zip_fread(file, buffer, sizeof buffer)) > 0) {
      out.append(buffer, static_cast<size_t>(n));
    }
    zip_fclose(file);
    if (n < 0) {
      reject();
    }
    return out;
  }

  zip_t* handle() { return zip_; }

 private:
  zip_t* zip_ = nullptr;
};

// "AB12" → column index 27 (0-based), or -1.
int column_of(const char* ref) {
  if (!ref) {
    return -1;
  }
  int column = 0;
  bool any = false;
  for (const char* p = ref; *p; ++p) {
    if (*p >= 'A' && *p <= 'Z') {
      column = column * 26 + (*p - 'A' + 1);
      any = true;
    } else {
      break;
    }
  }
  return any ? column - 1 : -1;
}

class XlsxTable final : public TableReader {
 public:
  explicit XlsxTable(const std::string& path) : archive_(path) {
    info_.format = TableFormat::kXlsx;
    info_.encoding = "UTF-8";
    const std::string sheet = find_first_sheet();
    load_shared_strings();
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(archive_.handle(), sheet.c_str(), 0, &stat) != 0) {
      reject();
    }
    sheet_bytes_ = stat.size;
    sheet_ = zip_fopen(archive_.handle(), sheet.c_str(), 0);
    if (!sheet_) {
      reject();
    }
    parser_ = XML_ParserCreate("UTF-8");
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &XlsxTable::on_start, &XlsxTable::on_end);
    XML_SetCharacterDataHandler(parser_, &XlsxTable::on_text);
  }

  ~XlsxTable() override {
    if (parser_) {
      XML_ParserFree(parser_);
    }
    if (sheet_) {
      zip_fclose(sheet_);
    }
  }

  const TableInfo& info() const override { return info_; }

  std::optional<TableRow> next() override {
    while (rows_.empty() && !done_) {
      feed();
    }
    if (rows_.empty()) {
      return std::nullopt;
    }
    TableRow row = std::move(rows_.front());
    rows_.pop_front();
    return row;
  }

  double progress() const override {
    if (done_ || sheet_bytes_ == 0) {
      return 1.0;
    }
    return static_cast<double>(consumed_) / static_cast<double>(sheet_bytes_);
  }

 private:
  std::string find_first_sheet() {
    std::string rel_id;
    if (!archive_.has("xl/workbook.xml")) {
      reject();
    }
    SaxDocument::parse(
        archive_.read("xl/workbook.xml"),
        [&](std::string_view name, const char** attrs) {
          if (name == "sheet" && rel_id.empty()) {
            const char* id = attribute(attrs, "id");
            const char* sheet_name = attribute(attrs, "name");
            rel_id = id ? id : "";
            info_.sheet_name = sheet_name ? sheet_name : "";
          }
        },
        [](std::string_view) {}, [](std::string_view) {});
    std::string target;
    if (!rel_id.empty() && archive_.has("xl/_rels/workbook.xml.rels")) {
      SaxDocument::parse(
          archive_.read("xl/_rels/workbook.xml.rels"),
          [&](std::string_view name, const char** attrs) {
            const char* id = attribute(attrs, "Id");
            const char* to = attribute(attrs, "Target");
            if (name == "Relationship" && id && to && rel_id == id) {
              target = to;
            }
          },
          [](std::string_view) {}, [](std::string_view) {});
    }
    if (target.starts_with("/")) {
      target = target.substr(1);
    } else if (!target.empty()) {
      target = "xl/" + target;
    }
    if (target.empty() || !archive_.has(target)) {
      target = "xl/worksheets/sheet1.xml";
    }
    if (!archive_.has(target)) {
      reject();
    }
    return target;
  }

  void load_shared_strings() {
    if (!archive_.has("xl/sharedStrings.xml")) {
      return;
    }
    std::string current;
    int phonetic_depth = 0;
    bool in_text = false;
    SaxDocument::parse(
        archive_.read("xl/sharedStrings.xml"),
        [&](std::string_view name, const char**) {
          if (name == "si") {
            current.clear();
          } else if (name == "rPh") {
            ++phonetic_depth;
          } else if (name == "t" && phonetic_depth == 0) {
            in_text = true;
          }
        },
        [&](std::string_view name) {
          if (name == "si") {
            strings_.push_back(current);
          } else if (name == "rPh") {
            --phonetic_depth;
          } else if (name == "t") {
            in_text = false;
          }
        },
        [&](std::string_view text) {
          if (in_text) {
            current.append(text);
          }
        });
  }

  void feed() {
    char buffer[kChunkBytes];
    const zip_int64_t n = zip_fread(sheet_, buffer, sizeof buffer);
    if (n < 0) {
      reject(last_row_);
    }
    consumed_ += static_cast<uint64_t>(n);
    const bool final = n == 0;
    if (XML_Parse(parser_, buffer, static_cast<int>(n), final ? XML_TRUE : XML_FALSE) !=
        XML_STATUS_OK) {
      reject(last_row_ + 1);
    }
    if (final) {
      done_ = true;
    }
  }

  static void on_start(void* self_ptr, const char* raw, const char** attrs) {
    auto* self = static_cast<XlsxTable*>(self_ptr);
    const std::string_view name = local_name(raw);
    if (name == "row") {
      const char* r = attribute(attrs, "r");
      self->row_ = TableRow{};
      self->row_.line = r ? std::atoi(r) : self->last_row_ + 1;
      self->next_column_ = 0;
      self->in_row_ = true;
    } else if (name == "c" && self->in_row_) {
      const int column = column_of(attribute(attrs, "r"));
      self->cell_column_ = column >= 0 ? column : self->next_column_;
      const char* type = attribute(attrs, "t");
      self->cell_type_ = type ? type : "n";
      self->cell_value_.clear();
      self->inline_text_.clear();
    } else if (name == "v") {
      self->in_value_ = true;
    } else if (name == "rPh") {
      ++self->phonetic_depth_;
    } else if (name == "t" && self->phonetic_depth_ == 0) {
      self->in_inline_ = true;
    }
  }

  static void on_end(void* self_ptr, const char* raw) {
    auto* self = static_cast<XlsxTable*>(self_ptr);
    const std::string_view name = local_name(raw);
    if (name == "v") {
      self->in_value_ = false;
    } else if (name == "t") {
      self->in_inline_ = false;
    } else if (name == "rPh") {
      --self->phonetic_depth_;
    } else if (name == "c" && self->in_row_) {
      self->finish_cell();
    } else if (name == "row" && self->in_row_) {
      self->in_row_ = false;
      self->last_row_ = self->row_.line;
      bool any = false;
      for (const auto& cell : self->row_.cells) {
        any = any || !trim(cell).empty();
      }
      if (any) {
        self->rows_.push_back(std::move(self->row_));
      }
    }
  }

  static void on_text(void* self_ptr, const char* s, int len) {
    auto* self = static_cast<XlsxTable*>(self_ptr);
    if (self->in_value_) {
      self->cell_value_.append(s, static_cast<size_t>(len));
    } else if (self->in_inline_) {
      self->inline_text_.append(s, static_cast<size_t>(len));
    }
  }

  void finish_cell() {
    std::string text;
    if (cell_type_ == "s") {
      const auto index = parse_int64(trim(cell_value_));
      if (!index || *index < 0 || static_cast<size_t>(*index) >= strings_.size()) {
        reject(row_.line);
      }
      text = strings_[static_cast<size_t>(*index)];
    } else if (cell_type_ == "inlineStr") {
      text = inline_text_;
    } else {
      text = cell_value_;
    }
    const auto column = static_cast<size_t>(cell_column_);
    if (row_.cells.size() <= column) {
      row_.cells.resize(column + 1);
    }
    row_.cells[column] = std::move(text);
    next_column_ = cell_column_ + 1;
  }

  Archive archive_;
  TableInfo info_;
  std::vector<std::string> strings_;
  zip_file_t* sheet_ = nullptr;
  uint64_t sheet_bytes_ = 0;
  uint64_t consumed_ = 0;
  XML_Parser parser_ = nullptr;
  bool done_ = false;
  std::deque<TableRow> rows_;

  // Parse state of the sheet.
  TableRow row_;
  bool in_row_ = false;
  int last_row_ = 0;
  int next_column_ = 0;
  int cell_column_ = 0;
  std::string cell_type_;
  std::string cell_value_;
  std::string inline_text_;
  bool in_value_ = false;
  bool in_inline_ = false;
  int phonetic_depth_ = 0;
};

}  // namespace

std::unique_ptr<TableReader> open_xlsx_table(const std::string& path) {
  return std::make_unique<XlsxTable>(path);
}

}  // namespace fanzha::tabular
