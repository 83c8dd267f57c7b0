// An RFC 4180 CSV reader: comma-separated fields, double-quoted fields that may hold
// commas, quotes ("") and line breaks, CRLF or LF line ends, an optional UTF-8 BOM.
// Pure and thread-safe; it does not check the encoding (callers validate UTF-8).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fanzha {

struct CsvRecord {
  int line = 0;  // 1-based line number where the record starts
  std::vector<std::string> fields;
};

struct CsvParseResult {
  std::vector<CsvRecord> records;  // blank lines are skipped
  // Set when the text could not be read as CSV (an unterminated quote, a stray quote).
  std::optional<std::string> error;
  int error_line = 0;
};

CsvParseResult parse_csv(std::string_view text);

}  // namespace fanzha
