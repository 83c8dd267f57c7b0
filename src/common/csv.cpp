#include "common/csv.h"

#include "common/text.h"

namespace fanzha {

namespace {

bool is_blank(const CsvRecord& record) {
  return record.fields.size() == 1 && record.fields[0].empty();
}

}  // namespace

CsvParseResult parse_csv(std::string_view text) {
  text = strip_bom(text);
  CsvParseResult result;
  CsvRecord record;
  std::string field;
  int line = 1;
  record.line = 1;
  size_t i = 0;
  const size_t n = text.size();
  bool record_open = false;

  auto end_field = [&] {
    record.fields.push_back(std::move(field));
    field.clear();
  };
  auto end_record = [&] {
    end_field();
    if (!is_blank(record)) {
      result.records.push_back(std::move(record));
    }
    record = CsvRecord{};
    record_open = false;
  };

  while (i < n) {
    if (!record_open) {
      record.line = line;
      record_open = true;
    }
    const char c = text[i];
    if (c == '"' && field.empty()) {
      // A quoted field runs to the next lone quote.
      const int start_line = line;
      ++i;
      bool closed = false;
      while (i < n) {
        if (text[i] == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        if (text[i] == '\n') {
          ++line;
        }
        field.push_back(text[i]);
        ++i;
      }
      if (!closed) {
        result.error = "引号未闭合";
        result.error_line = start_line;
        return result;
      }
      if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
        result.error = "引号后出现多余字符";
        result.error_line = line;
        return result;
      }
      continue;
    }
    if (c == ',') {
      end_field();
      ++i;
      continue;
    }
    if (c == '\r' || c == '\n') {
      end_record();
      if (c == '\r' && i + 1 < n && text[i + 1] == '\n') {
        ++i;
      }
      ++i;
      ++line;
      continue;
    }
    if (c == '"') {
      result.error = "字段中间出现引号（应写成两个双引号并把整个字段用引号括起）";
      result.error_line = line;
      return result;
    }
    field.push_back(c);
    ++i;
  }
  if (record_open) {
    end_record();
  }
  return result;
}

}  // namespace fanzha
