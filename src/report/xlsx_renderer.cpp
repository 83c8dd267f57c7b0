#include "report/xlsx_renderer.h"

#include <spdlog/spdlog.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>
#include <numeric>
#include <vector>

#include "common/error.h"
#include "common/text.h"

namespace fanzha::report {

namespace {

constexpr const char* kSheetName = "通报";
// Doubles keep 15 significant digits; longer digit strings (IDs, phone numbers) stay text.
constexpr size_t kMaxNumberDigits = 15;
// Column widths in Excel's character units.
constexpr double kMinWidth = 8;
constexpr double kMaxWidth = 40;
constexpr double kWidthPadding = 2;
constexpr double kParagraphOnlyWidth = 80;  // column A when there is no table
// Row heights in points.
constexpr double kTitleHeight = 30;
constexpr double kLineHeight = 16;
constexpr lxw_color_t kHeaderShade = 0xDBDBDB;
constexpr lxw_color_t kHighlight = 0xFFD9D9;
constexpr uint8_t kPaperA4 = 9;

// About how many character widths of Excel's default font `text` takes: characters
// from U+0800 up (CJK, fullwidth punctuation) take two.
size_t display_width(std::string_view text) {
  size_t width = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0xE0) {
      width += 2;
    } else if ((byte & 0xC0) != 0x80) {
      width += 1;
    }
  }
  return width;
}

[[noreturn]] void fail(const std::string& path, std::string_view what) {
  spdlog::error("report XLSX {}: {}", path, what);
  throw Error(ErrorCode::kInternal, "cannot write an XLSX file");
}

// The text for libxlsxwriter, which would write anything but UTF-8 into a broken file.
const char* utf8(const std::string& text, const std::string& path) {
  if (!is_valid_utf8(text)) {
    fail(path, "a text is not UTF-8");
  }
  return text.c_str();
}

struct WorkbookFree {
  void operator()(lxw_workbook* workbook) const { lxw_workbook_free(workbook); }
};

struct Formats {
  lxw_format *title, *subtitle, *heading, *paragraph, *caption, *header, *signature;
  lxw_format *text[2], *right_text[2], *number[2];  // [0] plain, [1] highlighted
};

class SheetWriter {
 public:
  SheetWriter(lxw_workbook* workbook, const ReportDocument& document, const std::string& path)
      : document_(document), path_(path) {
    sheet_ = workbook_add_worksheet(workbook, kSheetName);
    if (!sheet_) {
      fail(path_, "cannot add the worksheet");
    }
    make_formats(workbook);
    size_columns();
  }

  void write() {
    worksheet_set_paper(sheet_, kPaperA4);
    worksheet_set_portrait(sheet_);
    worksheet_fit_to_pages(sheet_, 1, 0);  // as wide as one page, as long as it takes
    if (!document_.title.empty()) {
      check(worksheet_set_row(sheet_, row_, kTitleHeight, nullptr));
      across(document_.title, formats_.title);
    }
    if (!document_.subtitle.empty()) {
      across(document_.subtitle, formats_.subtitle);
    }
    ++row_;
    for (const ReportBlock& block : document_.blocks) {
      switch (block.kind) {
        case ReportBlock::Kind::kHeading:
          check(
              worksheet_write_string(sheet_, row_++, 0, utf8(block.text, path_), formats_.heading));
          break;
        case ReportBlock::Kind::kParagraph:
          paragraph(block.text);
          break;
        case ReportBlock::Kind::kTable:
          table(block.table);
          break;
      }
    }
    ++row_;
    for (const std::string* line : {&document_.issuer, &document_.issued_on}) {
      if (!line->empty()) {
        across(*line, formats_.signature);
      }
    }
  }

 private:
  lxw_format* format(lxw_workbook* workbook) {
    lxw_format* f = workbook_add_format(workbook);
    if (!f) {
      fail(path_, "cannot add a cell format");
    }
    return f;
  }

  void make_formats(lxw_workbook* workbook) {
    formats_.title = format(workbook);
    format_set_bold(formats_.title);
    format_set_font_size(formats_.title, 16);
    format_set_align(formats_.title, LXW_ALIGN_CENTER);
    format_set_align(formats_.title, LXW_ALIGN_VERTICAL_CENTER);
    formats_.subtitle = format(workbook);
    format_set_align(formats_.subtitle, LXW_ALIGN_CENTER);
    formats_.heading = format(workbook);
    format_set_bold(formats_.heading);
    format_set_font_size(formats_.heading, 12);
    formats_.paragraph = format(workbook);
    format_set_text_wrap(formats_.paragraph);
    format_set_align(formats_.paragraph, LXW_ALIGN_VERTICAL_TOP);
    formats_.caption = format(workbook);
    format_set_bold(formats_.caption);
    formats_.header = format(workbook);
    format_set_bold(formats_.header);
    format_set_border(formats_.header, LXW_BORDER_THIN);
    format_set_bg_color(formats_.header, kHeaderShade);
    format_set_align(formats_.header, LXW_ALIGN_CENTER);
    format_set_text_wrap(formats_.header);
    formats_.signature = format(workbook);
    format_set_align(formats_.signature, LXW_ALIGN_RIGHT);
    for (int lit = 0; lit < 2; ++lit) {
      for (lxw_format** cell :
           {&formats_.text[lit], &formats_.right_text[lit], &formats_.number[lit]}) {
        *cell = format(workbook);
        format_set_border(*cell, LXW_BORDER_THIN);
        if (lit) {
          format_set_bg_color(*cell, kHighlight);
        }
      }
      format_set_align(formats_.right_text[lit], LXW_ALIGN_RIGHT);
    }
  }

