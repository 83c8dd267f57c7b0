#include "store/app_store.h"

#include "common/error.h"
#include "domain/org_path.h"

namespace fanzha::store {

using domain::AppObservation;

namespace {

AppObservation read_observation(Statement& s, int first) {
  AppObservation o;
  o.fact = domain::parse_app_fact(s.get_text(first)).value_or(domain::AppFact::kInstalled);
  o.value = s.get_bool(first + 1);
  o.observed_at = s.get_int(first + 2);
  o.method =
      domain::parse_app_method(s.get_text(first + 3)).value_or(domain::AppMethod::kSelfReport);
  return o;
}

#define FANZHA_SUBMISSION_COLUMNS                                                        \
  "s.id, s.org_unit_id, u.name, s.week, s.submitted_at, s.late, s.user_id, s.username,"  \
  " s.import_job_id, s.rows, s.installed, s.registered, s.alerts_on, s.newly_installed," \
  " s.newly_registered, s.dropped"

SubmissionRow read_submission(Statement& s) {
  SubmissionRow r;
  r.id = s.get_int(0);
  r.org_unit_id = s.get_int(1);
  r.org_unit_name = s.get_text(2);
  r.week = static_cast<domain::DateNumber>(s.get_int(3));
  r.submitted_at = s.get_int(4);
  r.late = s.get_bool(5);
  r.user_id = s.get_optional_int(6);
  r.username = s.get_text(7);
  r.import_job_id = s.get_optional_int(8);
  r.rows = s.get_int(9);
  r.installed = s.get_int(10);
  r.registered = s.get_int(11);
  r.alerts_on = s.get_int(12);
  r.newly_installed = s.get_int(13);
  r.newly_registered = s.get_int(14);
  r.dropped = s.get_int(15);
  return r;
}

#define FANZHA_TARGET_COLUMNS                                                              \
  "t.id, t.org_unit_id, u.name, t.population, t.fact, t.rate_permille, t.due_on, t.note, " \
  "t.created_at"

TargetRow read_target(Statement& s) {
  TargetRow t;
  t.id = s.get_int(0);
  t.org_unit_id = s.get_int(1);
  t.org_unit_name = s.get_text(2);
  t.population =
      domain::parse_app_population(s.get_text(3)).value_or(domain::AppPopulation::kAge16To60);
  t.fact = domain::parse_app_fact(s.get_text(4)).value_or(domain::AppFact::kInstalled);
  t.rate_permille = static_cast<int>(s.get_int(5));
  t.due_on = static_cast<domain::DateNumber>(s.get_int(6));
  t.note = s.get_text(7);
  t.created_at = s.get_int(8);
  return t;
}

#define FANZHA_PLAN_COLUMNS                                                                \
  "p.id, p.org_unit_id, u.name, p.name, p.seed, p.per_stratum, p.drawn_at, p.created_by, " \
  "p.closed,"                                                                              \
  " p.created_at, (SELECT COUNT(*) FROM spot_check_item i WHERE i.plan_id = p.id),"        \
  " (SELECT COUNT(*) FROM spot_check_item i WHERE i.plan_id = p.id AND i.outcome IS NOT NULL)"

SpotCheckPlanRow read_plan(Statement& s) {
  SpotCheckPlanRow p;
  p.id = s.get_int(0);
  p.org_unit_id = s.get_int(1);
  p.org_unit_name = s.get_text(2);
  p.name = s.get_text(3);
  p.seed = s.get_int(4);
  p.per_stratum = static_cast<int>(s.get_int(5));
  p.drawn_at = s.get_int(6);
  p.created_by = s.get_optional_int(7);
  p.closed = s.get_bool(8);
  p.created_at = s.get_int(9);
  p.items = s.get_int(10);
  p.called = s.get_int(11);
  return p;
}

#define FANZHA_ITEM_COLUMNS                                                                      \
  "i.id, i.plan_id, i.person_id, p.name, p.phone_masked, p.phone_cipher, i.stratum_id, st.name," \
  " i.assigned_to, COALESCE(a.display_name, ''), i.outcome, i.called_at, i.notes, i.flagged"
constexpr const char* kItemJoins =
    " JOIN person p ON p.id = i.person_id JOIN org_unit st ON st.id = i.stratum_id"
    " LEFT JOIN app_user a ON a.id = i.assigned_to";

SpotCheckItemRow read_item(Statement& s) {
  SpotCheckItemRow r;
  r.id = s.get_int(0);
  r.plan_id = s.get_int(1);
  r.person_id = s.get_int(2);
  r.person_name = s.get_text(3);
  r.phone_masked = s.get_text(4);
  r.phone_cipher = s.get_blob(5);
  r.stratum_id = s.get_int(6);
  r.stratum_name = s.get_text(7);
  r.assigned_to = s.get_optional_int(8);
  r.assigned_name = s.get_text(9);
  if (!s.is_null(10)) {
    r.outcome = domain::parse_call_outcome(s.get_text(10));
  }
  r.called_at = s.get_optional_int(11);
  r.notes = s.get_text(12);
  r.flagged = s.get_bool(13);
  return r;
}

}  // namespace

int64_t AppStore::insert_fact(const AppFactRow& f) {
  auto s = c_.prepare(
      "INSERT INTO app_fact (person_id, fact, value, observed_at, method, recorded_by,"
      " recorder_name, submission_id, promoter_user_id, created_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id");
  s->bind_all(f.person_id, domain::app_fact_key(f.observation.fact), f.observation.value,
              f.observation.observed_at, domain::app_method_key(f.observation.method),
              f.recorded_by, f.recorder_name, f.submission_id, f.promoter_user_id, f.created_at);
  s->step();
  return s->get_int(0);
}

std::vector<AppFactRow> AppStore::facts_of(int64_t person_id) {
  auto s = c_.prepare(
      "SELECT f.id, f.person_id, f.fact, f.value, f.observed_at, f.method, f.recorded_by,"
      " f.recorder_name, f.submission_id, f.promoter_user_id, COALESCE(u.display_name, ''),"
      " f.created_at FROM app_fact f LEFT JOIN app_user u ON u.id = f.promoter_user_id"
      " WHERE f.person_id = $1 ORDER BY f.observed_at DESC, f.id DESC");
  s->bind(1, person_id);
  std::vector<AppFactRow> out;
  while (s->step()) {
    AppFactRow r;
    r.id = s->get_int(0);
    r.person_id = s->get_int(1);
    r.observation = read_observation(*s, 2);
    r.recorded_by = s->get_optional_int(6);
    r.recorder_name = s->get_text(7);
    r.submission_id = s->get_optional_int(8);
    r.promoter_user_id = s->get_optional_int(9);
    r.promoter_name = s->get_text(10);
    r.created_at = s->get_int(11);
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<AppObservation> AppStore::observations_of(int64_t person_id) {
  auto s = c_.prepare(
      "SELECT fact, value, observed_at, method FROM app_fact WHERE person_id = $1 ORDER BY id");
  s->bind(1, person_id);
  std::vector<AppObservation> out;
  while (s->step()) {
    out.push_back(read_observation(*s, 0));
  }
  return out;
}

void AppStore::scan_units(
    const std::function<void(int64_t, std::string_view, domain::OrgKind)>& each) {
  auto s = c_.prepare("SELECT id, path, kind FROM org_unit");
  while (s->step()) {
    const std::string path = s->get_text(1);
    each(s->get_int(0), path,
         domain::parse_org_kind(s->get_text(2)).value_or(domain::OrgKind::kDepartment));
  }
}

void AppStore::scan_people(const std::function<void(const AppPersonRow&)>& each) {
  auto s = c_.prepare(
      "SELECT id, org_unit_id, link_unit_id, link_role, birth_date, phone_cipher IS NOT NULL"
      " FROM person");
  AppPersonRow row;
  while (s->step()) {
    row.id = s->get_int(0);
    row.org_unit_id = s->get_int(1);
    row.link_unit_id = s->get_optional_int(2);
    row.link_role = domain::parse_link_role(s->get_text(3)).value_or(domain::LinkRole::kNone);
    row.birth_date = static_cast<domain::DateNumber>(s->get_int(4));
    row.has_phone = s->get_bool(5);
    each(row);
  }
}

int64_t AppStore::insert_submission(const SubmissionRow& r) {
  auto s = c_.prepare(
      "INSERT INTO roster_submission (org_unit_id, week, submitted_at, late, user_id, username,"
      " import_job_id, rows, installed, registered, alerts_on, newly_installed, newly_registered,"
      " dropped) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING "
      "id");
  s->bind_all(r.org_unit_id, int64_t{r.week}, r.submitted_at, r.late, r.user_id, r.username,
              r.import_job_id, r.rows, r.installed, r.registered, r.alerts_on, r.newly_installed,
              r.newly_registered, r.dropped);
  s->step();
  return s->get_int(0);
}

void AppStore::update_submission_counts(const SubmissionRow& r) {
  c_.prepare(
        "UPDATE roster_submission SET rows = $1, installed = $2, registered = $3, alerts_on = $4,"
        " newly_installed = $5, newly_registered = $6, dropped = $7 WHERE id = $8")
      ->bind_all(r.rows, r.installed, r.registered, r.alerts_on, r.newly_installed,
                 r.newly_registered, r.dropped, r.id)
      .run();
}

std::vector<SubmissionRow> AppStore::submissions_of_unit(int64_t org_unit_id, int limit) {
  auto s = c_.prepare("SELECT " FANZHA_SUBMISSION_COLUMNS
                      " FROM roster_submission s JOIN org_unit u ON u.id = s.org_unit_id"
                      " WHERE s.org_unit_id = $1 ORDER BY s.submitted_at DESC, s.id DESC LIMIT $2");
  s->bind_all(org_unit_id, limit);
  std::vector<SubmissionRow> out;
  while (s->step()) {
    out.push_back(read_submission(*s));
  }
  return out;
}

std::optional<SubmissionRow> AppStore::submission_of_job(int64_t import_job_id) {
  auto s = c_.prepare("SELECT " FANZHA_SUBMISSION_COLUMNS
                      " FROM roster_submission s JOIN org_unit u ON u.id = s.org_unit_id"
                      " WHERE s.import_job_id = $1");
  s->bind(1, import_job_id);
  if (!s->step()) {
    return std::nullopt;
  }
  return read_submission(*s);
}

std::vector<SubmissionRow> AppStore::submissions_of_week(std::string_view path,
                                                         domain::DateNumber week) {
  auto s = c_.prepare("SELECT " FANZHA_SUBMISSION_COLUMNS
                      " FROM org_unit u JOIN roster_submission s ON s.org_unit_id = u.id"
                      " WHERE u.path >= $1 AND u.path < $2 AND s.week = $3"
                      " ORDER BY u.path, s.submitted_at");
  s->bind_all(path, domain::path_upper_bound(path), int64_t{week});
  std::vector<SubmissionRow> out;
  while (s->step()) {
    out.push_back(read_submission(*s));
  }
  return out;
}

std::vector<TargetRow> AppStore::targets_for(std::string_view path) {
  auto s =
      c_.prepare("SELECT " FANZHA_TARGET_COLUMNS
                 " FROM app_target t JOIN org_unit u ON u.id = t.org_unit_id"
                 " WHERE (u.path >= $1 AND u.path < $2) OR substr($1, 1, length(u.path)) = u.path"
                 " ORDER BY u.depth, t.population, t.fact, t.due_on");
  s->bind_all(path, domain::path_upper_bound(path));
  std::vector<TargetRow> out;
  while (s->step()) {
    out.push_back(read_target(*s));
  }
  return out;
}

std::optional<TargetRow> AppStore::find_target(int64_t id) {
  auto s = c_.prepare("SELECT " FANZHA_TARGET_COLUMNS
                      " FROM app_target t JOIN org_unit u ON u.id = t.org_unit_id WHERE t.id = $1");
  s->bind(1, id);
  if (!s->step()) {
    return std::nullopt;
  }
  return read_target(*s);
}

int64_t AppStore::insert_target(const TargetRow& t) {
  auto s = c_.prepare(
      "INSERT INTO app_target (org_unit_id, population, fact, rate_permille, due_on, note,"
      " created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id");
  s->bind_all(t.org_unit_id, domain::app_population_key(t.population), domain::app_fact_key(t.fact),
              t.rate_permille, int64_t{t.due_on}, t.note, t.created_at);
  s->step();
  return s->get_int(0);
}

void AppStore::delete_target(int64_t id) {
  c_.prepare("DELETE FROM app_target WHERE id = $1")->bind(1, id).run();
}

int64_t AppStore::insert_plan(const SpotCheckPlanRow& p) {
  auto s = c_.prepare(
      "INSERT INTO spot_check_plan (org_unit_id, name, seed, per_stratum, drawn_at, created_by,"
      " closed, created_at) VALUES ($1, $2, $3, $4, $5, $6, 0, $7) RETURNING id");
  s->bind_all(p.org_unit_id, p.name, p.seed, p.per_stratum, p.drawn_at, p.created_by, p.created_at);
  s->step();
  return s->get_int(0);
}

void AppStore::insert_item(int64_t plan_id, int64_t person_id, int64_t stratum_id) {
  c_.prepare("INSERT INTO spot_check_item (plan_id, person_id, stratum_id) VALUES ($1, $2, $3)")
      ->bind_all(plan_id, person_id, stratum_id)
      .run();
}

std::optional<SpotCheckPlanRow> AppStore::find_plan(int64_t id) {
  auto s =
      c_.prepare("SELECT " FANZHA_PLAN_COLUMNS
                 " FROM spot_check_plan p JOIN org_unit u ON u.id = p.org_unit_id WHERE p.id = $1");
  s->bind(1, id);
  if (!s->step()) {
    return std::nullopt;
  }
  return read_plan(*s);
}

std::vector<SpotCheckPlanRow> AppStore::plans_within(std::string_view path) {
  // Plans of units inside `path`, and of its ancestors (a county plan samples villages
  // of every township).
  auto s =
      c_.prepare("SELECT " FANZHA_PLAN_COLUMNS
                 " FROM spot_check_plan p JOIN org_unit u ON u.id = p.org_unit_id"
                 " WHERE (u.path >= $1 AND u.path < $2) OR substr($1, 1, length(u.path)) = u.path"
                 " ORDER BY p.id DESC");
  s->bind_all(path, domain::path_upper_bound(path));
  std::vector<SpotCheckPlanRow> out;
  while (s->step()) {
    out.push_back(read_plan(*s));
  }
  return out;
}

std::vector<SpotCheckItemRow> AppStore::items(const SpotCheckItemFilter& f, int64_t* total) {
  const std::string where =
      " FROM spot_check_item i" + std::string(kItemJoins) +
      " WHERE i.plan_id = $1 AND st.path >= $2 AND st.path < $3"
      " AND ($4 = 0 OR i.assigned_to = $4)"
      " AND ($5 = 0 OR ($5 = 1 AND i.outcome IS NOT NULL) OR ($5 = 2 AND i.outcome IS NULL))"
      " AND ($6 = 0 OR i.stratum_id = $6)";
  const int called = !f.called ? 0 : (*f.called ? 1 : 2);
  auto bind_filters = [&](Statement& s) {
    s.bind_all(f.plan_id, f.scope_path, domain::path_upper_bound(f.scope_path),
               f.assigned_to.value_or(0), called, f.stratum_id.value_or(0));
  };
  if (total) {
    auto count = c_.prepare("SELECT COUNT(*)" + where);
    bind_filters(*count);
    count->step();
    *total = count->get_int(0);
  }
  auto s = c_.prepare("SELECT " FANZHA_ITEM_COLUMNS + where +
                      " ORDER BY st.code, i.id LIMIT $7 OFFSET $8");
  bind_filters(*s);
  s->bind(7, f.limit).bind(8, f.offset);
  std::vector<SpotCheckItemRow> out;
  while (s->step()) {
    out.push_back(read_item(*s));
  }
  return out;
}

std::optional<SpotCheckItemRow> AppStore::find_item(int64_t id) {
  auto s = c_.prepare("SELECT " FANZHA_ITEM_COLUMNS " FROM spot_check_item i" +
                      std::string(kItemJoins) + " WHERE i.id = $1");
  s->bind(1, id);
  if (!s->step()) {
    return std::nullopt;
  }
  return read_item(*s);
}

std::vector<std::pair<int64_t, std::string>> AppStore::unassigned_items(int64_t plan_id) {
  auto s = c_.prepare(
      "SELECT i.id, st.path FROM spot_check_item i JOIN org_unit st ON st.id = i.stratum_id"
      " WHERE i.plan_id = $1 AND i.assigned_to IS NULL AND i.outcome IS NULL"
      " ORDER BY st.path, i.id");
  s->bind(1, plan_id);
  std::vector<std::pair<int64_t, std::string>> out;
  while (s->step()) {
    out.emplace_back(s->get_int(0), s->get_text(1));
  }
  return out;
}

std::vector<PlanStratumRow> AppStore::plan_strata(int64_t plan_id, std::string_view path) {
  auto s = c_.prepare(
      "SELECT i.stratum_id, st.name, st.path, i.outcome, COUNT(*) FROM spot_check_item i"
      " JOIN org_unit st ON st.id = i.stratum_id"
      " WHERE i.plan_id = $1 AND st.path >= $2 AND st.path < $3"
      " GROUP BY i.stratum_id, st.name, st.path, st.code, i.outcome ORDER BY st.code");
  s->bind_all(plan_id, path, domain::path_upper_bound(path));
  std::vector<PlanStratumRow> out;
  while (s->step()) {
    const int64_t stratum = s->get_int(0);
    if (out.empty() || out.back().stratum_id != stratum) {
      out.push_back({stratum, s->get_text(1), s->get_text(2), 0, 0, {}});
    }
    const int64_t n = s->get_int(4);
    out.back().items += n;
    if (!s->is_null(3)) {
      out.back().called += n;
      if (const auto outcome = domain::parse_call_outcome(s->get_text(3))) {
        out.back().honesty.add(*outcome, n);
      }
    }
  }
  return out;
}

bool AppStore::plan_called_within(int64_t plan_id, std::string_view path) {
  auto s = c_.prepare(
      "SELECT 1 FROM spot_check_item i JOIN org_unit st ON st.id = i.stratum_id"
      " WHERE i.plan_id = $1 AND i.outcome IS NOT NULL AND st.path >= $2 AND st.path < $3"
      " LIMIT 1");
  s->bind_all(plan_id, path, domain::path_upper_bound(path));
  return s->step();
}

void AppStore::assign_item(int64_t id, std::optional<int64_t> user_id) {
  c_.prepare("UPDATE spot_check_item SET assigned_to = $1 WHERE id = $2")
      ->bind_all(user_id, id)
      .run();
}

void AppStore::set_outcome(int64_t id, domain::CallOutcome outcome, int64_t called_at,
                           int64_t caller_id, std::string_view notes, bool flagged) {
  c_.prepare(
        "UPDATE spot_check_item SET outcome = $1, called_at = $2, caller_id = $3, notes = $4,"
        " flagged = $5 WHERE id = $6")
      ->bind_all(domain::call_outcome_key(outcome), called_at, caller_id, notes, flagged, id)
      .run();
}

std::vector<std::pair<std::string, domain::Honesty>> AppStore::honesty_by_stratum(
    std::string_view path, int64_t until) {
  auto s = c_.prepare(
      "SELECT st.path, i.outcome, COUNT(*) FROM org_unit st"
      " JOIN spot_check_item i ON i.stratum_id = st.id"
      " WHERE st.path >= $1 AND st.path < $2 AND i.outcome IS NOT NULL AND i.called_at <= $3"
      " GROUP BY st.path, i.outcome ORDER BY st.path");
  s->bind_all(path, domain::path_upper_bound(path), until);
  std::vector<std::pair<std::string, domain::Honesty>> out;
  while (s->step()) {
    std::string stratum = s->get_text(0);
    if (out.empty() || out.back().first != stratum) {
      out.push_back({std::move(stratum), {}});
    }
    if (const auto outcome = domain::parse_call_outcome(s->get_text(1))) {
      out.back().second.add(*outcome, s->get_int(2));
    }
  }
  return out;
}

void AppStore::close_plan(int64_t id) {
  c_.prepare("UPDATE spot_check_plan SET closed = 1 WHERE id = $1")->bind(1, id).run();
}

std::optional<std::string> AppStore::code_of_user(int64_t user_id) {
  auto s = c_.prepare("SELECT code FROM promotion_code WHERE user_id = $1");
  s->bind(1, user_id);
  if (!s->step()) {
    return std::nullopt;
  }
  return s->get_text(0);
}

std::optional<int64_t> AppStore::user_of_code(std::string_view code) {
  auto s = c_.prepare("SELECT user_id FROM promotion_code WHERE code = $1");
  s->bind(1, code);
  if (!s->step()) {
    return std::nullopt;
  }
  return s->get_int(0);
}

void AppStore::insert_code(std::string_view code, int64_t user_id) {
  c_.prepare("INSERT INTO promotion_code (code, user_id) VALUES ($1, $2)")
      ->bind_all(code, user_id)
      .run();
}

namespace {

constexpr const char* kPromoterSelect =
    "SELECT a.id, a.display_name, a.org_unit_id, o.name, o.path FROM app_user a"
    " JOIN org_unit o ON o.id = a.org_unit_id";

PromoterRow read_promoter(Statement& s) {
  return {s.get_int(0), s.get_text(1), s.get_int(2), s.get_text(3), s.get_text(4)};
}

}  // namespace

std::vector<PromoterRow> AppStore::promoters(const std::vector<int64_t>& ids) {
  std::vector<PromoterRow> out;
  auto s = c_.prepare(std::string(kPromoterSelect) + " WHERE a.id = $1");
  for (int64_t id : ids) {
    s->bind(1, id);
    if (s->step()) {
      out.push_back(read_promoter(*s));
    }
    s->reset();
  }
  return out;
}

std::optional<PromoterRow> AppStore::promoter(int64_t user_id) {
  auto rows = promoters({user_id});
  return rows.empty() ? std::nullopt : std::optional(std::move(rows.front()));
}

std::optional<std::string> AppStore::setting(std::string_view key) {
  auto s = c_.prepare("SELECT value FROM setting WHERE key = $1");
  s->bind(1, key);
  if (!s->step()) {
    return std::nullopt;
  }
  return s->get_text(0);
}

void AppStore::set_setting(std::string_view key, std::string_view value) {
  c_.prepare(
        "INSERT INTO setting (key, value) VALUES ($1, $2)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      ->bind_all(key, value)
      .run();
}

AppStore::Versions AppStore::versions() {
  auto s =
      c_.prepare("SELECT name, version FROM change_counter WHERE name IN ('app', 'app_people')");
  Versions v;
  while (s->step()) {
    (s->get_text(0) == "app" ? v.app : v.people) = s->get_int(1);
  }
  return v;
}

void AppStore::bump_people_version() {
  c_.prepare("UPDATE change_counter SET version = version + 1 WHERE name IN ('app', 'app_people')")
      ->run();
}

void AppStore::scan_facts_after(int64_t after,
                                const std::function<void(int64_t, int64_t, const AppObservation&,
                                                         std::optional<int64_t>)>& each) {
  auto s = c_.prepare(
      "SELECT id, person_id, fact, value, observed_at, method, promoter_user_id FROM app_fact"
      " WHERE id > $1 ORDER BY id");
  s->bind(1, after);
  while (s->step()) {
    each(s->get_int(0), s->get_int(1), read_observation(*s, 2), s->get_optional_int(6));
  }
}

void AppStore::bump_version() {
  c_.prepare("UPDATE change_counter SET version = version + 1 WHERE name = 'app'")->run();
}

}  // namespace fanzha::store
