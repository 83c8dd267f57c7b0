// User administration: list, read, create, edit, reset passwords.
#include "api/json_input.h"
#include "api/json_output.h"
#include "api/routes.h"
#include "api/session_gate.h"

namespace fanzha::api {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

domain::Role role_value(const std::string& text) {
  const auto role = domain::parse_role(text);
  if (!role) {
    throw Error(ErrorCode::kInvalidValue, "未知的角色“" + text + "”", "role");
  }
  return *role;
}

}  // namespace

void add_user_routes(http::Router& router, Services& s) {
  router.add(Method::kGet, "/api/users", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    service::UserQuery query;
    query.org_unit_id = int_query(req, "org_unit_id");
    query.query = string_query(req, "q");
    if (const auto role = string_query(req, "role"); !role.empty()) {
      query.role = role_value(role);
    }
    if (const auto active = string_query(req, "active"); !active.empty()) {
      query.active = active == "1" || active == "true";
    }
    query.limit = static_cast<int>(int_query(req, "limit").value_or(50));
    query.offset = static_cast<int>(int_query(req, "offset").value_or(0));
    const auto page = s.users.list(session.actor, query);
    json users = json::array();
    for (const auto& u : page.users) {
      users.push_back(user_json(u));
    }
    return Response::json(200, {{"users", std::move(users)}, {"total", page.total}});
  });

  router.add(Method::kGet, "/api/users/{id}", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    return Response::json(200,
                          {{"user", user_json(s.users.get(session.actor, id_param(req, "id")))}});
  });

  router.add(Method::kPost, "/api/users", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {"username", "display_name", "role", "org_unit_id", "password"});
    service::NewUserInput input;
    input.username = in.required_string("username");
    input.display_name = in.required_string("display_name");
    input.role = role_value(in.required_string("role"));
    input.org_unit_id = in.required_int("org_unit_id");
    input.password = in.required_string("password");
    return Response::json(201, {{"user", user_json(s.users.create(session.actor, input))}});
  });

  router.add(Method::kPatch, "/api/users/{id}", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {"display_name", "role", "org_unit_id", "active"});
    service::UserChanges changes;
    changes.display_name = in.optional_string("display_name");
    if (const auto role = in.optional_string("role")) {
      changes.role = role_value(*role);
    }
    changes.org_unit_id = in.optional_int("org_unit_id");
    changes.active = in.optional_bool("active");
    const auto user = s.users.update(session.actor, id_param(req, "id"), changes);
    return Response::json(200, {{"user", user_json(user)}});
  });

  router.add(Method::kPost, "/api/users/{id}/reset-password", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {"password"});
    const auto reset = s.users.reset_password(session.actor, id_param(req, "id"),
                                              in.optional_string("password").value_or(""));
    return Response::json(200, {{"user", user_json(reset.user)}, {"password", reset.password}});
  });
}

}  // namespace fanzha::api
