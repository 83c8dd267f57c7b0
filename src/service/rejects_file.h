// The rejected rows of an import as the XLSX people download and fix: the original line
// number, the row's cells under the file's own headers, and the reasons. The file is
// created with the first rejected row. Not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "tabular/table_reader.h"
#include "tabular/xlsx_writer.h"

namespace fanzha::service {

class RejectsFile {
 public:
  RejectsFile(std::string path, std::vector<std::string> header)
      : path_(std::move(path)), header_(std::move(header)) {}

  void add(const tabular::TableRow& row, const std::vector<ErrorDetail>& errors) {
    if (!writer_) {
      std::vector<std::string> header = {"原行号"};
      header.insert(header.end(), header_.begin(), header_.end());
      header.push_back("错误原因");
      writer_ = std::make_unique<tabular::XlsxWriter>(path_, "未导入的行", header);
    }
    std::vector<std::string> cells = {std::to_string(row.line)};
    cells.insert(cells.end(), row.cells.begin(), row.cells.end());
    cells.resize(header_.size() + 1);
    std::string reasons;
    for (const auto& e : errors) {
      reasons += (reasons.empty() ? "" : "；") + e.message;
    }
    cells.push_back(reasons);
    writer_->add_row(cells);
  }

  // Finishes the file; false when no row was rejected (and no file written).
  bool close() {
    if (!writer_) {
      return false;
    }
    writer_->close();
    return true;
  }

 private:
  std::string path_;
  std::vector<std::string> header_;
  std::unique_ptr<tabular::XlsxWriter> writer_;
};

}  // namespace fanzha::service
