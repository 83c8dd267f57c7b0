// The audit log, newest first, filtered and paged, limited to the caller's scope.
#include "api/json_input.h"
#include "api/json_output.h"
#include "api/routes.h"
#include "api/session_gate.h"

namespace fanzha::api {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

void add_audit_routes(http::Router& router, Services& s) {
  router.add(Method::kGet, "/api/audit", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    store::AuditFilter filter;
    filter.username = string_query(req, "username");
    filter.action = string_query(req, "action");
    filter.entity_type = string_query(req, "entity_type");
    filter.entity_id = string_query(req, "entity_id");
    filter.from = int_query(req, "from");
    filter.to = int_query(req, "to");
    filter.limit = static_cast<int>(int_query(req, "limit").value_or(50));
    filter.offset = static_cast<int>(int_query(req, "offset").value_or(0));
    const auto page = s.audit.list(session.actor, filter);
    json entries = json::array();
    for (const auto& e : page.entries) {
      entries.push_back(audit_json(e));
    }
    return Response::json(200, {{"entries", std::move(entries)}, {"total", page.total}});
  });
}

}  // namespace fanzha::api
