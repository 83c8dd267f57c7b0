// Walks the whole role × capability matrix through the HTTP API: for every demo account
// and every capability, one representative request is allowed exactly when the role's
// table in domain/role.cpp says so.
#include <gtest/gtest.h>

#include <functional>

#include "domain/role.h"
#include "support/demo_server.h"

namespace fanzha::testing {
namespace {

using domain::Capability;

struct Probe {
  Capability capability;
  // Sends a request that exercises the capability inside the account's own scope and
  // changes nothing even when allowed.
  std::function<HttpResponse(ApiClient&, int64_t own_unit)> send;
};

std::vector<Probe> probes() {
  return {
      {Capability::kOrgRead,
       [](ApiClient& c, int64_t unit) { return c.get("/api/org/units/" + std::to_string(unit)); }},
      {Capability::kOrgWrite,
       [](ApiClient& c, int64_t unit) {
         // An empty rename: allowed roles get 400 invalid_value, others 403.
         return c.request("PATCH", "/api/org/units/" + std::to_string(unit), R"({"name":""})");
       }},
      {Capability::kUserRead, [](ApiClient& c, int64_t) { return c.get("/api/users"); }},
      {Capability::kUserWrite,
       [](ApiClient& c, int64_t unit) {
         // A taken username: allowed roles get 409 duplicate, others 403.
         return c.post("/api/users", {{"username", "admin"},
                                      {"display_name", "重复"},
                                      {"role", "viewer"},
                                      {"org_unit_id", unit},
                                      {"password", "Strong-enough-2026"}});
       }},
      {Capability::kAuditRead, [](ApiClient& c, int64_t) { return c.get("/api/audit"); }},
      {Capability::kDashboardRead, [](ApiClient& c, int64_t) { return c.get("/api/dashboard"); }},
      {Capability::kPersonRead, [](ApiClient& c, int64_t) { return c.get("/api/people?limit=1"); }},
      {Capability::kPersonWrite,
       [](ApiClient& c, int64_t unit) {
         // An empty household number: allowed roles get 400 invalid_value, others 403.
         return c.post("/api/households", {{"org_unit_id", unit}, {"number", ""}});
       }},
      {Capability::kPersonExport,
       [](ApiClient& c, int64_t) {
         return c.get("/api/households/export?q=nothing-matches-this");
       }},
      {Capability::kPiiUnmask,
       [](ApiClient& c, int64_t) {
         // An unknown person: allowed roles get 404, others 403.
         return c.post("/api/people/999999999/unmask", {{"reason", "核查"}});
       }},
      {Capability::kCampaignWrite,
       [](ApiClient& c, int64_t) {
         // An empty name: allowed roles get 400, others 403.
         return c.post("/api/campaigns", {{"name", ""}, {"starts_at", 0}, {"ends_at", 1}});
       }},
      {Capability::kVisitRead, [](ApiClient& c, int64_t) { return c.get("/api/campaigns"); }},
      {Capability::kVisitWrite,
       [](ApiClient& c, int64_t) {
         // An unknown household: allowed roles get 404, others 403.
         return c.post("/api/visits",
                       {{"campaign_id", 1}, {"household_id", 999999999}, {"face_to_face", true}});
       }},
      {Capability::kAppRead, [](ApiClient& c, int64_t) { return c.get("/api/app/figures"); }},
      {Capability::kAppWrite,
       [](ApiClient& c, int64_t) {
         // An unknown person: allowed roles get 404, others 403.
         return c.post("/api/app/people/999999999/facts",
                       {{"installed", true}, {"method", "in_person"}});
       }},
      {Capability::kAppManage,
       [](ApiClient& c, int64_t unit) {
         // A zero rate: allowed roles get 400, others 403.
         return c.post("/api/app/targets", {{"org_unit_id", unit},
                                            {"population", "age_16_60"},
                                            {"fact", "installed"},
                                            {"rate", 0},
                                            {"due_on", "2027-03-31"}});
       }},
      {Capability::kSpotCheckManage,
       [](ApiClient& c, int64_t unit) {
         // An empty name: allowed roles get 400, others 403.
         return c.post("/api/spot-checks",
                       {{"org_unit_id", unit}, {"name", ""}, {"per_village", 1}});
       }},
      {Capability::kSpotCheckCall,
       [](ApiClient& c, int64_t) {
         // An unknown item: allowed roles get 404, others 403.
         return c.post("/api/spot-check-items/999999999/outcome", {{"outcome", "confirmed"}});
       }},
      {Capability::kCheckerManage,
       [](ApiClient& c, int64_t) {
         // The checker's rule status: allowed roles get 200, others 403.
         return c.get("/api/check/rules");
       }},
      {Capability::kCaseRead, [](ApiClient& c, int64_t) { return c.get("/api/case-settings"); }},
      {Capability::kCaseWrite,
       [](ApiClient& c, int64_t) {
         // An unknown place: allowed roles get 404, others 403.
         return c.post("/api/cases", {{"case_number", "X-PROBE-1"},
                                      {"reported_at", 1},
                                      {"occurred_at", 1},
                                      {"org_unit_id", 999999999},
                                      {"fraud_type", "click_farming"}});
       }},
      {Capability::kCaseIdentity,
       [](ApiClient& c, int64_t) {
         // An unknown case: allowed roles get 404, others 403.
         return c.post("/api/cases/999999999/unmask", {{"reason", "probe"}});
       }},
      {Capability::kCaseManage,
       [](ApiClient& c, int64_t) {
         // A zero threshold: allowed roles get 400, others 403.
         return c.request("PUT", "/api/case-settings",
                          nlohmann::json{{"large_case_fen", 0}}.dump());
       }},
  };
}

TEST(RoleMatrixOverHttp, EveryAccountEveryCapability) {
  DemoServer server;
  const auto all = probes();
  ASSERT_EQ(all.size(), domain::all_capabilities().size());
  for (const auto& account : server.accounts()) {
    ApiClient client = server.client_as(account.username);
    const auto me = client.get("/api/me").json();
    const int64_t unit = me["unit"]["id"].get<int64_t>();
    const auto role = domain::parse_role(account.role);
    ASSERT_TRUE(role);
    for (const auto& probe : all) {
      const auto r = probe.send(client, unit);
      const bool allowed = domain::role_has(*role, probe.capability);
      SCOPED_TRACE(account.username + " / " +
                   std::string(domain::capability_key(probe.capability)));
      if (allowed) {
        EXPECT_NE(r.status, 403) << r.body;
        EXPECT_LT(r.status, 500) << r.body;
      } else {
        EXPECT_EQ(r.status, 403) << r.body;
        EXPECT_EQ(r.json()["error"]["code"], "forbidden");
      }
      // The capability list the pages build their menus from says the same.
      bool listed = false;
      for (const auto& c : me["capabilities"]) {
        listed = listed || c == domain::capability_key(probe.capability);
      }
      EXPECT_EQ(listed, allowed);
    }
  }
}

}  // namespace
}  // namespace fanzha::testing
