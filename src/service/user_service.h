// User accounts as admins manage them, inside their scope: list, create, edit, disable,
// reset passwords. Every write is validated, audited and done in one transaction.
// Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/user.h"
#include "service/actor.h"
#include "service/context.h"
#include "store/user_store.h"

namespace fanzha::service {

struct UserQuery {
  std::optional<int64_t> org_unit_id;  // users within this unit's subtree (default: scope)
  std::string query;
  std::optional<domain::Role> role;
  std::optional<bool> active;
  int limit = 50;
  int offset = 0;
};

struct NewUserInput {
  std::string username;
  std::string display_name;
  domain::Role role = domain::Role::kViewer;
  int64_t org_unit_id = 0;
  std::string password;
  // Admin-set passwords must be changed at first login; the CLI and the demo set
  // passwords the person chose themselves.
  bool must_change_password = true;
};

struct UserChanges {
  std::optional<std::string> display_name;
  std::optional<domain::Role> role;
  std::optional<int64_t> org_unit_id;
  std::optional<bool> active;
};

struct PasswordReset {
  domain::User user;
  std::string password;  // the new password, to hand to the person once
};

class UserService {
 public:
  explicit UserService(ServiceContext context) : ctx_(context) {}

  store::UserPage list(const Actor& actor, const UserQuery& query);
  domain::User get(const Actor& actor, int64_t id);
  domain::User create(const Actor& actor, const NewUserInput& input);
  domain::User update(const Actor& actor, int64_t id, const UserChanges& changes);
  // Sets `password` (or a generated one when empty), clears a lockout, ends the user's
  // sessions and makes them change it at next login.
  PasswordReset reset_password(const Actor& actor, int64_t id, const std::string& password);
  // Looks a user up by name for the CLI (system actor).
  domain::User get_by_username(const Actor& actor, const std::string& username);

 private:
  ServiceContext ctx_;
};

}  // namespace fanzha::service
