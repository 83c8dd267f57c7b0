// Who is asking: the signed-in user (or the system, for CLI commands), their role and
// the subtree they may see. Every service call takes an Actor and checks it; handlers
// never check scope themselves.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "domain/org_path.h"
#include "domain/role.h"

namespace fanzha::service {

struct Actor {
  std::optional<int64_t> user_id;  // nullopt for the system
  std::string username;
  std::string display_name;  // the person's name, for records that show who did it
  domain::Role role = domain::Role::kViewer;
  int64_t unit_id = 0;     // the unit the user is bound to (0 for the system)
  std::string scope_path;  // that unit's materialized path ("/" for the system)
  std::string client_addr;
  bool must_change_password = false;  // until then only the password change is allowed

  bool is_system() const { return !user_id.has_value(); }
  // True when the actor's scope is a whole tree (the system, or a user bound to a root).
  bool sees_whole_tree() const { return is_system() || domain::path_depth(scope_path) == 0; }
  bool can_see(std::string_view path) const { return domain::path_is_within(path, scope_path); }
};

// The actor for command-line administration: an admin over the whole tree.
inline Actor system_actor(std::string name = "cli") {
  Actor actor;
  actor.username = std::move(name);
  actor.role = domain::Role::kAdmin;
  actor.scope_path = std::string(domain::kWholeTreePath);
  actor.client_addr = "local";
  return actor;
}

// Throws forbidden when the actor's role lacks the capability.
inline void require(const Actor& actor, domain::Capability capability) {
  if (!domain::role_has(actor.role, capability)) {
    throw Error(ErrorCode::kForbidden, "当前角色无权进行此操作");
  }
}

}  // namespace fanzha::service
