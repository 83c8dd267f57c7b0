#include "service/auth_service.h"

#include "common/text.h"
#include "service/audit_trail.h"
#include "store/org_store.h"
#include "store/session_store.h"
#include "store/user_store.h"

namespace fanzha::service {

using domain::User;

namespace {

constexpr size_t kTokenBytes = 32;
constexpr size_t kCsrfBytes = 24;
constexpr size_t kMaxAuditedUsernameBytes = 64;

Actor actor_for(const User& user, const std::string& unit_path) {
  Actor actor;
  actor.user_id = user.id;
  actor.username = user.username;
  actor.display_name = user.display_name;
  actor.role = user.role;
  actor.unit_id = user.org_unit_id;
  actor.scope_path = unit_path;
  actor.must_change_password = user.must_change_password;
  return actor;
}

// What a failed login records as the username: the attempt, cut to a sane size.
std::string audited_username(std::string_view username) {
  std::string out(username.substr(0, kMaxAuditedUsernameBytes));
  if (!is_valid_utf8(out) || has_control_chars(out)) {
    return "(invalid)";
  }
  return out;
}

}  // namespace

AuthService::AuthService(ServiceContext context, AuthOptions options)
    : ctx_(context), options_(options), dummy_hash_(ctx_.hasher.hash(ctx_.random.hex_token(16))) {}

LoginResult AuthService::login(std::string_view username, std::string_view password,
                               std::string_view client_addr) {
  const int64_t now = ctx_.clock.now_ms();
  std::optional<store::UserCredentials> found;
  {
    auto lease = ctx_.db.read();
    found = store::UserStore(*lease).find_credentials(username);
  }

  Actor actor;
  actor.username = found ? found->user.username : audited_username(username);
  actor.user_id = found ? std::optional(found->user.id) : std::nullopt;
  actor.client_addr = std::string(client_addr);
  const std::string scope = found ? found->unit_path : std::string(domain::kWholeTreePath);
  const std::string entity_id = found ? std::to_string(found->user.id) : std::string();
  auto audit_refusal = [&](std::string_view outcome, nlohmann::json summary) {
    ctx_.db.transact([&](store::Connection& c) {
      record_audit(
          c, ctx_.clock, actor,
          {"auth.login", "user", entity_id, scope, std::move(summary), std::string(outcome)});
    });
  };

  LoginResult result;
  if (!found) {
    ctx_.hasher.verify(dummy_hash_, password);
    audit_refusal("invalid_credentials", {{"reason", "unknown_user"}});
    return result;
  }
  const User& user = found->user;
  if (user.locked_until && *user.locked_until > now) {
    result.status = LoginStatus::kLocked;
    result.locked_until = user.locked_until;
    audit_refusal("account_locked", {{"locked_until", *user.locked_until}});
    return result;
  }
  if (!ctx_.hasher.verify(found->password_hash, password)) {
    const int64_t lock_until = now + domain::kLockoutMs;
    const bool lock_expired = user.locked_until.has_value();
    int failures = 0;
    ctx_.db.transact([&](store::Connection& c) {
      store::UserStore users(c);
      if (lock_expired) {
        users.clear_failed_logins(user.id);  // a served lockout starts a fresh count
      }
      failures = users.record_failed_login(user.id, domain::kMaxFailedLogins, lock_until, now);
      const bool locked = failures >= domain::kMaxFailedLogins;
      record_audit(c, ctx_.clock, actor,
                   {"auth.login",
                    "user",
                    entity_id,
                    scope,
                    {{"reason", "wrong_password"}, {"failures", failures}},
                    locked ? "account_locked" : "invalid_credentials"});
    });
    if (failures >= domain::kMaxFailedLogins) {
      result.status = LoginStatus::kLocked;
      result.locked_until = lock_until;
    }
    return result;
  }
  if (!user.active || !found->unit_active) {
    result.status = LoginStatus::kDisabled;
    audit_refusal("account_disabled",
                  {{"reason", user.active ? "unit_inactive" : "user_inactive"}});
    return result;
  }

  result.status = LoginStatus::kOk;
  result.token = ctx_.random.hex_token(kTokenBytes);
  result.csrf_token = ctx_.random.hex_token(kCsrfBytes);
  const std::string token_hash = token_digest(result.token);
  const bool rehash = ctx_.hasher.needs_rehash(found->password_hash);
  const std::string new_hash = rehash ? ctx_.hasher.hash(password) : std::string();
  ctx_.db.transact([&](store::Connection& c) {
    store::UserStore users(c);
    if (user.failed_logins > 0 || user.locked_until) {
      users.clear_failed_logins(user.id);
    }
    if (rehash) {
      users.set_password(user.id, new_hash, user.must_change_password, now);
    }
    store::SessionStore(c).insert(
        {token_hash, user.id, result.csrf_token, now, now, std::string(client_addr)});
    record_audit(c, ctx_.clock, actor, {"auth.login", "user", entity_id, scope, {}});
  });
  result.user = user;
  result.user->failed_logins = 0;
  result.user->locked_until.reset();
  {
    std::lock_guard lock(mutex_);
    cache_[token_hash] =
        CachedSession{user.id, actor_for(user, found->unit_path), result.csrf_token, now,
                      now,     ctx_.auth_epoch.current()};
  }
  purge_idle(now);
  return result;
}

std::optional<AuthService::CachedSession> AuthService::load_session(const std::string& token_hash,
                                                                    int64_t now) {
  const uint64_t epoch = ctx_.auth_epoch.current();
  std::optional<store::SessionRecord> session;
  std::optional<store::UserCredentials> credentials;
  {
    auto lease = ctx_.db.read();
    session = store::SessionStore(*lease).find(token_hash);
    if (!session) {
      return std::nullopt;
    }
    credentials = store::UserStore(*lease).find_credentials(session->user_id);
  }
  if (!credentials || !credentials->user.active || !credentials->unit_active ||
      now - session->last_seen_at > options_.idle_timeout_ms) {
    forget(token_hash);  // expired or no longer allowed: end it for good
    return std::nullopt;
  }
  return CachedSession{session->user_id,      actor_for(credentials->user, credentials->unit_path),
                       session->csrf_token,   session->last_seen_at,
                       session->last_seen_at, epoch};
}

std::optional<SessionContext> AuthService::authenticate(std::string_view token,
                                                        std::string_view client_addr) {
  if (token.size() != kTokenBytes * 2) {
    return std::nullopt;
  }
  const std::string token_hash = token_digest(token);
  const int64_t now = ctx_.clock.now_ms();
  std::optional<CachedSession> entry;
  bool persist = false;
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(token_hash);
    if (it != cache_.end() && it->second.epoch == ctx_.auth_epoch.current()) {
      if (now - it->second.last_seen_at > options_.idle_timeout_ms) {
        cache_.erase(it);
      } else {
        it->second.last_seen_at = now;
        if (now - it->second.persisted_at >= options_.touch_interval_ms) {
          it->second.persisted_at = now;
          persist = true;
        }
        entry = it->second;
      }
    } else if (it != cache_.end()) {
      cache_.erase(it);  // stale: reload below
    }
  }
  if (!entry) {
    entry = load_session(token_hash, now);
    if (!entry) {
      return std::nullopt;
    }
    entry->last_seen_at = now;
    if (now - entry->persisted_at >= options_.touch_interval_ms) {
      entry->persisted_at = now;
      persist = true;
    }
    std::lock_guard lock(mutex_);
    cache_[token_hash] = *entry;
  }
  if (persist) {
    ctx_.db.transact([&](store::Connection& c) { store::SessionStore(c).touch(token_hash, now); });
  }
  SessionContext session{entry->actor, entry->csrf_token, token_hash};
  session.actor.client_addr = std::string(client_addr);
  return session;
}

