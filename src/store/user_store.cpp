#include "store/user_store.h"

#include "common/error.h"
#include "domain/org_path.h"
#include "store/like_pattern.h"

namespace fanzha::store {

using domain::Role;
using domain::User;

namespace {

#define FANZHA_USER_COLUMNS                                                               \
  "a.id, a.username, a.display_name, a.role, a.org_unit_id, o.name, a.active,"            \
  " a.must_change_password, a.failed_logins, a.locked_until, a.created_at, a.updated_at," \
  " a.password_hash, o.path, o.active"

constexpr const char* kFromUsers = " FROM app_user a JOIN org_unit o ON o.id = a.org_unit_id";

User read_user(Statement& s) {
  User u;
  u.id = s.get_int(0);
  u.username = s.get_text(1);
  u.display_name = s.get_text(2);
  const auto role = domain::parse_role(s.get_text(3));
  if (!role) {
    throw Error(ErrorCode::kInternal, "unknown role in database");
  }
  u.role = *role;
  u.org_unit_id = s.get_int(4);
  u.org_unit_name = s.get_text(5);
  u.active = s.get_bool(6);
  u.must_change_password = s.get_bool(7);
  u.failed_logins = static_cast<int>(s.get_int(8));
  u.locked_until = s.get_optional_int(9);
  u.created_at = s.get_int(10);
  u.updated_at = s.get_int(11);
  return u;
}

UserCredentials read_credentials(Statement& s) {
  UserCredentials c;
  c.user = read_user(s);
  c.password_hash = s.get_text(12);
  c.unit_path = s.get_text(13);
  c.unit_active = s.get_bool(14);
  return c;
}

}  // namespace

std::optional<User> UserStore::find(int64_t id) {
  auto s = c_.prepare(std::string("SELECT " FANZHA_USER_COLUMNS) + kFromUsers + " WHERE a.id = $1");
  s->bind(1, id);
  if (!s->step()) {
    return std::nullopt;
  }
  return read_user(*s);
}

std::optional<UserCredentials> UserStore::find_credentials(std::string_view username) {
  auto s = c_.prepare(std::string("SELECT " FANZHA_USER_COLUMNS) + kFromUsers +
                      " WHERE a.username = $1");
  s->bind(1, username);
  if (!s->step()) {
    return std::nullopt;
  }
  return read_credentials(*s);
}

std::optional<UserCredentials> UserStore::find_credentials(int64_t id) {
  auto s = c_.prepare(std::string("SELECT " FANZHA_USER_COLUMNS) + kFromUsers + " WHERE a.id = $1");
  s->bind(1, id);
  if (!s->step()) {
    return std::nullopt;
  }
  return read_credentials(*s);
}

std::optional<std::string> UserStore::unit_path(int64_t user_id) {
  auto s = c_.prepare(
      "SELECT o.path FROM app_user a JOIN org_unit o ON o.id = a.org_unit_id WHERE a.id = $1");
  s->bind(1, user_id);
  if (!s->step()) {
    return std::nullopt;
  }
  return s->get_text(0);
}

UserPage UserStore::list(const UserFilter& f) {
  const std::string upper = domain::path_upper_bound(f.scope_path);
  const std::string role = f.role ? std::string(domain::role_key(*f.role)) : std::string();
  const int64_t active = f.active ? (*f.active ? 1 : 0) : -1;
  const std::string contains = like_contains(f.query);
  const std::string where =
      std::string(kFromUsers) +
      " WHERE o.path >= $1 AND o.path < $2 AND ($3 = '' OR a.role = $3)"
      " AND ($4 < 0 OR a.active = $4)"
      " AND (a.username LIKE $5 ESCAPE '\\' OR a.display_name LIKE $5 ESCAPE '\\')";
  UserPage page;
  auto count = c_.prepare("SELECT COUNT(*)" + where);
  count->bind_all(f.scope_path, upper, role, active, contains);
  count->step();
  page.total = count->get_int(0);
  auto s = c_.prepare("SELECT " FANZHA_USER_COLUMNS + where +
                      " ORDER BY o.path, a.username LIMIT $6 OFFSET $7");
  s->bind_all(f.scope_path, upper, role, active, contains, f.limit, f.offset);
  while (s->step()) {
    page.users.push_back(read_user(*s));
  }
  return page;
}

std::vector<std::pair<Role, int64_t>> UserStore::count_by_role(std::string_view path) {
  auto s = c_.prepare(
      "SELECT a.role, COUNT(*) FROM app_user a JOIN org_unit o ON o.id = a.org_unit_id"
      " WHERE o.path >= $1 AND o.path < $2 AND a.active = 1 GROUP BY a.role");
  s->bind_all(path, domain::path_upper_bound(path));
  std::vector<std::pair<Role, int64_t>> out;
  while (s->step()) {
    if (auto role = domain::parse_role(s->get_text(0))) {
      out.emplace_back(*role, s->get_int(1));
    }
  }
  return out;
}

bool UserStore::any_bound_to(int64_t org_unit_id) {
  auto s = c_.prepare("SELECT 1 FROM app_user WHERE org_unit_id = $1 LIMIT 1");
  s->bind(1, org_unit_id);
  return s->step();
}

User UserStore::insert(const NewUser& user, int64_t now) {
  auto s = c_.prepare(
      "INSERT INTO app_user (username, display_name, role, org_unit_id, password_hash,"
      " must_change_password, active, failed_logins, created_at, updated_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, 1, 0, $7, $7) RETURNING id");
  s->bind_all(user.username, user.display_name, domain::role_key(user.role), user.org_unit_id,
              user.password_hash, user.must_change_password, now);
  if (!s->step()) {
    throw Error(ErrorCode::kInternal, "insert returned no id");
  }
  const int64_t id = s->get_int(0);
  s.reset();
  return *find(id);
}

void UserStore::update_profile(int64_t id, std::string_view display_name, Role role,
                               int64_t org_unit_id, bool active, int64_t now) {
  c_.prepare(
        "UPDATE app_user SET display_name = $1, role = $2, org_unit_id = $3, active = $4,"
        " updated_at = $5 WHERE id = $6")
      ->bind_all(display_name, domain::role_key(role), org_unit_id, active, now, id)
      .run();
}

void UserStore::set_password(int64_t id, std::string_view password_hash, bool must_change,
                             int64_t now) {
  c_.prepare(
        "UPDATE app_user SET password_hash = $1, must_change_password = $2, failed_logins = 0,"
        " locked_until = NULL, updated_at = $3 WHERE id = $4")
      ->bind_all(password_hash, must_change, now, id)
      .run();
}

int UserStore::record_failed_login(int64_t id, int max_failures, int64_t lock_until, int64_t now) {
  auto s = c_.prepare(
      "UPDATE app_user SET failed_logins = failed_logins + 1,"
      " locked_until = CASE WHEN failed_logins + 1 >= $1 THEN $2 ELSE locked_until END,"
      " updated_at = $3 WHERE id = $4 RETURNING failed_logins");
  s->bind_all(max_failures, lock_until, now, id);
  return s->step() ? static_cast<int>(s->get_int(0)) : 0;
}

void UserStore::clear_failed_logins(int64_t id) {
  c_.prepare("UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = $1")
      ->bind(1, id)
      .run();
}

}  // namespace fanzha::store
