// Writing one-sheet XLSX workbooks (exports, reject lists) with libxlsxwriter in its
// constant-memory mode, so a million rows stream straight to the file. Every cell is
// written as text, so ID and phone numbers keep all their digits. The header row is bold
// and frozen. Throws fanzha::Error (kInternal) when the file cannot be written.
// One writer per file, one thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace fanzha::tabular {

class XlsxWriter {
 public:
  XlsxWriter(const std::string& path, const std::string& sheet_name,
             const std::vector<std::string>& header);
  ~XlsxWriter();  // closes the file if close() was not called (errors are then only logged)
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  void add_row(const std::vector<std::string>& cells);
  // Finishes the workbook; throws when it cannot be written.
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fanzha::tabular
