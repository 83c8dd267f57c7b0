#include "tabular/xlsx_writer.h"

#include <spdlog/spdlog.h>
#include <xlsxwriter.h>

#include <algorithm>

#include "common/error.h"

namespace fanzha::tabular {

namespace {

// Excel's limit on the characters in one cell; libxlsxwriter refuses longer strings.
constexpr size_t kMaxCellChars = 32767;
// Widths are guessed from the header and the first rows: enough to fit typical values
// without holding a million rows to measure.
constexpr size_t kWidthSampleRows = 200;
constexpr double kMinWidth = 8;
constexpr double kMaxWidth = 50;
constexpr double kWidthPadding = 2;

// The first `max_chars` characters of UTF-8 text, never cutting a character in two.
std::string_view utf8_prefix(std::string_view text, size_t max_chars) {
  if (text.size() <= max_chars) {
    return text;  // no more characters than bytes
  }
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) {
      continue;
    }
    if (chars == max_chars) {
      return text.substr(0, i);
    }
    ++chars;
  }
  return text;
}

// Roughly how many character widths of Excel's default font the text takes. Characters
// from U+0800 up (lead bytes from 0xE0) are nearly all CJK or fullwidth here and take two.
size_t display_width(std::string_view text) {
  size_t width = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0xE0) {
      width += 2;
    } else if (byte < 0x80 || byte >= 0xC0) {
      width += 1;
    }
  }
  return width;
}

// Logs what went wrong (never cell texts: they are personal data) and throws.
[[noreturn]] void fail(const std::string& path, std::string_view what) {
  spdlog::error("XLSX {}: {}", path, what);
  throw Error(ErrorCode::kInternal, "cannot write an XLSX file");
}

}  // namespace

struct XlsxWriter::Impl {
  lxw_workbook* workbook = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_format* bold = nullptr;
  lxw_row_t row = 0;
  bool closed = false;
  std::string path;
  std::vector<size_t> widths;

  void write(lxw_col_t col, const std::string& text, lxw_format* format) {
    const std::string_view cut = utf8_prefix(text, kMaxCellChars);
    const lxw_error error =
        cut.size() == text.size()
            ? worksheet_write_string(sheet, row, col, text.c_str(), format)
            : worksheet_write_string(sheet, row, col, std::string(cut).c_str(), format);
    if (error != LXW_NO_ERROR) {
      fail(path, fmt::format("cell at row {} column {} not written: {}", row + 1, col + 1,
                             lxw_strerror(error)));
    }
  }

  void measure(const std::vector<std::string>& cells) {
    if (row > kWidthSampleRows) {
      return;
    }
    widths.resize(std::max(widths.size(), cells.size()), 0);
    for (size_t col = 0; col < cells.size(); ++col) {
      widths[col] = std::max(widths[col], display_width(cells[col]));
    }
  }

  // Writes the file and frees the workbook, whatever happens.
  lxw_error finish() {
    closed = true;
    // Columns can still be sized here: constant-memory mode writes <cols> at close.
    for (size_t col = 0; col < widths.size(); ++col) {
      const double width =
          std::clamp(static_cast<double>(widths[col]) + kWidthPadding, kMinWidth, kMaxWidth);
      worksheet_set_column(sheet, static_cast<lxw_col_t>(col), static_cast<lxw_col_t>(col), width,
                           nullptr);
    }
    return workbook_close(workbook);
  }
};

XlsxWriter::XlsxWriter(const std::string& path, const std::string& sheet_name,
                       const std::vector<std::string>& header)
    : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = const_cast<char*>("/tmp");
  impl_->workbook = workbook_new_opt(path.c_str(), &options);
  if (!impl_->workbook) {
    fail(path, "cannot create the workbook");
  }
  impl_->sheet = workbook_add_worksheet(impl_->workbook, sheet_name.c_str());
  impl_->bold = workbook_add_format(impl_->workbook);
  if (!impl_->sheet || !impl_->bold) {
    // Nothing is on disk before workbook_close(), so freeing leaves no half-written file.
    lxw_workbook_free(impl_->workbook);
    impl_->closed = true;
    fail(path, "cannot add the worksheet (is its name valid?)");
  }
  format_set_bold(impl_->bold);
  try {
    for (size_t col = 0; col < header.size(); ++col) {
      impl_->write(static_cast<lxw_col_t>(col), header[col], impl_->bold);
    }
  } catch (const Error&) {
    lxw_workbook_free(impl_->workbook);
    impl_->closed = true;
    throw;
  }
  impl_->measure(header);
  worksheet_freeze_panes(impl_->sheet, 1, 0);
  impl_->row = 1;
}

XlsxWriter::~XlsxWriter() {
  if (impl_->closed) {
    return;
  }
  const lxw_error error = impl_->finish();
  if (error != LXW_NO_ERROR) {
    spdlog::error("XLSX {} was not written: {}", impl_->path, lxw_strerror(error));
  }
}

void XlsxWriter::add_row(const std::vector<std::string>& cells) {
  if (impl_->closed) {
    throw Error(ErrorCode::kInternal, "XLSX writer used after close");
  }
  for (size_t col = 0; col < cells.size(); ++col) {
    // An empty string would still make a cell; a missing one reads the same.
    if (!cells[col].empty()) {
      impl_->write(static_cast<lxw_col_t>(col), cells[col], nullptr);
    }
  }
  impl_->measure(cells);
  ++impl_->row;
}

void XlsxWriter::close() {
  if (impl_->closed) {
    throw Error(ErrorCode::kInternal, "XLSX writer closed twice");
  }
  const lxw_error error = impl_->finish();
  if (error != LXW_NO_ERROR) {
    fail(impl_->path, fmt::format("the workbook was not written: {}", lxw_strerror(error)));
  }
}

}  // namespace fanzha::tabular
