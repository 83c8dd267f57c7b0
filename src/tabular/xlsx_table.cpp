#include "tabular/xlsx_table.h"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <deque>
#include <functional>

#include "common/error.h"
#include "common/text.h"

namespace fanzha::tabular {

namespace {

constexpr std::string_view kBroken = "文件不是有效的 XLSX（可能已损坏或不完整）";
constexpr std::string_view kTooLarge = "XLSX 文件解压后过大，请拆分成几个文件再导入";
constexpr size_t kChunkBytes = 64 * 1024;
// Excel's own limits; anything beyond them was not written by a spreadsheet.
constexpr int kMaxColumns = 16384;
constexpr int64_t kMaxRows = 1048576;
// A cell holds at most 32767 characters (4 bytes each at worst); more is a broken file.
constexpr size_t kMaxCellBytes = 256 * 1024;
// Shared strings stay in memory and the sheet is parsed whole, so a zip bomb (a tiny
// upload that inflates to gigabytes) must stop early rather than fill memory or run for
// hours. A million-row roster is well under both.
constexpr uint64_t kMaxSharedStringsBytes = 1ULL << 30;
constexpr uint64_t kMaxSheetBytes = 4ULL << 30;

[[noreturn]] void reject(int line = 0, std::string_view message = kBroken) {
  throw Error(ErrorCode::kImportRejected, std::string(message))
      .with_details({{line, "", std::string(message)}});
}

// The local part of an XML name ("x:row" → "row").
std::string_view local_name(const char* name) {
  std::string_view n(name);
  const size_t colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const char* attribute(const char** attrs, std::string_view wanted) {
  for (size_t i = 0; attrs[i]; i += 2) {
    if (local_name(attrs[i]) == wanted) {
      return attrs[i + 1];
    }
  }
  return nullptr;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  return -1;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Excel stores characters XML cannot carry (control characters such as a line feed typed
// with Alt+Enter in some versions) as _xHHHH_, and a literal "_x" as "_x005F_x".
std::string unescape_ooxml(std::string text) {
  if (text.find("_x") == std::string::npos) {
    return text;
  }
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '_' && i + 7 <= text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
      unsigned cp = 0;
      bool hex = true;
      for (size_t k = i + 2; k < i + 6; ++k) {
        const int digit = hex_digit(text[k]);
        hex = hex && digit >= 0;
        cp = cp * 16 + static_cast<unsigned>(std::max(digit, 0));
      }
      // Surrogate halves cannot stand alone in UTF-8, and no cell holds NUL: leave such
      // text as it is.
      if (hex && cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
        append_utf8(out, cp);
        i += 7;
        continue;
      }
    }
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

// "AB12" → 27 (0-based); -1 without letters; kMaxColumns when beyond Excel's last column.
int column_of(const char* ref) {
  int column = 0;
  bool any = false;
  for (const char* p = ref; *p >= 'A' && *p <= 'Z'; ++p) {
    column = column * 26 + (*p - 'A' + 1);
    any = true;
    if (column > kMaxColumns) {
      return kMaxColumns;
    }
  }
  return any ? column - 1 : -1;
}

// Expat with element names stripped of their namespace prefix. Handlers must not throw
// (the exception would cross expat's C frames): they call stop() and leave a note.
class SaxParser {
 public:
  using Start = std::function<void(std::string_view name, const char** attrs)>;
  using End = std::function<void(std::string_view name)>;
  using Text = std::function<void(std::string_view text)>;

  SaxParser(Start start, End end, Text text)
      : start_(std::move(start)), end_(std::move(end)), text_(std::move(text)) {
    parser_ = XML_ParserCreate("UTF-8");
    if (!parser_) {
      throw Error(ErrorCode::kInternal, "cannot create an XML parser");
    }
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(
        parser_,
        [](void* self, const char* name, const char** attrs) {
          static_cast<SaxParser*>(self)->start_(local_name(name), attrs);
        },
        [](void* self, const char* name) {
          static_cast<SaxParser*>(self)->end_(local_name(name));
        });
    XML_SetCharacterDataHandler(parser_, [](void* self, const char* s, int len) {
      static_cast<SaxParser*>(self)->text_(std::string_view(s, static_cast<size_t>(len)));
    });
  }
  ~SaxParser() { XML_ParserFree(parser_); }
  SaxParser(const SaxParser&) = delete;
  SaxParser& operator=(const SaxParser&) = delete;

  // False when the XML is malformed or a handler stopped the parser.
  bool feed(const char* data, size_t size, bool final) {
    return XML_Parse(parser_, data, static_cast<int>(size), final ? XML_TRUE : XML_FALSE) ==
           XML_STATUS_OK;
  }
  void stop() { XML_StopParser(parser_, XML_FALSE); }

 private:
  XML_Parser parser_ = nullptr;
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
  ~Archive() { zip_discard(zip_); }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  bool has(const std::string& name) const { return zip_name_locate(zip_, name.c_str(), 0) >= 0; }
  zip_t* handle() { return zip_; }

 private:
  zip_t* zip_ = nullptr;
};

// One member of the archive, read in chunks. libzip checks the CRC at the end of the
// member, so a corrupt member fails on its last read.
class ZipEntry {
 public:
  ZipEntry(Archive& archive, const std::string& name) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(archive.handle(), name.c_str(), 0, &stat) != 0) {
      reject();
    }
    declared_size_ = (stat.valid & ZIP_STAT_SIZE) ? stat.size : 0;
    file_ = zip_fopen(archive.handle(), name.c_str(), 0);
    if (!file_) {
      reject();
    }
  }
  ~ZipEntry() { zip_fclose(file_); }
  ZipEntry(const ZipEntry&) = delete;
  ZipEntry& operator=(const ZipEntry&) = delete;

  // Bytes read into `buffer`, 0 at the end, -1 when the member cannot be read.
  zip_int64_t read(char* buffer, size_t size) {
    const zip_int64_t n = zip_fread(file_, buffer, size);
    if (n > 0) {
      consumed_ += static_cast<uint64_t>(n);
    }
    return n;
  }
  uint64_t declared_size() const { return declared_size_; }
  uint64_t consumed() const { return consumed_; }

 private:
  zip_file_t* file_ = nullptr;
  uint64_t declared_size_ = 0;
  uint64_t consumed_ = 0;
};

// Parses a whole member; `failed` (set by handlers that stopped the parser) wins over
// the generic message.
void parse_member(Archive& archive, const std::string& name, SaxParser& parser, uint64_t limit,
                  const std::optional<std::string_view>& failed = std::nullopt) {
  ZipEntry entry(archive, name);
  char buffer[kChunkBytes];
  while (true) {
    const zip_int64_t n = entry.read(buffer, sizeof buffer);
    if (n < 0) {
      reject();
    }
    if (entry.consumed() > limit) {
      reject(0, kTooLarge);
    }
    if (!parser.feed(buffer, static_cast<size_t>(n), n == 0)) {
      reject(0, failed.value_or(kBroken));
    }
    if (n == 0) {
      return;
    }
  }
}

class XlsxTable final : public TableReader {
 public:
  explicit XlsxTable(const std::string& path)
      : archive_(path),
        parser_([this](std::string_view name, const char** attrs) { on_start(name, attrs); },
                [this](std::string_view name) { on_end(name); },
                [this](std::string_view text) { on_text(text); }) {
    info_.format = TableFormat::kXlsx;
    info_.encoding = "UTF-8";
    const std::string sheet = find_first_sheet();
    load_shared_strings();
    sheet_ = std::make_unique<ZipEntry>(archive_, sheet);
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
    if (done_ || sheet_->declared_size() == 0) {
      return 1.0;
    }
    // The declared size comes from the file and may lie.
    return std::min(1.0, static_cast<double>(sheet_->consumed()) /
                             static_cast<double>(sheet_->declared_size()));
  }

 private:
  // The first <sheet> of workbook.xml, through its relationship to the member's path.
  std::string find_first_sheet() {
    const std::string workbook = "xl/workbook.xml";
    const std::string rels = "xl/_rels/workbook.xml.rels";
    if (!archive_.has(workbook)) {
      reject();
    }
    std::string rel_id;
    bool seen = false;
    SaxParser workbook_parser(
        [&](std::string_view name, const char** attrs) {
          if (name == "sheet" && !seen) {
            seen = true;
            const char* id = attribute(attrs, "id");
            const char* sheet_name = attribute(attrs, "name");
            rel_id = id ? id : "";
            info_.sheet_name = sheet_name ? sheet_name : "";
          }
        },
        [](std::string_view) {}, [](std::string_view) {});
    parse_member(archive_, workbook, workbook_parser, kMaxSharedStringsBytes);

    std::string target;
    if (!rel_id.empty() && archive_.has(rels)) {
      SaxParser rels_parser(
          [&](std::string_view name, const char** attrs) {
            const char* id = attribute(attrs, "Id");
            const char* to = attribute(attrs, "Target");
            if (name == "Relationship" && id && to && rel_id == id) {
              target = to;
            }
          },
          [](std::string_view) {}, [](std::string_view) {});
      parse_member(archive_, rels, rels_parser, kMaxSharedStringsBytes);
    }
    // Targets are relative to xl/ unless they start at the package root.
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

  // <si> holds either one <t> or rich-text runs <r><t>; <rPh> runs are phonetic guides
  // (furigana) that are not part of the text.
  void load_shared_strings() {
    const std::string name = "xl/sharedStrings.xml";
    if (!archive_.has(name)) {
      return;
    }
    std::string current;
    int phonetic_depth = 0;
    bool in_text = false;
    std::optional<std::string_view> failed;
    SaxParser* self = nullptr;
    SaxParser parser(
        [&](std::string_view element, const char**) {
          if (element == "si") {
            current.clear();
          } else if (element == "rPh") {
            ++phonetic_depth;
          } else if (element == "t" && phonetic_depth == 0) {
            in_text = true;
          }
        },
        [&](std::string_view element) {
          if (element == "si") {
            strings_.push_back(unescape_ooxml(std::move(current)));
            current.clear();
          } else if (element == "rPh") {
            --phonetic_depth;
          } else if (element == "t") {
            in_text = false;
          }
        },
        [&](std::string_view text) {
          if (!in_text) {
            return;
          }
          if (current.size() + text.size() > kMaxCellBytes) {
            failed = kBroken;
            self->stop();
            return;
          }
          current.append(text);
        });
    self = &parser;
    parse_member(archive_, name, parser, kMaxSharedStringsBytes, failed);
  }

  void feed() {
    char buffer[kChunkBytes];
    const zip_int64_t n = sheet_->read(buffer, sizeof buffer);
    if (n < 0) {
      reject(last_row_ + 1);
    }
    if (sheet_->consumed() > kMaxSheetBytes) {
      reject(last_row_ + 1, kTooLarge);
    }
    if (!parser_.feed(buffer, static_cast<size_t>(n), n == 0)) {
      // A handler's own complaint names its row; otherwise the XML broke after the last
      // complete row.
      if (failed_line_ > 0) {
        reject(failed_line_);
      }
      reject(last_row_ + 1);
    }
    if (n == 0) {
      done_ = true;
    }
  }

  void fail(int line) {
    failed_line_ = std::max(line, 1);
    parser_.stop();
  }

  void on_start(std::string_view name, const char** attrs) {
    if (name == "row") {
      start_row(attribute(attrs, "r"));
    } else if (name == "c" && in_row_) {
      start_cell(attribute(attrs, "r"), attribute(attrs, "t"));
    } else if (name == "v" && in_cell_) {
      in_value_ = true;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t" && in_cell_ && phonetic_depth_ == 0) {
      in_inline_ = true;
    }
  }

  void on_end(std::string_view name) {
    if (name == "v") {
      in_value_ = false;
    } else if (name == "t") {
      in_inline_ = false;
    } else if (name == "rPh") {
      --phonetic_depth_;
    } else if (name == "c" && in_cell_) {
      finish_cell();
    } else if (name == "row" && in_row_) {
      finish_row();
    }
  }

  void on_text(std::string_view text) {
    std::string* target = in_value_ ? &cell_value_ : in_inline_ ? &inline_text_ : nullptr;
    if (!target) {
      return;
    }
    if (target->size() + text.size() > kMaxCellBytes) {
      fail(row_.line);
      return;
    }
    target->append(text);
  }

  // Rows without r follow the previous one.
  void start_row(const char* r) {
    row_ = TableRow{};
    const int64_t line = r ? parse_int64(trim(r)).value_or(0) : last_row_ + 1;
    if (line < 1 || line > kMaxRows) {
      fail(last_row_ + 1);
      return;
    }
    row_.line = static_cast<int>(line);
    next_column_ = 0;
    in_row_ = true;
  }

  // Cells without r follow the previous one.
  void start_cell(const char* r, const char* type) {
    const int column = r ? column_of(r) : -1;
    cell_column_ = column >= 0 ? column : next_column_;
    if (cell_column_ >= kMaxColumns) {
      fail(row_.line);
      return;
    }
    cell_type_ = type ? type : "n";
    cell_value_.clear();
    inline_text_.clear();
    in_cell_ = true;
  }

  void finish_cell() {
    in_cell_ = false;
    std::string text;
    if (cell_type_ == "s") {
      const auto index = parse_int64(trim(cell_value_));
      if (!index || *index < 0 || static_cast<size_t>(*index) >= strings_.size()) {
        fail(row_.line);
        return;
      }
      text = strings_[static_cast<size_t>(*index)];
    } else if (cell_type_ == "inlineStr") {
      text = unescape_ooxml(std::move(inline_text_));
    } else if (cell_type_ == "str") {
      text = unescape_ooxml(std::move(cell_value_));
    } else {
      // Numbers, booleans and error values as Excel stored them.
      text = std::move(cell_value_);
    }
    const auto column = static_cast<size_t>(cell_column_);
    if (row_.cells.size() <= column) {
      row_.cells.resize(column + 1);
    }
    row_.cells[column] = std::move(text);
    next_column_ = cell_column_ + 1;
  }

  void finish_row() {
    in_row_ = false;
    last_row_ = row_.line;
    const bool any = std::any_of(row_.cells.begin(), row_.cells.end(),
                                 [](const std::string& cell) { return !trim(cell).empty(); });
    if (any) {
      rows_.push_back(std::move(row_));
    }
  }

  Archive archive_;
  SaxParser parser_;
  TableInfo info_;
  std::vector<std::string> strings_;
  std::unique_ptr<ZipEntry> sheet_;
  bool done_ = false;
  // Rows parsed from the current chunk and not yet handed out.
  std::deque<TableRow> rows_;

  // Parse state of the sheet.
  TableRow row_;
  bool in_row_ = false;
  bool in_cell_ = false;
  int last_row_ = 0;
  int failed_line_ = 0;
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