  // Columns as wide as the widest cell of any table in them.
  void size_columns() {
    for (const ReportBlock& block : document_.blocks) {
      if (block.kind != ReportBlock::Kind::kTable) {
        continue;
      }
      measure(block.table.header);
      for (const std::vector<std::string>& row : block.table.rows) {
        measure(row);
      }
    }
    if (widths_.empty()) {
      widths_.push_back(kParagraphOnlyWidth);
    }
    for (size_t col = 0; col < widths_.size(); ++col) {
      const auto c = static_cast<lxw_col_t>(col);
      check(worksheet_set_column(sheet_, c, c, widths_[col], nullptr));
    }
  }

  void measure(const std::vector<std::string>& cells) {
    widths_.resize(std::max(widths_.size(), cells.size()), kMinWidth);
    for (size_t col = 0; col < cells.size(); ++col) {
      const double width = static_cast<double>(display_width(cells[col])) + kWidthPadding;
      widths_[col] = std::max(widths_[col], std::min(width, kMaxWidth));
    }
  }

  void check(lxw_error error) const {
    if (error != LXW_NO_ERROR) {
      fail(path_, fmt::format("row {}: {}", row_ + 1, lxw_strerror(error)));
    }
  }

  // One row: `text` in a cell merged across the table columns.
  void across(const std::string& text, lxw_format* f) {
    const auto last = static_cast<lxw_col_t>(widths_.size() - 1);
    check(last == 0 ? worksheet_write_string(sheet_, row_, 0, utf8(text, path_), f)
                    : worksheet_merge_range(sheet_, row_, 0, row_, last, utf8(text, path_), f));
    ++row_;
  }

  // Excel does not grow merged rows to fit wrapped text, so the height is estimated.
  void paragraph(const std::string& text) {
    const double chars_per_line =
        std::max(1.0, std::accumulate(widths_.begin(), widths_.end(), 0.0) - kWidthPadding);
    const double lines =
        std::max(1.0, std::ceil(static_cast<double>(display_width(text)) / chars_per_line));
    check(worksheet_set_row(sheet_, row_, lines * kLineHeight, nullptr));
    across(text, formats_.paragraph);
  }

  void table(const ReportTable& table) {
    if (!table.caption.empty()) {
      check(
          worksheet_write_string(sheet_, row_++, 0, utf8(table.caption, path_), formats_.caption));
    }
    for (size_t col = 0; col < table.header.size(); ++col) {
      check(worksheet_write_string(sheet_, row_, static_cast<lxw_col_t>(col),
                                   utf8(table.header[col], path_), formats_.header));
    }
    if (!table.header.empty()) {
      ++row_;
    }
    std::vector<bool> highlighted(table.rows.size(), false);
    for (const size_t index : table.highlight_rows) {
      if (index < table.rows.size()) {
        highlighted[index] = true;
      }
    }
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const int lit = highlighted[r] ? 1 : 0;
      const std::vector<std::string>& cells = table.rows[r];
      for (size_t col = 0; col < cells.size(); ++col) {
        const auto c = static_cast<lxw_col_t>(col);
        if (const std::optional<double> number = cell_number(cells[col])) {
          check(worksheet_write_number(sheet_, row_, c, *number, formats_.number[lit]));
          continue;
        }
        const bool right = col < table.numeric.size() && table.numeric[col];
        lxw_format* f = right ? formats_.right_text[lit] : formats_.text[lit];
        check(cells[col].empty()
                  ? worksheet_write_blank(sheet_, row_, c, f)
                  : worksheet_write_string(sheet_, row_, c, utf8(cells[col], path_), f));
      }
      ++row_;
    }
    ++row_;  // a blank row after each table
  }

  const ReportDocument& document_;
  const std::string& path_;
  lxw_worksheet* sheet_ = nullptr;
  Formats formats_{};
  std::vector<double> widths_;
  lxw_row_t row_ = 0;
};

}  // namespace

std::optional<double> cell_number(std::string_view cell) {
  std::string_view digits = cell;
  if (!digits.empty() && digits.front() == '-') {
    digits.remove_prefix(1);
  }
  const size_t point = digits.find('.');
  const std::string_view whole = digits.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : digits.substr(point + 1);
  const auto all_digits = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.empty() || !all_digits(whole) || !all_digits(fraction) ||
      (point != std::string_view::npos && fraction.empty()) ||
      (whole.size() > 1 && whole.front() == '0') ||  // "007" is a code, not seven
      whole.size() + fraction.size() > kMaxNumberDigits) {
    return std::nullopt;
  }
  double value = 0;
  const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (error != std::errc() || end != cell.data() + cell.size()) {
    return std::nullopt;
  }
  return value;
}

void write_report_xlsx(const ReportDocument& document, const std::string& path) {
  std::unique_ptr<lxw_workbook, WorkbookFree> workbook(workbook_new(path.c_str()));
  if (!workbook) {
    fail(path, "cannot create the workbook");
  }
  SheetWriter(workbook.get(), document, path).write();
  // workbook_close() frees the workbook whether or not the file could be written.
  const lxw_error error = workbook_close(workbook.release());
  if (error != LXW_NO_ERROR) {
    fail(path, fmt::format("the workbook was not written: {}", lxw_strerror(error)));
  }
}

}  // namespace fanzha::report
