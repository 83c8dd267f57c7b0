#include "api/json_output.h"

namespace fanzha::api {

using nlohmann::json;

json unit_json(const domain::OrgUnit& u) {
  return {{"id", u.id},
          {"code", u.code},
          {"name", u.name},
          {"kind", domain::org_kind_key(u.kind)},
          {"kind_label", domain::org_kind_label(u.kind)},
          {"parent_id", u.parent_id ? json(*u.parent_id) : json()},
          {"active", u.active},
          {"depth", u.depth},
          {"child_count", u.child_count}};
}

json units_json(const std::vector<domain::OrgUnit>& units) {
  json out = json::array();
  for (const auto& u : units) {
    out.push_back(unit_json(u));
  }
  return out;
}

json user_json(const domain::User& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", domain::role_key(u.role)},
          {"role_label", domain::role_label(u.role)},
          {"org_unit_id", u.org_unit_id},
          {"org_unit_name", u.org_unit_name},
          {"active", u.active},
          {"must_change_password", u.must_change_password},
          {"locked_until", u.locked_until ? json(*u.locked_until) : json()},
          {"created_at", u.created_at}};
}

json audit_json(const store::AuditRecord& r) {
  json summary = json::parse(r.summary, nullptr, false);
  if (summary.is_discarded()) {
    summary = json::object();
  }
  return {{"id", r.id},
          {"at", r.at},
          {"user_id", r.user_id ? json(*r.user_id) : json()},
          {"username", r.username},
          {"action", r.action},
          {"entity_type", r.entity_type},
          {"entity_id", r.entity_id},
          {"summary", std::move(summary)},
          {"client_addr", r.client_addr},
          {"outcome", r.outcome}};
}

json capabilities_json(const service::Actor& actor) {
  json out = json::array();
  for (auto capability : domain::all_capabilities()) {
    if (domain::role_has(actor.role, capability)) {
      out.push_back(domain::capability_key(capability));
    }
  }
  return out;
}

}  // namespace fanzha::api
