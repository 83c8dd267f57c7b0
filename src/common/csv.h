// An RFC 4180 CSV reader: comma-separated fields, double-quoted fields that may hold
// commas, quotes ("") and line breaks, CRLF or LF line ends, an optional UTF-8 BOM.
// Pure and thread-compatible; it does not check the encoding (callers validate UTF-8).
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

// Reads records one at a time from text that outlives the cursor. Blank lines are
// skipped. After `next()` returns nullopt, `error()` says whether the text ended or
// could not be read (an unterminated quote, a stray quote) and `error_line()` where.
class CsvCursor {
 public:
  explicit CsvCursor(std::string_view text);

  std::optional<CsvRecord> next();
  const std::optional<std::string>& error() const { return error_; }
  int error_line() const { return error_line_; }
  // Bytes consumed so far (for progress).
  size_t offset() const { return pos_; }
  size_t size() const { return text_.size(); }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
  std::optional<std::string> error_;
  int error_line_ = 0;
};

struct CsvParseResult {
  std::vector<CsvRecord> records;  // blank lines are skipped
  // Set when the text could not be read as CSV (an unterminated quote, a stray quote).
  std::optional<std::string> error;
  int error_line = 0;
};

// All records at once (for small files such as org trees).
CsvParseResult parse_csv(std::string_view text);

}  // namespace fanzha