void AuthService::forget(const std::string& token_hash) {
  {
    std::lock_guard lock(mutex_);
    cache_.erase(token_hash);
  }
  ctx_.db.transact([&](store::Connection& c) { store::SessionStore(c).remove(token_hash); });
}

void AuthService::logout(const SessionContext& session) {
  {
    std::lock_guard lock(mutex_);
    cache_.erase(session.token_hash);
  }
  ctx_.db.transact([&](store::Connection& c) {
    store::SessionStore(c).remove(session.token_hash);
    record_audit(c, ctx_.clock, session.actor,
                 {"auth.logout",
                  "user",
                  std::to_string(session.actor.user_id.value_or(0)),
                  session.actor.scope_path,
                  {}});
  });
}

Me AuthService::whoami(const SessionContext& session) {
  auto lease = ctx_.db.read();
  auto user = store::UserStore(*lease).find(session.actor.user_id.value_or(0));
  auto unit = user ? store::OrgStore(*lease).find(user->org_unit_id) : std::nullopt;
  if (!user || !unit) {
    throw Error(ErrorCode::kUnauthenticated, "请重新登录");
  }
  return Me{std::move(*user), std::move(*unit)};
}

void AuthService::change_password(const SessionContext& session, std::string_view current_password,
                                  std::string_view new_password) {
  const Actor& actor = session.actor;
  std::optional<store::UserCredentials> credentials;
  {
    auto lease = ctx_.db.read();
    credentials = store::UserStore(*lease).find_credentials(actor.user_id.value_or(0));
  }
  if (!credentials) {
    throw Error(ErrorCode::kUnauthenticated, "请重新登录");
  }
  if (!ctx_.hasher.verify(credentials->password_hash, current_password)) {
    throw Error(ErrorCode::kInvalidCredentials, "当前密码不正确", "current_password");
  }
  if (auto problem = domain::check_password(new_password, actor.username)) {
    throw Error(ErrorCode::kInvalidValue, *problem, "new_password");
  }
  if (new_password == current_password) {
    throw Error(ErrorCode::kInvalidValue, "新密码不能与当前密码相同", "new_password");
  }
  const std::string hash = ctx_.hasher.hash(new_password);
  ctx_.db.transact([&](store::Connection& c) {
    store::UserStore(c).set_password(credentials->user.id, hash, false, ctx_.clock.now_ms());
    store::SessionStore(c).remove_for_user(credentials->user.id, session.token_hash);
    record_audit(c, ctx_.clock, actor,
                 {"user.password_change",
                  "user",
                  std::to_string(credentials->user.id),
                  actor.scope_path,
                  {}});
  });
  ctx_.auth_epoch.bump();
}

void AuthService::purge_idle(int64_t now) {
  {
    std::lock_guard lock(mutex_);
    if (now - last_purge_at_ < options_.idle_timeout_ms) {
      return;
    }
    last_purge_at_ = now;
    std::erase_if(cache_, [&](const auto& item) {
      return now - item.second.last_seen_at > options_.idle_timeout_ms;
    });
  }
  ctx_.db.transact([&](store::Connection& c) {
    store::SessionStore(c).remove_idle(now - options_.idle_timeout_ms);
  });
}

}  // namespace fanzha::service
