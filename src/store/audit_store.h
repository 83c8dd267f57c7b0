// SQL for the append-only audit log. Works on a Connection lent by the caller (writes go
// in the same transaction as the change they record). Not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace fanzha::store {

struct AuditRecord {
  int64_t id = 0;
  int64_t at = 0;
  std::optional<int64_t> user_id;
  std::string username;
  std::string action;       // e.g. "org.create", "auth.login"
  std::string entity_type;  // e.g. "org_unit", "user"
  std::string entity_id;
  std::string scope_path;  // path of the org unit the entry belongs to
  std::string summary;     // JSON text
  std::string client_addr;
  std::string outcome;  // "ok" or an error code
};

struct AuditFilter {
  std::string scope_path;         // entries within this path
  bool include_unscoped = false;  // also entries with scope "/" (whole-tree admins)
  std::string username;
  std::string action;  // exact, or a prefix ending in '.' ("org.")
  std::string entity_type;
  std::string entity_id;
  std::optional<int64_t> from;  // at >= from
  std::optional<int64_t> to;    // at < to
  int limit = 50;
  int offset = 0;
};

struct AuditPage {
  std::vector<AuditRecord> entries;
  int64_t total = 0;
};

class AuditStore {
 public:
  explicit AuditStore(Connection& connection) : c_(connection) {}

  void insert(const AuditRecord& record);
  AuditPage list(const AuditFilter& filter);

 private:
  Connection& c_;
};

}  // namespace fanzha::store
