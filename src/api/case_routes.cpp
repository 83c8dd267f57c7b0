// Fraud cases: the registry, unmasking accounts, the victim ledger and follow-ups,
// rectification plans; the statistics, trend and targets; the large-case threshold.
#include "api/case_json.h"
#include "api/downloads.h"
#include "api/json_input.h"
#include "api/json_output.h"
#include "api/people_json.h"
#include "api/routes.h"
#include "api/session_gate.h"
#include "domain/calendar.h"

namespace fanzha::api {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

template <typename Parse>
auto enum_query(const Request& req, const char* name, Parse parse)
    -> decltype(parse(std::string_view())) {
  const std::string text = string_query(req, name);
  if (text.empty()) {
    return std::nullopt;
  }
  const auto value = parse(text);
  if (!value) {
    throw Error(ErrorCode::kInvalidValue, "参数“" + std::string(name) + "”的取值未知", name);
  }
  return value;
}

service::CaseQuery case_query(const Request& req) {
  service::CaseQuery q;
  q.unit_id = int_query(req, "unit_id");
  auto& f = q.filter;
  if (const auto from = date_query(req, "from")) {
    f.first_day = *from;
  }
  if (const auto to = date_query(req, "to")) {
    f.last_day = *to;
  }
  f.fraud_type = enum_query(req, "fraud_type", domain::parse_fraud_type);
  f.high_incidence_only = flag_query(req, "high_incidence");
  f.victim_group = enum_query(req, "victim_group", domain::parse_victim_group);
  f.channel = enum_query(req, "channel", domain::parse_case_channel);
  f.status = enum_query(req, "status", domain::parse_case_status);
  f.min_loss_fen = int_query(req, "min_loss_fen");
  if (flag_query(req, "inside_system")) {
    f.inside_system = true;
  }
  if (const std::string trace = string_query(req, "trace"); !trace.empty()) {
    f.trace = domain::trace_condition(trace);
    if (!f.trace) {
      throw Error(ErrorCode::kInvalidValue, "参数“trace”的取值未知", "trace");
    }
  }
  f.number_prefix = string_query(req, "q");
  f.limit = static_cast<int>(int_query(req, "limit").value_or(kDefaultListLimit));
  f.offset = static_cast<int>(int_query(req, "offset").value_or(0));
  return q;
}

service::CaseStatsQuery stats_query(const Request& req, domain::DateNumber today) {
  service::CaseStatsQuery q;
  q.unit_id = int_query(req, "unit_id");
  q.period = period_query(req, today);
  q.fraud_type = enum_query(req, "fraud_type", domain::parse_fraud_type);
  q.high_incidence_only = flag_query(req, "high_incidence");
  q.victim_group = enum_query(req, "victim_group", domain::parse_victim_group);
  q.channel = enum_query(req, "channel", domain::parse_case_channel);
  return q;
}

store::CaseTargetRow target_input(const Request& req) {
  const JsonInput in(req, {"org_unit_id", "period", "date", "from", "to", "measure", "scope",
                           "reduction_permille"});
  store::CaseTargetRow t;
  t.org_unit_id = in.required_int("org_unit_id");
  const auto from = in.optional_string("from");
  const auto to = in.optional_string("to");
  if (from || to) {
    const auto range = domain::range_period(date_value(from.value_or(""), "from"),
                                            date_value(to.value_or(""), "to"));
    if (!range) {
      throw Error(ErrorCode::kInvalidValue, "开始日期不能晚于结束日期", "from");
    }
    t.period = *range;
  } else {
    const auto kind = domain::parse_period_kind(in.required_string("period"));
    if (!kind || *kind == domain::PeriodKind::kRange) {
      throw Error(ErrorCode::kInvalidValue, "目标周期应为 month、quarter、half_month、week 或 year",
                  "period");
    }
    t.period = domain::period_containing(*kind, date_value(in.required_string("date"), "date"));
  }
  const std::string measure = in.optional_string("measure").value_or("cases");
  if (measure != "cases" && measure != "loss") {
    throw Error(ErrorCode::kInvalidValue, "考核指标应为 cases（发案数）或 loss（损失金额）",
                "measure");
  }
  t.target.measure = measure == "loss" ? domain::CaseMeasure::kLoss : domain::CaseMeasure::kCases;
  const std::string scope = in.optional_string("scope").value_or("all_types");
  if (scope != "all_types" && scope != "high_incidence") {
    throw Error(ErrorCode::kInvalidValue, "范围应为 all_types 或 high_incidence", "scope");
  }
  t.target.scope =
      scope == "high_incidence" ? domain::CaseScope::kHighIncidence : domain::CaseScope::kAllTypes;
  t.target.reduction_permille = static_cast<int>(in.required_int("reduction_permille"));
  return t;
}

domain::DateNumber today_of(const Services& s) {
  return domain::county_day_number(s.clock.now_ms());
}

service::CaseBulletin bulletin_of(Services& s, const service::Actor& actor, const Request& req) {
  return s.bulletins.bulletin(actor, stats_query(req, today_of(s)));
}

json bulletin_json(const service::CaseBulletin& b) {
  json out = case_stats_json(b.stats);
  out["title"] = b.title;
  out["issuer"] = b.issuer;
  out["issued_on"] = date_json(b.issued_on);
  out["summary"] = b.summary;
  out["bottom"] = units_json(b.bottom);
  json large = json::array();
  for (const auto& v : b.large_cases) {
    const auto& c = v.row.fraud_case;
    large.push_back({{"id", c.id},
                     {"case_number", c.case_number},
                     {"occurred_at", c.occurred_at},
                     {"org_unit_name", v.row.org_unit_name},
                     {"fraud_type_label", domain::fraud_type_label(c.fraud_type)},
                     {"loss_fen", c.loss_fen},
                     {"visited", v.row.trace.visited},
                     {"person_known", v.row.trace.person_known}});
  }
  out["large_cases"] = std::move(large);
  return out;
}

std::string bulletin_file_name(const service::CaseBulletin& b, const char* extension) {
  return b.title + "-" + domain::period_label(b.stats.period) + extension;
}

}  // namespace

