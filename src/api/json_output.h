// The JSON shapes of the API's objects (see docs/api.md). One function per object so
// every endpoint renders a unit or a user the same way.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "domain/org_unit.h"
#include "domain/user.h"
#include "service/actor.h"
#include "store/audit_store.h"

namespace fanzha::api {

nlohmann::json unit_json(const domain::OrgUnit& unit);
nlohmann::json units_json(const std::vector<domain::OrgUnit>& units);
nlohmann::json user_json(const domain::User& user);
nlohmann::json audit_json(const store::AuditRecord& record);
// The capability keys of the actor's role.
nlohmann::json capabilities_json(const service::Actor& actor);

}  // namespace fanzha::api
