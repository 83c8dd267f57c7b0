#include "service/user_service.h"

#include <algorithm>

#include "service/audit_trail.h"
#include "service/org_service.h"
#include "store/org_store.h"
#include "store/session_store.h"

namespace fanzha::service {

using domain::Capability;
using domain::User;

namespace {

nlohmann::json user_summary(const User& u) {
  return {{"username", u.username},
          {"display_name", u.display_name},
          {"role", domain::role_key(u.role)},
          {"org_unit_id", u.org_unit_id},
          {"active", u.active}};
}

[[noreturn]] void throw_user_not_found() {
  throw Error(ErrorCode::kNotFound, "用户不存在或不在您的管辖范围内");
}

// The unit a user is to be bound to: visible to the actor, active, and of a kind the
// role may be bound to.
domain::OrgUnit bindable_unit(store::OrgStore& units, const Actor& actor, int64_t unit_id,
                              domain::Role role) {
  auto unit = units.find(unit_id);
  if (!unit || !actor.can_see(unit->path)) {
    throw Error(ErrorCode::kNotFound, "组织不存在或不在您的管辖范围内", "org_unit_id");
  }
  if (!unit->active) {
    throw Error(ErrorCode::kOrgInactive, "该组织已停用", "org_unit_id");
  }
  if (!domain::role_allowed_on(role, unit->kind)) {
    throw Error(ErrorCode::kOrgKindMismatch,
                "“" + std::string(domain::role_label(role)) + "”角色不能绑定到" +
                    std::string(domain::org_kind_label(unit->kind)),
                "org_unit_id");
  }
  return *unit;
}

}  // namespace

store::UserPage UserService::list(const Actor& actor, const UserQuery& query) {
  require(actor, Capability::kUserRead);
  auto lease = ctx_.db.read();
  store::UserFilter filter;
  filter.scope_path = actor.scope_path;
  if (query.org_unit_id) {
    auto unit = store::OrgStore(*lease).find(*query.org_unit_id);
    if (!unit || !actor.can_see(unit->path)) {
      throw Error(ErrorCode::kNotFound, "组织不存在或不在您的管辖范围内", "org_unit_id");
    }
    filter.scope_path = unit->path;
  }
  filter.query = query.query;
  filter.role = query.role;
  filter.active = query.active;
  filter.limit = std::clamp(query.limit, 1, kMaxPageSize);
  filter.offset = std::max(query.offset, 0);
  return store::UserStore(*lease).list(filter);
}

User UserService::get(const Actor& actor, int64_t id) {
  require(actor, Capability::kUserRead);
  auto lease = ctx_.db.read();
  store::UserStore users(*lease);
  const auto path = users.unit_path(id);
  if (!path || !actor.can_see(*path)) {
    throw_user_not_found();
  }
  return *users.find(id);
}

User UserService::get_by_username(const Actor& actor, const std::string& username) {
  require(actor, Capability::kUserRead);
  auto lease = ctx_.db.read();
  const auto credentials = store::UserStore(*lease).find_credentials(username);
  if (!credentials || !actor.can_see(credentials->unit_path)) {
    throw_user_not_found();
  }
  return credentials->user;
}

User UserService::create(const Actor& actor, const NewUserInput& input) {
  require(actor, Capability::kUserWrite);
  if (auto problem = domain::check_username(input.username)) {
    throw Error(ErrorCode::kInvalidValue, *problem, "username");
  }
  if (auto problem = domain::check_display_name(input.display_name)) {
    throw Error(ErrorCode::kInvalidValue, *problem, "display_name");
  }
  if (auto problem = domain::check_password(input.password, input.username)) {
    throw Error(ErrorCode::kInvalidValue, *problem, "password");
  }
  const std::string hash = ctx_.hasher.hash(input.password);
  return ctx_.db.transact([&](store::Connection& c) {
    store::OrgStore units(c);
    const auto unit = bindable_unit(units, actor, input.org_unit_id, input.role);
    store::UserStore users(c);
    if (users.find_credentials(input.username)) {
      throw Error(ErrorCode::kDuplicate, "用户名“" + input.username + "”已被使用", "username");
    }
    const User user = users.insert({input.username, input.display_name, input.role,
                                    input.org_unit_id, hash, input.must_change_password},
                                   ctx_.clock.now_ms());
    record_audit(c, ctx_.clock, actor,
                 {"user.create",
                  "user",
                  std::to_string(user.id),
                  unit.path,
                  {{"after", user_summary(user)}}});
    return user;
  });
}

User UserService::update(const Actor& actor, int64_t id, const UserChanges& changes) {
  require(actor, Capability::kUserWrite);
  if (changes.display_name) {
    if (auto problem = domain::check_display_name(*changes.display_name)) {
      throw Error(ErrorCode::kInvalidValue, *problem, "display_name");
    }
  }
  const bool self = actor.user_id == id;
  if (self && ((changes.active && !*changes.active) || changes.role || changes.org_unit_id)) {
    throw Error(ErrorCode::kForbidden, "不能停用自己的账号或修改自己的角色和所属组织");
  }
  User result = ctx_.db.transact([&](store::Connection& c) {
    store::UserStore users(c);
    const auto path = users.unit_path(id);
    if (!path || !actor.can_see(*path)) {
      throw_user_not_found();
    }
    const User before = *users.find(id);
    User after = before;
    after.display_name = changes.display_name.value_or(before.display_name);
    after.role = changes.role.value_or(before.role);
    after.org_unit_id = changes.org_unit_id.value_or(before.org_unit_id);
    after.active = changes.active.value_or(before.active);
    if (after.display_name == before.display_name && after.role == before.role &&
        after.org_unit_id == before.org_unit_id && after.active == before.active) {
      return before;
    }
    store::OrgStore units(c);
    std::string unit_path = *path;
    if (after.role != before.role || after.org_unit_id != before.org_unit_id) {
      unit_path = bindable_unit(units, actor, after.org_unit_id, after.role).path;
    }
    const int64_t now = ctx_.clock.now_ms();
    users.update_profile(id, after.display_name, after.role, after.org_unit_id, after.active, now);
    if (!after.active || after.role != before.role || after.org_unit_id != before.org_unit_id) {
      store::SessionStore(c).remove_for_user(id);
    }
    after = *users.find(id);
    record_audit(c, ctx_.clock, actor,
                 {"user.update",
                  "user",
                  std::to_string(id),
                  unit_path,
                  {{"before", user_summary(before)}, {"after", user_summary(after)}}});
    return after;
  });
  ctx_.auth_epoch.bump();
  return result;
}

PasswordReset UserService::reset_password(const Actor& actor, int64_t id,
                                          const std::string& password) {
  require(actor, Capability::kUserWrite);
  PasswordReset reset;
  reset.password = password.empty() ? domain::generate_password(ctx_.random) : password;
  const User target = get(actor, id);
  if (auto problem = domain::check_password(reset.password, target.username)) {
    throw Error(ErrorCode::kInvalidValue, *problem, "password");
  }
  const std::string hash = ctx_.hasher.hash(reset.password);
  reset.user = ctx_.db.transact([&](store::Connection& c) {
    store::UserStore users(c);
    const auto path = users.unit_path(id);
    if (!path || !actor.can_see(*path)) {
      throw_user_not_found();
    }
    users.set_password(id, hash, /*must_change=*/true, ctx_.clock.now_ms());
    store::SessionStore(c).remove_for_user(id);
    record_audit(c, ctx_.clock, actor,
                 {"user.reset_password",
                  "user",
                  std::to_string(id),
                  *path,
                  {{"generated", password.empty()}}});
    return *users.find(id);
  });
  ctx_.auth_epoch.bump();
  return reset;
}

}  // namespace fanzha::service
