// Reading the tables people keep rosters in: CSV (UTF-8, with or without BOM, or
// GBK/GB18030 as Excel in China writes it) and XLSX (the first worksheet). Rows come
// one at a time so that a million-row file does not have to sit in memory as cells.
//
// Problems with the file itself (not a table, broken XLSX, unterminated quote, wrong
// delimiter, unknown encoding) throw fanzha::Error with code kImportRejected, a message
// for people and, where known, a detail with the line. Row contents are not judged here.
// A TableReader belongs to one thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fanzha::tabular {

enum class TableFormat { kCsv, kXlsx };

struct TableInfo {
  TableFormat format = TableFormat::kCsv;
  std::string encoding;    // CSV: "UTF-8" or "GB18030"; XLSX: "UTF-8"
  std::string sheet_name;  // XLSX: the worksheet read; CSV: empty
};

struct TableRow {
  // The row number people see: the CSV line where the record starts, or the Excel row.
  int line = 0;
  // Cell texts, left to right; trailing empty cells may be missing. Numbers in XLSX come
  // as Excel stored them (e.g. "3.41822199001011E+17" for a long number typed as one).
  std::vector<std::string> cells;
};

class TableReader {
 public:
  virtual ~TableReader() = default;
  virtual const TableInfo& info() const = 0;
  // The next row that has at least one non-empty cell; nullopt after the last one.
  virtual std::optional<TableRow> next() = 0;
  // How much of the input has been consumed, from 0 to 1 (for progress bars).
  virtual double progress() const = 0;
};

// Opens `path`, telling XLSX (a zip archive) from CSV by the file's first bytes.
std::unique_ptr<TableReader> open_table(const std::string& path);

}  // namespace fanzha::tabular
