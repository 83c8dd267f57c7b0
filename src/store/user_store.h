// SQL for users and their login state. Works on a Connection lent by the caller.
// Not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/user.h"
#include "store/database.h"

namespace fanzha::store {

struct UserFilter {
  std::string scope_path;  // users bound to units within this path
  std::string query;       // substring of username or display name; empty for all
  std::optional<domain::Role> role;
  std::optional<bool> active;
  int limit = 50;
  int offset = 0;
};

struct UserPage {
  std::vector<domain::User> users;
  int64_t total = 0;
};

struct NewUser {
  std::string username;
  std::string display_name;
  domain::Role role = domain::Role::kViewer;
  int64_t org_unit_id = 0;
  std::string password_hash;
  bool must_change_password = false;
};

// A user with the secrets and the unit path a login needs.
struct UserCredentials {
  domain::User user;
  std::string password_hash;
  std::string unit_path;
  bool unit_active = true;
};

class UserStore {
 public:
  explicit UserStore(Connection& connection) : c_(connection) {}

  std::optional<domain::User> find(int64_t id);
  std::optional<UserCredentials> find_credentials(std::string_view username);
  std::optional<UserCredentials> find_credentials(int64_t id);
  // The materialized path of the user's unit (for scope checks on users).
  std::optional<std::string> unit_path(int64_t user_id);
  UserPage list(const UserFilter& filter);
  // Users bound to units within `path`, counted per role.
  std::vector<std::pair<domain::Role, int64_t>> count_by_role(std::string_view path);
  bool any_bound_to(int64_t org_unit_id);

  domain::User insert(const NewUser& user, int64_t now);
  void update_profile(int64_t id, std::string_view display_name, domain::Role role,
                      int64_t org_unit_id, bool active, int64_t now);
  void set_password(int64_t id, std::string_view password_hash, bool must_change, int64_t now);
  // Records a failed login; locks the account until `lock_until` once `max_failures`
  // failures in a row are reached. Returns the number of failures so far.
  int record_failed_login(int64_t id, int max_failures, int64_t lock_until, int64_t now);
  void clear_failed_logins(int64_t id);

 private:
  Connection& c_;
};

}  // namespace fanzha::store
