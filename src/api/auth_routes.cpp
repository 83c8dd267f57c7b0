// Health, sign-in and -out, the signed-in user, password change, and the metadata
// (kinds, roles) pages need to build their forms.
#include "api/json_input.h"
#include "api/json_output.h"
#include "api/routes.h"
#include "api/session_gate.h"
#include "domain/fraud_type.h"
#include "domain/person.h"
#include "domain/roster.h"
#include "domain/visit.h"

namespace fanzha::api {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

json me_json(const service::Me& me, const service::Actor& actor, const std::string& csrf) {
  return {{"user", user_json(me.user)},
          {"unit", unit_json(me.unit)},
          {"capabilities", capabilities_json(actor)},
          {"csrf_token", csrf}};
}

json meta_json() {
  json kinds = json::array();
  for (auto kind : domain::all_org_kinds()) {
    json parents = json::array();
    for (auto parent : domain::allowed_parent_kinds(kind)) {
      parents.push_back(domain::org_kind_key(parent));
    }
    kinds.push_back(
        {{"kind", domain::org_kind_key(kind)},
         {"label", domain::org_kind_label(kind)},
         {"allowed_parents", std::move(parents)},
         {"code_digits",
          domain::admin_code_digits(kind) ? json(*domain::admin_code_digits(kind)) : json()}});
  }
  json roles = json::array();
  for (auto role : domain::all_roles()) {
    json capabilities = json::array();
    for (auto capability : domain::all_capabilities()) {
      if (domain::role_has(role, capability)) {
        capabilities.push_back(domain::capability_key(capability));
      }
    }
    json allowed = json::array();
    for (auto kind : domain::role_allowed_kinds(role)) {
      allowed.push_back(domain::org_kind_key(kind));
    }
    roles.push_back({{"role", domain::role_key(role)},
                     {"label", domain::role_label(role)},
                     {"capabilities", std::move(capabilities)},
                     {"allowed_kinds", std::move(allowed)}});
  }
  auto key_labels = [](auto all, auto key, auto label) {
    json out = json::array();
    for (auto item : all) {
      out.push_back({{"key", key(item)}, {"label", label(item)}});
    }
    return out;
  };
  json fraud_types = json::array();
  for (auto type : domain::all_fraud_types()) {
    fraud_types.push_back({{"key", domain::fraud_type_key(type)},
                           {"label", domain::fraud_type_label(type)},
                           {"high_incidence", domain::is_high_incidence(type)}});
  }
  return {{"kinds", std::move(kinds)},
          {"roles", std::move(roles)},
          {"fraud_types", std::move(fraud_types)},
          {"person_tags",
           key_labels(domain::all_person_tags(), domain::person_tag_key, domain::person_tag_label)},
          {"visit_materials", key_labels(domain::all_visit_materials(), domain::visit_material_key,
                                         domain::visit_material_label)},
          {"roster_fields", key_labels(domain::all_roster_fields(), domain::roster_field_key,
                                       domain::roster_field_label)},
          {"link_roles", json::array({{{"key", "staff"}, {"label", "职工"}},
                                      {{"key", "student"}, {"label", "学生"}},
                                      {{"key", "parent"}, {"label", "家长"}}})}};
}

}  // namespace

void add_auth_routes(http::Router& router, Services& s, const std::string& version) {
  router.add(Method::kGet, "/api/health", [version](Request&) {
    return Response::json(200, {{"status", "ok"}, {"version", version}});
  });

  router.add(Method::kPost, "/api/auth/login", [&s](Request& req) {
    const JsonInput in(req, {"username", "password"});
    const auto username = in.required_string("username");
    const auto password = in.required_string("password");
    const auto result = s.auth.login(username, password, req.client_addr);
    switch (result.status) {
      case service::LoginStatus::kOk:
        break;
      case service::LoginStatus::kBadCredentials:
        throw Error(ErrorCode::kInvalidCredentials, "用户名或密码错误");
      case service::LoginStatus::kLocked:
        throw Error(ErrorCode::kAccountLocked,
                    "连续登录失败次数过多，账号已锁定至 " +
                        format_county_time(result.locked_until.value_or(0)) + "（北京时间）");
      case service::LoginStatus::kDisabled:
        throw Error(ErrorCode::kAccountDisabled, "账号或所在组织已停用，请联系管理员");
    }
    const auto session = s.auth.authenticate(result.token, req.client_addr);
    if (!session) {
      throw Error(ErrorCode::kInternal, "session vanished right after login");
    }
    Response r =
        Response::json(200, me_json(s.auth.whoami(*session), session->actor, result.csrf_token));
    r.headers.emplace_back("Set-Cookie", session_cookie(result.token));
    return r;
  });

  router.add(Method::kPost, "/api/auth/logout", [&s](Request& req) {
    const auto session = require_session(s.auth, req, PasswordChange::kMayBePending);
    s.auth.logout(session);
    Response r = Response::json(200, {{"ok", true}});
    r.headers.emplace_back("Set-Cookie", session_cookie(""));
    return r;
  });

  router.add(Method::kGet, "/api/me", [&s](Request& req) {
    const auto session = require_session(s.auth, req, PasswordChange::kMayBePending);
    return Response::json(200, me_json(s.auth.whoami(session), session.actor, session.csrf_token));
  });

  router.add(Method::kPost, "/api/me/password", [&s](Request& req) {
    const auto session = require_session(s.auth, req, PasswordChange::kMayBePending);
    const JsonInput in(req, {"current_password", "new_password"});
    s.auth.change_password(session, in.required_string("current_password"),
                           in.required_string("new_password"));
    return Response::json(200, {{"ok", true}});
  });

  router.add(Method::kGet, "/api/meta", [&s](Request& req) {
    require_session(s.auth, req, PasswordChange::kMayBePending);
    static const json meta = meta_json();
    return Response::json(200, meta);
  });
}

}  // namespace fanzha::api