void add_case_routes(http::Router& router, Services& s) {
  router.add(Method::kGet, "/api/cases", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto list = s.cases.list_cases(session.actor, case_query(req));
    json rows = json::array();
    for (const auto& v : list.cases) {
      rows.push_back(case_json(v));
    }
    return Response::json(
        200, {{"cases", std::move(rows)}, {"total", list.total}, {"loss_fen", list.loss_fen}});
  });

  router.add(Method::kPost, "/api/cases", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto saved = s.cases.register_case(session.actor, case_input(req));
    return Response::json(201, {{"case", case_json(saved.view)}});
  });

  router.add(Method::kGet, "/api/cases/{id}", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    return Response::json(
        200, {{"case", case_json(s.cases.get_case(session.actor, id_param(req, "id")))}});
  });

  router.add(Method::kPut, "/api/cases/{id}", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto view = s.cases.update_case(session.actor, id_param(req, "id"), case_input(req));
    return Response::json(200, {{"case", case_json(view)}});
  });

  router.add(Method::kPost, "/api/cases/{id}/unmask", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {"reason"});
    const auto accounts =
        s.cases.unmask_accounts(session.actor, id_param(req, "id"), in.required_string("reason"));
    return Response::json(200, {{"suspect_accounts", accounts_json(accounts)}});
  });

  router.add(Method::kGet, "/api/cases/{id}/ledger", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    return Response::json(
        200, {{"ledger", ledger_json(s.cases.ledger(session.actor, id_param(req, "id")))}});
  });

  router.add(Method::kPut, "/api/cases/{id}/ledger", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {"account", "family", "money_source", "plan"});
    store::LedgerRow l;
    l.account = in.optional_string("account").value_or("");
    l.family = in.optional_string("family").value_or("");
    l.money_source = in.optional_string("money_source").value_or("");
    l.plan = in.optional_string("plan").value_or("");
    return Response::json(
        200, {{"ledger", ledger_json(s.cases.save_ledger(session.actor, id_param(req, "id"), l))}});
  });

  router.add(Method::kPost, "/api/cases/{id}/followups", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {"visited_at", "visitor_name", "support", "outcome"});
    service::FollowupInput f;
    f.visited_at = in.optional_int("visited_at");
    f.visitor_name = in.optional_string("visitor_name").value_or("");
    f.support = in.optional_bool("support").value_or(false);
    f.outcome = in.optional_string("outcome").value_or("");
    const auto ledger = s.cases.add_followup(session.actor, id_param(req, "id"), f);
    return Response::json(201, {{"ledger", ledger_json(ledger)}});
  });

  router.add(Method::kPatch, "/api/cases/{id}/rectification", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {"responsible_unit_id", "checklist", "plan", "due_on", "status"});
    service::RectificationInput r;
    r.responsible_unit_id = in.optional_int("responsible_unit_id");
    if (const auto list = in.optional_array("checklist")) {
      r.checklist_json = list->dump();
    }
    r.plan = in.optional_string("plan");
    r.due_on = in.optional_string("due_on");
    r.status = in.optional_string("status");
    const auto row = s.cases.update_rectification(session.actor, id_param(req, "id"), r);
    return Response::json(200, {{"rectification", rectification_json(row)}});
  });

  router.add(Method::kGet, "/api/case-stats", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    return Response::json(
        200, case_stats_json(s.case_stats.stats(session.actor, stats_query(req, today_of(s)))));
  });

  router.add(Method::kGet, "/api/case-stats/trend", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto points = s.case_stats.monthly_trend(session.actor, int_query(req, "unit_id"),
                                                   date_query(req, "date").value_or(today_of(s)));
    json months = json::array();
    for (const auto& p : points) {
      json row = year_on_year_json(p.figures);
      row["period"] = period_json(p.period);
      months.push_back(std::move(row));
    }
    return Response::json(200, {{"months", std::move(months)}});
  });

  router.add(Method::kGet, "/api/case-bulletin", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    return Response::json(200, bulletin_json(bulletin_of(s, session.actor, req)));
  });

  router.add(Method::kGet, "/api/case-bulletin/pdf", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto bulletin = bulletin_of(s, session.actor, req);
    Response r;
    r.content_type = "application/pdf";
    r.body = s.bulletins.pdf(bulletin);
    r.headers.emplace_back(
        "Content-Disposition",
        content_disposition(bulletin_file_name(bulletin, ".pdf"), "bulletin.pdf"));
    return r;
  });

  router.add(Method::kGet, "/api/case-bulletin/xlsx", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto bulletin = bulletin_of(s, session.actor, req);
    return file_response(s.bulletins.xlsx(bulletin), kXlsxType,
                         bulletin_file_name(bulletin, ".xlsx"), true);
  });

  router.add(Method::kGet, "/api/case-targets", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    json rows = json::array();
    for (const auto& t : s.case_stats.targets(session.actor, int_query(req, "unit_id"))) {
      rows.push_back(target_status_json(t));
    }
    return Response::json(200, {{"targets", std::move(rows)}});
  });

  router.add(Method::kPost, "/api/case-targets", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto status = s.case_stats.create_target(session.actor, target_input(req));
    return Response::json(201, {{"target", target_status_json(status)}});
  });

  router.add(Method::kDelete, "/api/case-targets/{id}", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    s.case_stats.delete_target(session.actor, id_param(req, "id"));
    return Response::json(200, {{"deleted", true}});
  });

  router.add(Method::kGet, "/api/case-settings", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    service::require(session.actor, domain::Capability::kCaseRead);
    return Response::json(200, {{"large_case_fen", s.cases.large_case_fen()}});
  });

  router.add(Method::kPut, "/api/case-settings", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {"large_case_fen"});
    s.cases.set_large_case_fen(session.actor, in.required_int("large_case_fen"));
    return Response::json(200, {{"large_case_fen", s.cases.large_case_fen()}});
  });
}

}  // namespace fanzha::api
