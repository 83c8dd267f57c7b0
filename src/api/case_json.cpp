#include "api/case_json.h"

#include <algorithm>

#include "api/json_input.h"
#include "api/json_output.h"
#include "api/people_json.h"
#include "domain/money.h"
#include "domain/period.h"

namespace fanzha::api {

using nlohmann::json;

namespace {

json optional_json(const std::optional<int64_t>& v) { return v ? json(*v) : json(); }

json ratio_json(std::optional<double> r) { return r ? json(*r) : json(); }

json trace_json(const domain::BackTrace& t) {
  return {{"person_known", t.person_known},
          {"visited", t.visited},
          {"visited_face_to_face", t.visited_face_to_face},
          {"last_visit_at", optional_json(t.last_visit_at)},
          {"letter_signed", t.letter_signed},
          {"app_installed", t.app.installed},
          {"app_registered", t.app.registered},
          {"alerts_on", t.app.alerts_on},
          {"alerts_lapsed", t.app.alerts_lapsed},
          {"spot_checked", t.spot_checked},
          {"spot_check_confirmed", t.spot_check_confirmed}};
}

json summary_json(const domain::BackTraceSummary& s) {
  json shares = json::object();
  const std::pair<const char*, int64_t> parts[] = {{"never_visited", s.never_visited},
                                                   {"not_face_to_face", s.not_face_to_face},
                                                   {"no_letter", s.no_letter},
                                                   {"app_not_installed", s.app_not_installed},
                                                   {"app_not_registered", s.app_not_registered},
                                                   {"alerts_off", s.alerts_off},
                                                   {"alerts_lapsed", s.alerts_lapsed},
                                                   {"spot_confirmed", s.spot_confirmed}};
  json out = {{"cases", s.cases}, {"known", s.known}};
  for (const auto& [key, n] : parts) {
    out[key] = n;
    shares[key] = s.share(n);
  }
  out["shares"] = std::move(shares);
  return out;
}

template <typename Enum, typename Key, typename Label>
json breakdown_json(const std::vector<std::pair<Enum, service::YearOnYear>>& rows, Key key,
                    Label label) {
  json out = json::array();
  for (const auto& [value, figures] : rows) {
    json row = year_on_year_json(figures);
    row["key"] = key(value);
    row["label"] = label(value);
    out.push_back(std::move(row));
  }
  return out;
}

json zero_json(const service::ZeroCaseCount& z) { return {{"total", z.total}, {"zero", z.zero}}; }

int64_t amount(const JsonInput& in, const char* fen_key, const char* yuan_key) {
  if (const auto text = in.optional_string(yuan_key)) {
    const auto parsed = domain::parse_yuan(*text);
    if (const auto* reason = std::get_if<std::string>(&parsed)) {
      throw Error(ErrorCode::kInvalidValue, *reason, yuan_key);
    }
    return std::get<int64_t>(parsed);
  }
  return in.optional_int(fen_key).value_or(0);
}

template <typename Parse>
auto enum_field(const JsonInput& in, const char* key, Parse parse, const char* message)
    -> decltype(parse(std::string_view())) {
  const auto text = in.optional_string(key);
  if (!text) {
    return std::nullopt;
  }
  const auto value = parse(*text);
  if (!value) {
    throw Error(ErrorCode::kInvalidValue, message, key);
  }
  return value;
}

}  // namespace

json accounts_json(const std::vector<service::AccountView>& accounts) {
  json out = json::array();
  for (const auto& a : accounts) {
    out.push_back({{"kind", domain::suspect_account_kind_key(a.kind)},
                   {"kind_label", domain::suspect_account_kind_label(a.kind)},
                   {"number", a.number},
                   {"holder", a.holder}});
  }
  return out;
}

json rectification_json(const store::RectificationRow& r) {
  return {{"responsible_unit_id", r.responsible_unit_id},
          {"responsible_unit_name", r.responsible_unit_name},
          {"checklist", json::parse(r.checklist_json, nullptr, false)},
          {"plan", r.plan},
          {"due_on", date_json(r.due_day)},
          {"status", r.status},
          {"updated_at", r.updated_at}};
}

json case_json(const service::CaseView& v) {
  const store::CaseRow& r = v.row;
  const domain::FraudCase& c = r.fraud_case;
  return {
      {"id", c.id},
      {"case_number", c.case_number},
      {"reported_at", c.reported_at},
      {"occurred_at", c.occurred_at},
      {"org_unit", {{"id", c.org_unit_id}, {"name", r.org_unit_name}}},
      {"victim",
       {{"person_id", optional_json(c.victim_person_id)},
        {"name", r.person_name.empty() ? r.victim_name : r.person_name},
        {"age", c.victim_age ? json(*c.victim_age) : json()},
        {"sex", domain::sex_key(c.victim_sex)},
        {"group", domain::victim_group_key(c.victim_group)},
        {"group_label", domain::victim_group_label(c.victim_group)},
        {"unit",
         r.victim_unit_id ? json{{"id", *r.victim_unit_id}, {"name", r.victim_unit_name}} : json()},
        {"masked", !v.identity}}},
      {"inside_system", r.inside_system},
      {"fraud_type", domain::fraud_type_key(c.fraud_type)},
      {"fraud_type_label", domain::fraud_type_label(c.fraud_type)},
      {"high_incidence", domain::is_high_incidence(c.fraud_type)},
      {"channel", domain::case_channel_key(c.channel)},
      {"channel_label", domain::case_channel_label(c.channel)},
      {"loss_fen", c.loss_fen},
      {"stopped_fen", c.stopped_fen},
      {"returned_fen", c.returned_fen},
      {"status", domain::case_status_key(c.status)},
      {"status_label", domain::case_status_label(c.status)},
      {"suspect_accounts", accounts_json(v.accounts)},
      {"notes", c.notes},
      {"back_trace", trace_json(r.trace)},
      {"large", v.large},
      {"ledger_access", v.ledger_access},
      {"rectification", v.rectification ? rectification_json(*v.rectification) : json()},
      {"created_at", r.created_at},
      {"updated_at", r.updated_at},
  };
}

json ledger_json(const service::LedgerView& l) {
  json followups = json::array();
  for (const auto& f : l.followups) {
    followups.push_back({{"id", f.id},
                         {"visited_at", f.visited_at},
                         {"visitor_name", f.visitor_name},
                         {"support", f.support},
                         {"outcome", f.outcome}});
  }
  return {{"account", l.ledger.account},           {"family", l.ledger.family},
          {"money_source", l.ledger.money_source}, {"plan", l.ledger.plan},
          {"updated_at", l.ledger.updated_at},     {"followups", std::move(followups)}};
}

json period_json(const domain::Period& p) {
  return {{"kind", domain::period_kind_key(p.kind)},
          {"from", date_json(p.first)},
          {"to", date_json(p.last)},
          {"label", domain::period_label(p)}};
}

json sums_json(const service::CaseSums& s) {
  return {{"cases", s.cases},
          {"loss_fen", s.loss_fen},
          {"stopped_fen", s.stopped_fen},
          {"returned_fen", s.returned_fen}};
}

json year_on_year_json(const service::YearOnYear& f, int64_t residents) {
  json out = sums_json(f.now);
  out["last_year"] = sums_json(f.last_year);
  out["cases_change"] = ratio_json(domain::change_ratio(f.now.cases, f.last_year.cases));
  out["loss_change"] = ratio_json(domain::change_ratio(f.now.loss_fen, f.last_year.loss_fen));
  if (residents > 0) {
    out["residents"] = residents;
    out["per_10k"] = ratio_json(domain::per_ten_thousand(f.now.cases, residents));
  }
  return out;
}

json case_stats_json(const service::CaseStats& s) {
  json children = json::array();
  for (const auto& c : s.children) {
    json row = year_on_year_json(c.figures, c.residents);
    row["unit"] = unit_json(c.unit);
    row["rank"] = c.rank.rank ? json(*c.rank.rank) : json();
    row["bottom"] = c.rank.bottom;
    row["zero_case"] = c.figures.now.cases == 0;
    children.push_back(std::move(row));
  }
  json inside = json::array();
  for (const auto& [unit, sums] : s.inside_system) {
    json row = sums_json(sums);
    row["unit"] = unit_json(unit);
    inside.push_back(std::move(row));
  }
  return {
      {"unit", unit_json(s.unit)},
      {"period", period_json(s.period)},
      {"last_year_period", period_json(s.last_year)},
      {"total", year_on_year_json(s.total, s.residents)},
      {"by_type", breakdown_json(s.by_type, domain::fraud_type_key, domain::fraud_type_label)},
      {"by_group",
       breakdown_json(s.by_group, domain::victim_group_key, domain::victim_group_label)},
      {"by_channel",
       breakdown_json(s.by_channel, domain::case_channel_key, domain::case_channel_label)},
      {"children", std::move(children)},
      {"back_trace", summary_json(s.trace)},
      {"large_cases", s.large_cases},
      {"large_case_fen", s.large_case_fen},
      {"inside_system", std::move(inside)},
      {"zero_case",
       {{"villages", zero_json(s.zero_case.villages)},
        {"units", zero_json(s.zero_case.units)},
        {"schools", zero_json(s.zero_case.schools)}}},
  };
}

json target_status_json(const service::CaseTargetStatus& s) {
  const auto& t = s.target;
  const auto& p = s.progress;
  return {{"id", t.id},
          {"org_unit", {{"id", t.org_unit_id}, {"name", s.unit_name}}},
          {"period", period_json(t.period)},
          {"measure", t.target.measure == domain::CaseMeasure::kLoss ? "loss" : "cases"},
          {"scope",
           t.target.scope == domain::CaseScope::kHighIncidence ? "high_incidence" : "all_types"},
          {"reduction_permille", t.target.reduction_permille},
          {"last_year", p.last_year},
          {"allowed", p.allowed},
          {"so_far", p.so_far},
          {"projected", p.projected},
          {"met", p.met},
          {"on_track", p.on_track}};
}

service::CaseInput case_input(const http::Request& request) {
  const JsonInput in(
      request,
      {"case_number",      "reported_at", "occurred_at", "org_unit_id",  "victim_person_id",
       "victim_name",      "victim_age",  "victim_sex",  "victim_group", "victim_unit_id",
       "victim_staff",     "fraud_type",  "channel",     "loss_fen",     "stopped_fen",
       "returned_fen",     "loss",        "stopped",     "returned",     "status",
       "suspect_accounts", "notes"});
  service::CaseInput c;
  c.case_number = in.required_string("case_number");
  c.reported_at = in.required_int("reported_at");
  c.occurred_at = in.required_int("occurred_at");
  c.org_unit_id = in.required_int("org_unit_id");
  c.victim_person_id = in.optional_int("victim_person_id");
  c.victim_name = in.optional_string("victim_name").value_or("");
  if (const auto age = in.optional_int("victim_age")) {
    c.victim_age = static_cast<int>(std::clamp<int64_t>(*age, -1, 1000));
  }
  c.victim_sex = enum_field(in, "victim_sex", domain::parse_sex, "性别应为 M、F 或空");
  c.victim_group = enum_field(in, "victim_group", domain::parse_victim_group, "未知的受害人类别");
  c.victim_unit_id = in.optional_int("victim_unit_id");
  c.victim_staff = in.optional_bool("victim_staff");
  const auto type = enum_field(in, "fraud_type", domain::parse_fraud_type, "未知的诈骗类型");
  if (!type) {
    throw Error(ErrorCode::kMissingField, "请选择诈骗类型", "fraud_type");
  }
  c.fraud_type = *type;
  c.channel = enum_field(in, "channel", domain::parse_case_channel, "未知的接触渠道")
                  .value_or(domain::CaseChannel::kOther);
  c.loss_fen = amount(in, "loss_fen", "loss");
  c.stopped_fen = amount(in, "stopped_fen", "stopped");
  c.returned_fen = amount(in, "returned_fen", "returned");
  c.status = enum_field(in, "status", domain::parse_case_status, "未知的案件状态")
                 .value_or(domain::CaseStatus::kRegistered);
  const auto accounts = in.optional_array("suspect_accounts");
  c.keep_accounts = !accounts;  // PUT without the list keeps the stored accounts
  if (accounts) {
    for (const auto& a : *accounts) {
      const auto kind = a.is_object() && a.contains("kind") && a["kind"].is_string()
                            ? domain::parse_suspect_account_kind(a["kind"].get<std::string>())
                            : std::nullopt;
      if (!kind || !a.contains("number") || !a["number"].is_string()) {
        throw Error(ErrorCode::kInvalidValue,
                    "涉案账号应为 {\"kind\": \"bank_card\", \"number\": \"…\", \"holder\": \"…\"}",
                    "suspect_accounts");
      }
      c.suspect_accounts.push_back(
          {*kind, a["number"].get<std::string>(),
           a.contains("holder") && a["holder"].is_string() ? a["holder"].get<std::string>() : ""});
    }
  }
  c.notes = in.optional_string("notes").value_or("");
  return c;
}

domain::Period period_query(const http::Request& request, domain::DateNumber today) {
  const auto from = date_query(request, "from");
  const auto to = date_query(request, "to");
  if (from || to) {
    const auto range = domain::range_period(from.value_or(0), to.value_or(0));
    if (!range) {
      throw Error(ErrorCode::kInvalidValue, "请给出起止日期，且开始日期不晚于结束日期", "from");
    }
    return *range;
  }
  const std::string kind_text = string_query(request, "period");
  const auto kind = domain::parse_period_kind(kind_text.empty() ? "week" : kind_text);
  if (!kind || *kind == domain::PeriodKind::kRange) {
    throw Error(ErrorCode::kInvalidValue, "统计周期应为 week、half_month、month、quarter 或 year",
                "period");
  }
  return domain::period_containing(*kind, date_query(request, "date").value_or(today));
}

}  // namespace fanzha::api
