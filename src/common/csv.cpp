#include "common/csv.h"

#include "common/text.h"

namespace fanzha {

CsvCursor::CsvCursor(std::string_view text) : text_(text) {
  const std::string_view body = strip_bom(text);
  pos_ = text.size() - body.size();
}

std::optional<CsvRecord> CsvCursor::next() {
  const size_t n = text_.size();
  while (!error_ && pos_ < n) {
    CsvRecord record;
    record.line = line_;
    std::string field;
    bool record_done = false;
    while (!record_done) {
      if (pos_ >= n) {
        record.fields.push_back(std::move(field));
        break;
      }
      const char c = text_[pos_];
      if (c == '"' && field.empty()) {
        // A quoted field runs to the next lone quote.
        const int start_line = line_;
        ++pos_;
        bool closed = false;
        while (pos_ < n) {
          if (text_[pos_] == '"') {
            if (pos_ + 1 < n && text_[pos_ + 1] == '"') {
              field.push_back('"');
              pos_ += 2;
              continue;
            }
            ++pos_;
            closed = true;
            break;
          }
          if (text_[pos_] == '\n') {
            ++line_;
          }
          field.push_back(text_[pos_]);
          ++pos_;
        }
        if (!closed) {
          error_ = "引号未闭合";
          error_line_ = start_line;
          return std::nullopt;
        }
        if (pos_ < n && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
          error_ = "引号后出现多余字符";
          error_line_ = line_;
          return std::nullopt;
        }
        continue;
      }
      if (c == ',') {
        record.fields.push_back(std::move(field));
        field.clear();
        ++pos_;
        continue;
      }
      if (c == '\r' || c == '\n') {
        record.fields.push_back(std::move(field));
        if (c == '\r' && pos_ + 1 < n && text_[pos_ + 1] == '\n') {
          ++pos_;
        }
        ++pos_;
        ++line_;
        record_done = true;
        continue;
      }
      if (c == '"') {
        error_ = "字段中间出现引号（应写成两个双引号并把整个字段用引号括起）";
        error_line_ = line_;
        return std::nullopt;
      }
      field.push_back(c);
      ++pos_;
    }
    const bool blank = record.fields.size() == 1 && record.fields[0].empty();
    if (!blank) {
      return record;
    }
  }
  return std::nullopt;
}

CsvParseResult parse_csv(std::string_view text) {
  CsvParseResult result;
  CsvCursor cursor(text);
  while (auto record = cursor.next()) {
    result.records.push_back(std::move(*record));
  }
  result.error = cursor.error();
  result.error_line = cursor.error_line();
  return result;
}

}  // namespace fanzha
