#include "tabular/xlsx_writer.h"

#include <spdlog/spdlog.h>
#include <xlsxwriter.h>

#include <algorithm>

#include "common/error.h"
#include "common/text.h"

namespace fanzha::tabular {

namespace {

// Excel refuses longer cells.
constexpr size_t kMaxCellBytes = 32767;

}  // namespace

struct XlsxWriter::Impl {
  lxw_workbook* workbook = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_format* bold = nullptr;
  lxw_row_t row = 0;
  bool closed = false;
  std::string path;
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
    throw Error(ErrorCode::kInternal, "cannot create an XLSX file");
  }
  impl_->sheet = workbook_add_worksheet(impl_->workbook, sheet_name.c_str());
  impl_->bold = workbook_add_format(impl_->workbook);
  format_set_bold(impl_->bold);
  for (size_t col = 0; col < header.size(); ++col) {
    // Column width in characters; CJK characters take about two.
    const double width =
        std::clamp(static_cast<double>(utf8_length(header[col])) * 2.2 + 4, 10.0, 40.0);
    worksheet_set_column(impl_->sheet, static_cast<lxw_col_t>(col), static_cast<lxw_col_t>(col),
                         width, nullptr);
  }
  for (size_t col = 0; col < header.size(); ++col) {
    worksheet_write_string(impl_->sheet, 0, static_cast<lxw_col_t>(col), header[col].c_str(),
                           impl_->bold);
  }
  worksheet_freeze_panes(impl_->sheet, 1, 0);
  impl_->row = 1;
}

XlsxWriter::~XlsxWriter() {
  if (!impl_->closed) {
    const lxw_error error = workbook_close(impl_->workbook);
    if (error != LXW_NO_ERROR) {
      spdlog::error("XLSX {} was not written: {}", impl_->path, lxw_strerror(error));
    }
  }
}

void XlsxWriter::add_row(const std::vector<std::string>& cells) {
  for (size_t col = 0; col < cells.size(); ++col) {
    if (cells[col].empty()) {
      continue;
    }
    const std::string& text = cells[col];
    const std::string cut =
        text.size() > kMaxCellBytes ? text.substr(0, kMaxCellBytes) : std::string();
    worksheet_write_string(impl_->sheet, impl_->row, static_cast<lxw_col_t>(col),
                           cut.empty() ? text.c_str() : cut.c_str(), nullptr);
  }
  ++impl_->row;
}

void XlsxWriter::close() {
  impl_->closed = true;
  const lxw_error error = workbook_close(impl_->workbook);
  if (error != LXW_NO_ERROR) {
    spdlog::error("XLSX {} was not written: {}", impl_->path, lxw_strerror(error));
    throw Error(ErrorCode::kInternal, "cannot write an XLSX file");
  }
}

}  // namespace fanzha::tabular
