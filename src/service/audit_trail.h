// Writing audit entries. Every write records one entry in the same transaction as the
// change (so a rolled-back change leaves no entry and a committed one always has one).
// Refused attempts that matter (failed logins) are recorded in their own transaction.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "service/actor.h"
#include "store/database.h"

namespace fanzha::service {

struct AuditEvent {
  std::string action;       // "org.create", "user.update", "auth.login", …
  std::string entity_type;  // "org_unit", "user", "session"
  std::string entity_id;
  std::string scope_path;  // the path of the unit the event belongs to
  nlohmann::json summary = nlohmann::json::object();
  std::string outcome = "ok";
};

void record_audit(store::Connection& connection, const Clock& clock, const Actor& actor,
                  const AuditEvent& event);

}  // namespace fanzha::service
