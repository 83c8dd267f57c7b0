// SQL for roster import jobs: one row per uploaded file, its state, progress counts and
// the kept report. Works on a Connection lent by the caller; not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace fanzha::store {

struct ImportJob {
  int64_t id = 0;
  std::string kind;  // "people"
  int64_t org_unit_id = 0;
  std::string org_unit_name;
  std::optional<int64_t> user_id;
  std::string username;
  std::string file_name;
  std::string stored_path;
  int64_t file_bytes = 0;
  std::string mode;     // "all_or_nothing" | "valid_rows"
  std::string mapping;  // JSON {"header": "field" | "ignore"}
  std::string status;   // needs_mapping | queued | running | succeeded | rejected | failed
  int64_t rows_total = 0;
  int64_t rows_done = 0;
  int64_t created = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t rejected = 0;
  std::string report;  // JSON
  std::string rejects_path;
  int64_t created_at = 0;
  std::optional<int64_t> started_at;
  std::optional<int64_t> finished_at;
};

class ImportJobStore {
 public:
  explicit ImportJobStore(Connection& connection) : c_(connection) {}

  int64_t insert(const ImportJob& job);
  std::optional<ImportJob> find(int64_t id);
  // Jobs whose unit is within `path`, newest first.
  std::vector<ImportJob> list(std::string_view path, int limit);
  void save(const ImportJob& job);  // every mutable column
  // Jobs a stopped server left queued or running (for marking them failed at start-up).
  std::vector<ImportJob> unfinished();

 private:
  Connection& c_;
};

}  // namespace fanzha::store
