// Campaigns, visits and their photos, and the coverage figures they add up to.
#include "api/downloads.h"
#include "api/json_input.h"
#include "api/json_output.h"
#include "api/people_json.h"
#include "api/routes.h"
#include "api/session_gate.h"
#include "api/visit_json.h"

namespace fanzha::api {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

domain::FraudTypeSet topics_value(const std::vector<std::string>& keys) {
  return key_set(keys, domain::parse_fraud_type, domain::fraud_type_bit, "topics");
}

domain::VisitMaterialSet materials_value(const std::vector<std::string>& keys) {
  return key_set(keys, domain::parse_visit_material, domain::visit_material_bit, "materials");
}

int64_t required_campaign(const Request& req) {
  const auto id = int_query(req, "campaign_id");
  if (!id) {
    throw Error(ErrorCode::kMissingField, "请选择活动（campaign_id）", "campaign_id");
  }
  return *id;
}

}  // namespace

void add_visit_routes(http::Router& router, Services& s) {
  router.add(Method::kGet, "/api/campaigns", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    json campaigns = json::array();
    for (const auto& c : s.visits.campaigns(session.actor)) {
      campaigns.push_back(campaign_json(c));
    }
    return Response::json(200, {{"campaigns", std::move(campaigns)}});
  });

  router.add(Method::kGet, "/api/campaigns/{id}", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    return Response::json(
        200,
        {{"campaign", campaign_json(s.visits.get_campaign(session.actor, id_param(req, "id")))}});
  });

  router.add(Method::kPost, "/api/campaigns", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {"org_unit_id", "name", "starts_at", "ends_at", "deadlines", "active"});
    service::CampaignInput input;
    input.org_unit_id = in.optional_int("org_unit_id");
    input.name = in.required_string("name");
    input.starts_at = in.required_int("starts_at");
    input.ends_at = in.required_int("ends_at");
    input.deadlines_json = in.optional_object("deadlines").value_or(json::object()).dump();
    input.active = in.optional_bool("active").value_or(true);
    return Response::json(
        201, {{"campaign", campaign_json(s.visits.create_campaign(session.actor, input))}});
  });

  router.add(Method::kPatch, "/api/campaigns/{id}", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {"name", "starts_at", "ends_at", "deadlines", "active"});
    service::CampaignChanges ch;
    ch.name = in.optional_string("name");
    ch.starts_at = in.optional_int("starts_at");
    ch.ends_at = in.optional_int("ends_at");
    if (const auto deadlines = in.optional_object("deadlines")) {
      ch.deadlines_json = deadlines->dump();
    }
    ch.active = in.optional_bool("active");
    return Response::json(200, {{"campaign", campaign_json(s.visits.update_campaign(
                                                 session.actor, id_param(req, "id"), ch))}});
  });

  router.add(Method::kPost, "/api/visits", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {"campaign_id", "household_id", "visited_at", "face_to_face",
                             "member_ids", "topics", "materials", "letter_signed", "notes"});
    service::VisitInput input;
    input.campaign_id = in.required_int("campaign_id");
    input.household_id = in.required_int("household_id");
    input.visited_at = in.optional_int("visited_at");
    const auto face_to_face = in.optional_bool("face_to_face");
    if (!face_to_face) {
      throw Error(ErrorCode::kMissingField, "请选择是否当面宣传", "face_to_face");
    }
    input.face_to_face = *face_to_face;
    input.member_ids = in.optional_int_array("member_ids").value_or(std::vector<int64_t>{});
    input.topics =
        topics_value(in.optional_string_array("topics").value_or(std::vector<std::string>{}));
    input.materials =
        materials_value(in.optional_string_array("materials").value_or(std::vector<std::string>{}));
    input.letter_signed = in.optional_bool("letter_signed").value_or(false);
    input.notes = in.optional_string("notes").value_or("");
    return Response::json(201,
                          {{"visit", visit_json(s.visits.record_visit(session.actor, input))}});
  });

  router.add(Method::kGet, "/api/visits", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    service::VisitQuery q;
    q.unit_id = int_query(req, "unit_id");
    q.campaign_id = int_query(req, "campaign_id");
    q.household_id = int_query(req, "household_id");
    q.limit = static_cast<int>(int_query(req, "limit").value_or(50));
    q.offset = static_cast<int>(int_query(req, "offset").value_or(0));
    const auto page = s.visits.list_visits(session.actor, q);
    json visits = json::array();
    for (const auto& v : page.visits) {
      visits.push_back(visit_json(v));
    }
    return Response::json(200, {{"visits", std::move(visits)}, {"total", page.total}});
  });

  router.add(Method::kGet, "/api/visits/{id}", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    return Response::json(
        200, {{"visit", visit_json(s.visits.get_visit(session.actor, id_param(req, "id")))}});
  });

  router.add(Method::kPost, "/api/visits/{id}/photos",
             [&s](Request& req) {
               const auto session = require_session(s.auth, req);
               const int64_t photo =
                   s.visits.add_photo(session.actor, id_param(req, "id"), req.body_file);
               return Response::json(201, {{"photo_id", photo}});
             },
             {static_cast<size_t>(service::kMaxPhotoBytes), /*stream_body_to_file=*/true});

  router.add(Method::kGet, "/api/photos/{id}", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto photo = s.visits.photo(session.actor, id_param(req, "id"));
    return image_response(photo.path, photo.content_type);
  });

  router.add(Method::kGet, "/api/coverage", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto report =
        s.coverage.coverage(session.actor, required_campaign(req), int_query(req, "unit_id"));
    return Response::json(200, coverage_report_json(report));
  });

  router.add(Method::kGet, "/api/coverage/timeline", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    json days = json::array();
    for (const auto& day :
         s.coverage.timeline(session.actor, required_campaign(req), int_query(req, "unit_id"))) {
      json item = coverage_counts_json(day.cumulative);
      item.erase("households");
      item.erase("not_visited");
      item.erase("visit_rate");
      item.erase("face_to_face_rate");
      item.erase("letter_rate");
      item["day"] = date_json(day.day);
      days.push_back(std::move(item));
    }
    return Response::json(200, {{"days", std::move(days)}});
  });

  router.add(Method::kGet, "/api/coverage/export", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto file = s.coverage.export_progress(session.actor, required_campaign(req),
                                                 int_query(req, "unit_id"));
    return file_response(file.path, kXlsxType, "工作进度表.xlsx", true);
  });
}

}  // namespace fanzha::api
