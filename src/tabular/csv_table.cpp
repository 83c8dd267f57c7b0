#include "tabular/csv_table.h"

#include <iconv.h>

#include <cerrno>

#include "common/csv.h"
#include "common/error.h"
#include "common/text.h"

namespace fanzha::tabular {

namespace {

[[noreturn]] void reject(std::string message, int line = 0) {
  throw Error(ErrorCode::kImportRejected, message).with_details({{line, "", message}});
}

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUnknownEncoding =
    "无法识别文件编码（请保存为 UTF-8 或 GBK 编码的 CSV）";

// GB18030 (a superset of GBK and GB2312) to UTF-8; nullopt when the bytes are not GB18030.
// Takes the bytes to free them before trimming the output: a 100 MB file should not be
// held three times over.
std::optional<std::string> gb18030_to_utf8(std::string in) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    throw Error(ErrorCode::kInternal, "iconv has no GB18030 converter");
  }
  // Two-byte GBK characters become three UTF-8 bytes; ASCII stays one.
  std::string out(in.size() + in.size() / 2 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  char* dst = out.data();
  size_t dst_left = out.size();
  bool ok = true;
  while (src_left > 0) {
    if (iconv(cd, &src, &src_left, &dst, &dst_left) == static_cast<size_t>(-1)) {
      if (errno == E2BIG) {
        const size_t used = static_cast<size_t>(dst - out.data());
        out.resize(out.size() * 2);
        dst = out.data() + used;
        dst_left = out.size() - used;
        continue;
      }
      // EILSEQ (not GB18030) or EINVAL (a character cut off at the end).
      ok = false;
      break;
    }
  }
  iconv_close(cd);
  if (!ok) {
    return std::nullopt;
  }
  out.resize(static_cast<size_t>(dst - out.data()));
  std::string().swap(in);
  out.shrink_to_fit();
  return out;
}

bool all_blank(const std::vector<std::string>& cells) {
  for (const auto& cell : cells) {
    if (!trim(cell).empty()) {
      return false;
    }
  }
  return true;
}

class CsvTable final : public TableReader {
 public:
  CsvTable(std::string text, std::string encoding) : text_(std::move(text)), cursor_(text_) {
    info_.format = TableFormat::kCsv;
    info_.encoding = std::move(encoding);
  }

  const TableInfo& info() const override { return info_; }

  std::optional<TableRow> next() override {
    while (true) {
      auto record = cursor_.next();
      if (!record) {
        if (cursor_.error()) {
          reject("CSV 第" + std::to_string(cursor_.error_line()) + "行：" + *cursor_.error(),
                 cursor_.error_line());
        }
        return std::nullopt;
      }
      if (first_) {
        first_ = false;
        check_delimiter(*record);
      }
      if (all_blank(record->fields)) {
        continue;
      }
      return TableRow{record->line, std::move(record->fields)};
    }
  }

  double progress() const override {
    return cursor_.size() == 0
               ? 1.0
               : static_cast<double>(cursor_.offset()) / static_cast<double>(cursor_.size());
  }

 private:
  // A header that is one field holding semicolons or tabs is a file saved with another
  // delimiter: reading it as commas would only give confusing errors on every row.
  static void check_delimiter(const CsvRecord& header) {
    if (header.fields.size() != 1) {
      return;
    }
    const std::string& only = header.fields[0];
    if (only.find(';') != std::string::npos || only.find('\t') != std::string::npos ||
        only.find('|') != std::string::npos || only.find("\xEF\xBD\x9C") != std::string::npos) {
      reject("文件似乎用分号/制表符分隔，请另存为逗号分隔的 CSV（CSV UTF-8）", header.line);
    }
  }

  std::string text_;
  CsvCursor cursor_;
  TableInfo info_;
  bool first_ = true;
};

}  // namespace

std::unique_ptr<TableReader> open_csv_table(std::string bytes) {
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    reject("文件是 UTF-16（“Unicode 文本”）格式，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”");
  }
  if (is_valid_utf8(bytes)) {
    return std::make_unique<CsvTable>(std::move(bytes), "UTF-8");
  }
  // A BOM promises UTF-8: reading the rest as GB18030 would only turn it into nonsense.
  if (bytes.starts_with(kUtf8Bom)) {
    reject(std::string(kUnknownEncoding));
  }
  auto decoded = gb18030_to_utf8(std::move(bytes));
  if (!decoded || !is_valid_utf8(*decoded)) {
    reject(std::string(kUnknownEncoding));
  }
  return std::make_unique<CsvTable>(std::move(*decoded), "GB18030");
}

}  // namespace fanzha::tabular
