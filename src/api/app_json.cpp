#include "api/app_json.h"

#include "api/json_output.h"
#include "api/people_json.h"

namespace fanzha::api {

using nlohmann::json;

namespace {

double rate(int64_t part, int64_t whole) {
  return whole <= 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

json optional_int(const std::optional<int64_t>& value) { return value ? json(*value) : json(); }

}  // namespace

json app_counts_json(const service::AppCounts& c) {
  return {{"population", c.population},
          {"installed", c.installed},
          {"registered", c.registered},
          {"alerts_on", c.alerts_on},
          {"alerts_lapsed", c.alerts_lapsed},
          {"installed_strong", c.installed_strong},
          {"registered_strong", c.registered_strong},
          {"alerts_on_strong", c.alerts_on_strong},
          {"installed_rate", rate(c.installed, c.population)},
          {"registered_rate", rate(c.registered, c.population)},
          {"alerts_on_rate", rate(c.alerts_on, c.population)},
          {"installed_strong_rate", rate(c.installed_strong, c.population)},
          {"registered_strong_rate", rate(c.registered_strong, c.population)},
          {"alerts_on_strong_rate", rate(c.alerts_on_strong, c.population)}};
}

json population_counts_json(const service::PopulationCounts& counts) {
  json out = json::object();
  for (auto p : domain::all_app_populations()) {
    out[std::string(domain::app_population_key(p))] =
        app_counts_json(counts[static_cast<size_t>(p)]);
  }
  return out;
}

json app_state_json(const domain::AppState& s) {
  return {{"installed", s.installed},
          {"registered", s.registered},
          {"alerts_on", s.alerts_on},
          {"alerts_lapsed", s.alerts_lapsed},
          {"installed_strong", s.installed_strong},
          {"registered_strong", s.registered_strong},
          {"alerts_on_strong", s.alerts_on_strong}};
}

json app_fact_json(const store::AppFactRow& f) {
  return {{"id", f.id},
          {"fact", domain::app_fact_key(f.observation.fact)},
          {"fact_label", domain::app_fact_label(f.observation.fact)},
          {"value", f.observation.value},
          {"observed_at", f.observation.observed_at},
          {"method", domain::app_method_key(f.observation.method)},
          {"method_label", domain::app_method_label(f.observation.method)},
          {"strong", domain::is_strong_method(f.observation.method)},
          {"recorder_name", f.recorder_name},
          {"submission_id", optional_int(f.submission_id)},
          {"promoter_user_id", optional_int(f.promoter_user_id)},
          {"promoter_name", f.promoter_name}};
}

json person_app_json(const service::PersonApp& app) {
  json facts = json::array();
  for (const auto& f : app.facts) {
    facts.push_back(app_fact_json(f));
  }
  return {{"person_id", app.person_id},
          {"status", app_state_json(app.status)},
          {"facts", std::move(facts)}};
}

json submission_json(const store::SubmissionRow& s) {
  return {{"id", s.id},
          {"org_unit_id", s.org_unit_id},
          {"org_unit_name", s.org_unit_name},
          {"week", date_json(s.week)},
          {"submitted_at", s.submitted_at},
          {"late", s.late},
          {"username", s.username},
          {"import_job_id", optional_int(s.import_job_id)},
          {"rows", s.rows},
          {"installed", s.installed},
          {"registered", s.registered},
          {"alerts_on", s.alerts_on},
          {"newly_installed", s.newly_installed},
          {"newly_registered", s.newly_registered},
          {"dropped", s.dropped}};
}

json target_json(const service::TargetView& v) {
  const auto& t = v.target;
  const auto& p = v.progress;
  return {{"id", t.id},
          {"org_unit_id", t.org_unit_id},
          {"org_unit_name", t.org_unit_name},
          {"population", domain::app_population_key(t.population)},
          {"population_label", domain::app_population_label(t.population)},
          {"fact", domain::app_fact_key(t.fact)},
          {"fact_label", domain::app_fact_label(t.fact)},
          {"rate", t.rate_permille / 1000.0},
          {"due_on", date_json(t.due_on)},
          {"note", t.note},
          {"progress",
           {{"unit", unit_json(v.unit)},
            {"population", p.population},
            {"achieved", p.achieved},
            {"rate", rate(p.achieved, p.population)},
            {"required", p.required},
            {"gap", p.gap},
            {"met", p.met},
            {"weekly_pace", p.weekly_pace},
            {"projected", p.projected ? date_json(*p.projected) : json()},
            {"on_track", p.on_track}}}};
}

json settings_json(const service::AppSettings& s) {
  return {{"alerts_lapse_days", s.alerts_lapse_days},
          {"roster_deadline_weekday", s.deadline.weekday},
          {"roster_deadline_hour", s.deadline.hour}};
}

json submission_status_json(const service::SubmissionStatus& status) {
  json groups = json::array();
  for (const auto& g : status.groups) {
    json late = json::array();
    for (const auto& [unit, at] : g.late) {
      late.push_back({{"unit", unit_json(unit)}, {"submitted_at", at}});
    }
    groups.push_back({{"unit", unit_json(g.unit)},
                      {"expected", g.expected},
                      {"on_time", g.on_time},
                      {"late", std::move(late)},
                      {"missing", units_json(g.missing)}});
  }
  return {{"week", date_json(status.week)},
          {"deadline", status.deadline},
          {"groups", std::move(groups)}};
}

json honesty_json(const domain::Honesty& h) {
  return {{"checked", h.checked},
          {"confirmed", h.confirmed},
          {"found_false", h.found_false},
          {"rate", rate(h.confirmed, h.checked)}};
}

json ranking_json(const service::Ranking& r) {
  json tables = json::array();
  for (const auto& table : r.tables) {
    json rows = json::array();
    for (const auto& row : table.rows) {
      json change = json();
      if (row.previous) {
        const auto& now = row.counts;
        const auto& before = *row.previous;
        change = {{"installed_rate",
                   rate(now.installed, now.population) - rate(before.installed, before.population)},
                  {"registered_rate", rate(now.registered, now.population) -
                                          rate(before.registered, before.population)},
                  {"alerts_on_rate", rate(now.alerts_on, now.population) -
                                         rate(before.alerts_on, before.population)}};
      }
      rows.push_back({{"unit", unit_json(row.unit)},
                      {"counts", app_counts_json(row.counts)},
                      {"previous", row.previous ? app_counts_json(*row.previous) : json()},
                      {"change", std::move(change)},
                      {"rank", row.rank.rank ? json(*row.rank.rank) : json()},
                      {"bottom", row.rank.bottom},
                      {"bottom_weeks", row.bottom_weeks},
                      {"honesty", row.honesty ? honesty_json(*row.honesty) : json()},
                      {"false_entries", row.honesty ? row.honesty->found_false : 0},
                      {"late", row.late},
                      {"missing", row.missing},
                      {"promoted", row.promoted}});
    }
    tables.push_back({{"population", domain::app_population_key(table.population)},
                      {"label", domain::app_population_label(table.population)},
                      {"total", app_counts_json(table.total)},
                      {"rows", std::move(rows)}});
  }
  return {{"unit", unit_json(r.unit)},
          {"week", date_json(r.week)},
          {"previous_week", date_json(domain::add_days(r.week, -7))},
          {"as_of", r.as_of},
          {"deadline", r.deadline},
          {"tables", std::move(tables)}};
}

json plan_json(const store::SpotCheckPlanRow& p) {
  return {{"id", p.id},
          {"org_unit_id", p.org_unit_id},
          {"org_unit_name", p.org_unit_name},
          {"name", p.name},
          {"seed", p.seed},
          {"per_village", p.per_stratum},
          {"drawn_at", p.drawn_at},
          {"closed", p.closed},
          {"items", p.items},
          {"called", p.called},
          {"created_at", p.created_at}};
}

json plan_detail_json(const service::PlanDetail& d) {
  json villages = json::array();
  for (const auto& v : d.villages) {
    villages.push_back(
        {{"unit", {{"id", v.stratum_id}, {"name", v.name}}},
         {"items", v.items},
         {"called", v.called},
         {"checked", v.honesty.checked},
         {"confirmed", v.honesty.confirmed},
         {"found_false", v.honesty.found_false},
         {"honesty",
          v.honesty.checked ? json(rate(v.honesty.confirmed, v.honesty.checked)) : json()}});
  }
  return {{"plan", plan_json(d.plan)}, {"villages", std::move(villages)}};
}

json item_json(const store::SpotCheckItemRow& i) {
  return {{"id", i.id},
          {"plan_id", i.plan_id},
          {"person_id", i.person_id},
          {"person_name", i.person_name},
          {"phone", i.phone_masked},
          {"village_id", i.stratum_id},
          {"village_name", i.stratum_name},
          {"assigned_to", optional_int(i.assigned_to)},
          {"assigned_name", i.assigned_name},
          {"outcome", i.outcome ? json(domain::call_outcome_key(*i.outcome)) : json()},
          {"outcome_label", i.outcome ? json(domain::call_outcome_label(*i.outcome)) : json()},
          {"called_at", optional_int(i.called_at)},
          {"notes", i.notes},
          {"flagged", i.flagged}};
}

}  // namespace fanzha::api
