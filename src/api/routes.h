// Registers every API endpoint (docs/api.md) on the router. Handlers are thin: read the
// request (api/json_input.h), call a service, render JSON (api/json_output.h).
#pragma once

#include <string>

#include "api/services.h"
#include "http/router.h"

namespace fanzha::api {

void add_auth_routes(http::Router& router, Services& services, const std::string& version);
void add_org_routes(http::Router& router, Services& services);
void add_user_routes(http::Router& router, Services& services);
void add_audit_routes(http::Router& router, Services& services);
void add_dashboard_routes(http::Router& router, Services& services);
void add_people_routes(http::Router& router, Services& services);
void add_import_routes(http::Router& router, Services& services);
void add_visit_routes(http::Router& router, Services& services);
void add_app_routes(http::Router& router, Services& services);
void add_spot_check_routes(http::Router& router, Services& services);
void add_check_routes(http::Router& router, Services& services);
void add_case_routes(http::Router& router, Services& services);

// Roster uploads: about 300,000 rows of CSV; bigger rosters go through
// `fanzha import people` on the server.
inline constexpr size_t kRosterUploadLimit = size_t{32} << 20;

inline void add_all_routes(http::Router& router, Services& services, const std::string& version) {
  add_auth_routes(router, services, version);
  add_org_routes(router, services);
  add_user_routes(router, services);
  add_audit_routes(router, services);
  add_dashboard_routes(router, services);
  add_people_routes(router, services);
  add_import_routes(router, services);
  add_visit_routes(router, services);
  add_app_routes(router, services);
  add_spot_check_routes(router, services);
  add_check_routes(router, services);
  add_case_routes(router, services);
}

}  // namespace fanzha::api
