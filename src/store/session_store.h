// SQL for login sessions. Only the digest of a session token is stored.
// Works on a Connection lent by the caller; not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/database.h"

namespace fanzha::store {

struct SessionRecord {
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at = 0;
  int64_t last_seen_at = 0;
  std::string client_addr;
};

class SessionStore {
 public:
  explicit SessionStore(Connection& connection) : c_(connection) {}

  void insert(const SessionRecord& session);
  std::optional<SessionRecord> find(std::string_view token_hash);
  void touch(std::string_view token_hash, int64_t last_seen_at);
  void remove(std::string_view token_hash);
  // Removes every session of the user (except `keep_token_hash`, when given).
  void remove_for_user(int64_t user_id, std::string_view keep_token_hash = {});
  // Removes sessions idle since before `cutoff`; returns how many.
  int64_t remove_idle(int64_t cutoff);

 private:
  Connection& c_;
};

}  // namespace fanzha::store
