// The anti-fraud app roster: people's app status and checks, weekly roster submissions,
// figures, the weekly ranking and trend, targets, settings and promotion codes.
#include <cmath>

#include "api/app_json.h"
#include "api/downloads.h"
#include "api/json_input.h"
#include "api/json_output.h"
#include "api/people_json.h"
#include "api/routes.h"
#include "api/session_gate.h"
#include "common/text.h"

namespace fanzha::api {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

template <typename Parse>
auto enum_value(const std::string& key, Parse parse, const char* field) {
  const auto value = parse(key);
  if (!value) {
    throw Error(ErrorCode::kInvalidValue, "未知的取值“" + key + "”", field);
  }
  return *value;
}

}  // namespace

void add_app_routes(http::Router& router, Services& s) {
  router.add(Method::kGet, "/api/app/people/{id}", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    return Response::json(200, person_app_json(s.app.person(session.actor, id_param(req, "id"))));
  });

  router.add(Method::kPost, "/api/app/people/{id}/facts", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(
        req, {"installed", "registered", "alerts_on", "method", "observed_at", "promotion_code"});
    service::AppCheckInput input;
    input.installed = in.optional_bool("installed");
    input.registered = in.optional_bool("registered");
    input.alerts_on = in.optional_bool("alerts_on");
    input.method = enum_value(in.required_string("method"), domain::parse_app_method, "method");
    input.observed_at = in.optional_int("observed_at");
    input.promotion_code = to_upper_ascii(trim(in.optional_string("promotion_code").value_or("")));
    const auto app = s.app.record_check(session.actor, id_param(req, "id"), input);
    return Response::json(201, person_app_json(app));
  });

  router.add(Method::kPost, "/api/app/rosters",
             [&s](Request& req) {
               const auto session = require_session(s.auth, req);
               const auto unit = int_query(req, "unit_id");
               if (!unit) {
                 throw Error(ErrorCode::kMissingField, "请选择报送单位（unit_id）", "unit_id");
               }
               const auto mode = service::parse_import_mode(string_query(req, "mode"));
               if (!mode) {
                 throw Error(ErrorCode::kInvalidValue, "mode 应为 all_or_nothing 或 valid_rows",
                             "mode");
               }
               std::string file_name = string_query(req, "file_name");
               if (file_name.empty()) {
                 file_name = "app-roster.csv";
               }
               const auto view = s.imports.submit(session.actor, *unit, *mode, mapping_query(req),
                                                  req.body_file, file_name, service::kAppRosterJob);
               return Response::json(202, {{"job", import_job_json(view)}});
             },
             {kRosterUploadLimit, /*stream_body_to_file=*/true});

  router.add(Method::kGet, "/api/app/rosters", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto week =
        s.app.submissions(session.actor, int_query(req, "unit_id"), date_query(req, "week"));
    json submissions = json::array();
    for (const auto& sub : week.submissions) {
      submissions.push_back(submission_json(sub));
    }
    return Response::json(200, {{"week", date_json(week.week)},
                                {"deadline", week.deadline},
                                {"submissions", std::move(submissions)}});
  });

  router.add(Method::kGet, "/api/app/rosters/history", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto unit = int_query(req, "unit_id").value_or(session.actor.unit_id);
    json submissions = json::array();
    for (const auto& sub : s.app.history(session.actor, unit,
                                         static_cast<int>(int_query(req, "limit").value_or(20)))) {
      submissions.push_back(submission_json(sub));
    }
    return Response::json(200, {{"submissions", std::move(submissions)}});
  });

  router.add(Method::kGet, "/api/app/rosters/status", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    return Response::json(200,
                          submission_status_json(s.app.submission_status(
                              session.actor, int_query(req, "unit_id"), date_query(req, "week"))));
  });

  router.add(Method::kGet, "/api/app/figures", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto f = s.app.figures(session.actor, int_query(req, "unit_id"), int_query(req, "at"));
    return Response::json(200, {{"unit", unit_json(f.unit)},
                                {"at", f.at},
                                {"populations", population_counts_json(f.counts)}});
  });

  router.add(Method::kGet, "/api/app/ranking", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    return Response::json(200,
                          ranking_json(s.ranking.ranking(session.actor, int_query(req, "unit_id"),
                                                         date_query(req, "week"))));
  });

  router.add(Method::kGet, "/api/app/ranking/export", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto file =
        s.ranking.export_ranking(session.actor, int_query(req, "unit_id"), date_query(req, "week"));
    return file_response(file.path, kXlsxType, "反诈APP周排名.xlsx", true);
  });

  router.add(Method::kGet, "/api/app/trend", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    json weeks = json::array();
    for (const auto& w : s.ranking.trend(session.actor, int_query(req, "unit_id"),
                                         static_cast<int>(int_query(req, "weeks").value_or(12)))) {
      weeks.push_back(
          {{"week", date_json(w.week)}, {"populations", population_counts_json(w.counts)}});
    }
    return Response::json(200, {{"weeks", std::move(weeks)}});
  });

  router.add(Method::kGet, "/api/app/targets", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    json targets = json::array();
    for (const auto& t : s.app.targets(session.actor, int_query(req, "unit_id"))) {
      targets.push_back(target_json(t));
    }
    return Response::json(200, {{"targets", std::move(targets)}});
  });

  router.add(Method::kPost, "/api/app/targets", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {"org_unit_id", "population", "fact", "rate", "due_on", "note"});
    service::TargetInput input;
    input.org_unit_id = in.required_int("org_unit_id");
    input.population =
        enum_value(in.required_string("population"), domain::parse_app_population, "population");
    input.fact = enum_value(in.required_string("fact"), domain::parse_app_fact, "fact");
    input.rate_permille = static_cast<int>(std::lround(in.required_number("rate") * 1000));
    input.due_on = date_value(in.required_string("due_on"), "due_on");
    input.note = std::string(trim(in.optional_string("note").value_or("")));
    return Response::json(201,
                          {{"target", target_json(s.app.create_target(session.actor, input))}});
  });

  router.add(Method::kDelete, "/api/app/targets/{id}", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    s.app.delete_target(session.actor, id_param(req, "id"));
    return Response::json(200, {{"ok", true}});
  });

  router.add(Method::kGet, "/api/app/settings", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    return Response::json(200, settings_json(s.app.settings(session.actor)));
  });

  router.add(Method::kPatch, "/api/app/settings", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req,
                       {"alerts_lapse_days", "roster_deadline_weekday", "roster_deadline_hour"});
    service::AppSettingsChanges ch;
    auto small = [&](const char* key) -> std::optional<int> {
      const auto v = in.optional_int(key);
      if (v && (*v < INT32_MIN || *v > INT32_MAX)) {
        throw Error(ErrorCode::kInvalidValue, "取值超出范围", key);
      }
      return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
    };
    ch.alerts_lapse_days = small("alerts_lapse_days");
    ch.roster_deadline_weekday = small("roster_deadline_weekday");
    ch.roster_deadline_hour = small("roster_deadline_hour");
    return Response::json(200, settings_json(s.app.update_settings(session.actor, ch)));
  });

  router.add(Method::kGet, "/api/app/promotion", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto p = s.app.my_promotion(session.actor);
    return Response::json(200, {{"code", p.code},
                                {"link", "/promo/" + p.code},
                                {"registered", p.registered},
                                {"registered_this_week", p.registered_this_week}});
  });

  router.add(Method::kGet, "/api/app/promotions", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto to = int_query(req, "to").value_or(INT64_MAX / 2);
    const auto counts = s.app.promotions(session.actor, int_query(req, "unit_id"),
                                         int_query(req, "from").value_or(0), to);
    json workers = json::array();
    for (const auto& [p, n] : counts.workers) {
      workers.push_back(
          {{"user_id", p.user_id}, {"name", p.name}, {"unit_name", p.unit_name}, {"count", n}});
    }
    json units = json::array();
    for (const auto& [unit, n] : counts.units) {
      units.push_back({{"unit", unit_json(unit)}, {"count", n}});
    }
    return Response::json(200, {{"workers", std::move(workers)}, {"units", std::move(units)}});
  });

  // Public: the landing page a promotion QR code opens.
  router.add(Method::kGet, "/api/public/promo/{code}", [&s](Request& req) {
    const auto p = s.app.public_promotion(to_upper_ascii(std::string(req.path_param("code"))));
    return Response::json(200,
                          {{"code", p.code}, {"worker", p.worker}, {"unit_name", p.unit_name}});
  });
}

}  // namespace fanzha::api
