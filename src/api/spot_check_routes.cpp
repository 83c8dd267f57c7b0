// Telephone spot checks of app rosters: plans, their villages and items, assigning
// callers, revealing a phone to call, recording outcomes.
#include "api/app_json.h"
#include "api/json_input.h"
#include "api/json_output.h"
#include "api/routes.h"
#include "api/session_gate.h"

namespace fanzha::api {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

void add_spot_check_routes(http::Router& router, Services& s) {
  router.add(Method::kGet, "/api/spot-checks", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    json plans = json::array();
    for (const auto& p : s.spot_checks.plans(session.actor)) {
      plans.push_back(plan_json(p));
    }
    return Response::json(200, {{"plans", std::move(plans)}});
  });

  router.add(Method::kPost, "/api/spot-checks", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {"org_unit_id", "name", "per_village", "seed"});
    service::PlanInput input;
    input.org_unit_id = in.required_int("org_unit_id");
    input.name = in.required_string("name");
    const int64_t per_village = in.required_int("per_village");
    if (per_village < 1 || per_village > service::kMaxPerVillage) {
      throw Error(ErrorCode::kInvalidValue, "每村抽查条数应在 1 到 1000 之间", "per_village");
    }
    input.per_village = static_cast<int>(per_village);
    if (const auto seed = in.optional_int("seed")) {
      if (*seed < 0 || static_cast<uint64_t>(*seed) > service::kMaxSeed) {
        throw Error(ErrorCode::kInvalidValue, "随机种子应为 0 到 2^53−1 之间的整数", "seed");
      }
      input.seed = static_cast<uint64_t>(*seed);
    }
    return Response::json(201,
                          {{"plan", plan_json(s.spot_checks.create_plan(session.actor, input))}});
  });

  router.add(Method::kGet, "/api/spot-checks/{id}", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    return Response::json(200,
                          plan_detail_json(s.spot_checks.plan(session.actor, id_param(req, "id"))));
  });

  router.add(Method::kGet, "/api/spot-checks/{id}/items", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    service::ItemQuery q;
    q.mine = flag_query(req, "mine");
    if (const auto called = req.query_param("called"); called && !called->empty()) {
      q.called = *called == "1" || *called == "true";
    }
    q.village_id = int_query(req, "village_id");
    q.limit = static_cast<int>(int_query(req, "limit").value_or(50));
    q.offset = static_cast<int>(int_query(req, "offset").value_or(0));
    const auto page = s.spot_checks.items(session.actor, id_param(req, "id"), q);
    json items = json::array();
    for (const auto& item : page.items) {
      items.push_back(item_json(item));
    }
    return Response::json(200, {{"items", std::move(items)}, {"total", page.total}});
  });

  router.add(Method::kGet, "/api/spot-checks/{id}/callers", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    json users = json::array();
    for (const auto& u : s.spot_checks.callers(session.actor, id_param(req, "id"))) {
      users.push_back(user_json(u));
    }
    return Response::json(200, {{"users", std::move(users)}});
  });

  router.add(Method::kPost, "/api/spot-checks/{id}/assign", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {"user_ids"});
    const auto users = in.optional_int_array("user_ids").value_or(std::vector<int64_t>{});
    const int64_t assigned = s.spot_checks.assign(session.actor, id_param(req, "id"), users);
    return Response::json(200, {{"assigned", assigned}});
  });

  router.add(Method::kPost, "/api/spot-checks/{id}/close", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {});
    return Response::json(
        200, {{"plan", plan_json(s.spot_checks.close_plan(session.actor, id_param(req, "id")))}});
  });

  router.add(Method::kPost, "/api/spot-check-items/{id}/dial", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {});
    return Response::json(200, {{"phone", s.spot_checks.dial(session.actor, id_param(req, "id"))}});
  });

  router.add(Method::kPost, "/api/spot-check-items/{id}/outcome", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {"outcome", "notes"});
    const std::string key = in.required_string("outcome");
    const auto outcome = domain::parse_call_outcome(key);
    if (!outcome) {
      throw Error(ErrorCode::kInvalidValue, "未知的抽查结果“" + key + "”", "outcome");
    }
    const auto item = s.spot_checks.record_outcome(session.actor, id_param(req, "id"), *outcome,
                                                   in.optional_string("notes").value_or(""));
    return Response::json(200, {{"item", item_json(item)}});
  });
}

}  // namespace fanzha::api
