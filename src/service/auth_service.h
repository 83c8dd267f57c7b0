// Sign-in, sessions and password changes.
//
// A session is a random 256-bit token in an HttpOnly cookie; the database keeps only its
// digest. Sessions end after `idle_timeout_ms` without a request. Validated sessions are
// cached in memory (the last-seen time is written back at most once a minute) and
// reloaded whenever the AuthEpoch moves. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/org_unit.h"
#include "domain/user.h"
#include "service/actor.h"
#include "service/context.h"

namespace fanzha::service {

struct AuthOptions {
  int64_t idle_timeout_ms = 30 * kMillisPerMinute;
  // How often a busy session's last-seen time is written to the database.
  int64_t touch_interval_ms = kMillisPerMinute;
};

enum class LoginStatus { kOk, kBadCredentials, kLocked, kDisabled };

struct LoginResult {
  LoginStatus status = LoginStatus::kBadCredentials;
  std::string token;       // set on success
  std::string csrf_token;  // set on success
  std::optional<domain::User> user;
  std::optional<int64_t> locked_until;  // set when locked
};

// The signed-in user and the unit they are bound to.
struct Me {
  domain::User user;
  domain::OrgUnit unit;
};

// A request's validated session.
struct SessionContext {
  Actor actor;
  std::string csrf_token;
  std::string token_hash;
};

class AuthService {
 public:
  AuthService(ServiceContext context, AuthOptions options = {});

  // Checks the password and opens a session. Refusals are values, and are audited.
  LoginResult login(std::string_view username, std::string_view password,
                    std::string_view client_addr);
  // The session behind a cookie token, if it is valid; refreshes its idle timer.
  std::optional<SessionContext> authenticate(std::string_view token, std::string_view client_addr);
  void logout(const SessionContext& session);
  Me whoami(const SessionContext& session);
  // Changes the actor's own password; other sessions of the user are closed.
  void change_password(const SessionContext& session, std::string_view current_password,
                       std::string_view new_password);

 private:
  struct CachedSession {
    int64_t user_id = 0;
    Actor actor;  // without client_addr
    std::string csrf_token;
    int64_t last_seen_at = 0;
    int64_t persisted_at = 0;
    uint64_t epoch = 0;
  };

  std::optional<CachedSession> load_session(const std::string& token_hash, int64_t now);
  void forget(const std::string& token_hash);
  void purge_idle(int64_t now);

  ServiceContext ctx_;
  AuthOptions options_;
  std::string dummy_hash_;  // verified against for unknown usernames, to equalise timing
  std::mutex mutex_;
  std::unordered_map<std::string, CachedSession> cache_;
  int64_t last_purge_at_ = 0;
};

}  // namespace fanzha::service
