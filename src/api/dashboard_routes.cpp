// The home page's counts for the caller's subtree.
#include "api/json_output.h"
#include "api/routes.h"
#include "api/session_gate.h"

namespace fanzha::api {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

void add_dashboard_routes(http::Router& router, Services& s) {
  router.add(Method::kGet, "/api/dashboard", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto d = s.dashboard.summary(session.actor);
    json by_kind = json::array();
    for (auto kind : domain::all_org_kinds()) {
      if (auto it = d.counts.find(kind); it != d.counts.end()) {
        by_kind.push_back({{"kind", domain::org_kind_key(kind)},
                           {"label", domain::org_kind_label(kind)},
                           {"count", it->second}});
      }
    }
    json children = json::array();
    for (const auto& child : d.children) {
      json counts = json::object();
      for (const auto& [kind, count] : child.counts) {
        counts[std::string(domain::org_kind_key(kind))] = count;
      }
      children.push_back({{"unit", unit_json(child.unit)}, {"counts", std::move(counts)}});
    }
    json by_role = json::array();
    for (auto role : domain::all_roles()) {
      if (auto it = d.users_by_role.find(role); it != d.users_by_role.end()) {
        by_role.push_back({{"role", domain::role_key(role)},
                           {"label", domain::role_label(role)},
                           {"count", it->second}});
      }
    }
    return Response::json(200, {{"unit", unit_json(d.unit)},
                                {"counts_by_kind", std::move(by_kind)},
                                {"children", std::move(children)},
                                {"users_by_role", std::move(by_role)}});
  });
}

}  // namespace fanzha::api
