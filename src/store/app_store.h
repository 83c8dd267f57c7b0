// SQL for the app roster: observations of people's app status, weekly roster
// submissions, targets, spot checks, promotion codes, settings and the change counter
// that tells caches to reload. Works on a Connection lent by the caller; not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/app_status.h"
#include "domain/person.h"
#include "domain/spot_check.h"
#include "store/database.h"

namespace fanzha::store {

struct AppFactRow {
  int64_t id = 0;
  int64_t person_id = 0;
  domain::AppObservation observation;
  std::optional<int64_t> recorded_by;
  std::string recorder_name;
  std::optional<int64_t> submission_id;
  std::optional<int64_t> promoter_user_id;
  std::string promoter_name;
  int64_t created_at = 0;
};

// A person as the app figures need them (compact; read for the whole county at once).
struct AppPersonRow {
  int64_t id = 0;
  int64_t org_unit_id = 0;  // where they live
  std::optional<int64_t> link_unit_id;
  domain::LinkRole link_role = domain::LinkRole::kNone;
  domain::DateNumber birth_date = 0;
  bool has_phone = false;
};

struct SubmissionRow {
  int64_t id = 0;
  int64_t org_unit_id = 0;
  std::string org_unit_name;
  domain::DateNumber week = 0;
  int64_t submitted_at = 0;
  bool late = false;
  std::optional<int64_t> user_id;
  std::string username;
  std::optional<int64_t> import_job_id;
  int64_t rows = 0;
  int64_t installed = 0;
  int64_t registered = 0;
  int64_t alerts_on = 0;
  int64_t newly_installed = 0;
  int64_t newly_registered = 0;
  int64_t dropped = 0;
};

struct TargetRow {
  int64_t id = 0;
  int64_t org_unit_id = 0;
  std::string org_unit_name;
  domain::AppPopulation population = domain::AppPopulation::kAge16To60;
  domain::AppFact fact = domain::AppFact::kInstalled;
  int rate_permille = 0;
  domain::DateNumber due_on = 0;
  std::string note;
  int64_t created_at = 0;
};

struct SpotCheckPlanRow {
  int64_t id = 0;
  int64_t org_unit_id = 0;
  std::string org_unit_name;
  std::string name;
  int64_t seed = 0;
  int per_stratum = 0;
  int64_t drawn_at = 0;
  std::optional<int64_t> created_by;
  bool closed = false;
  int64_t created_at = 0;
  int64_t items = 0;
  int64_t called = 0;
};

struct SpotCheckItemRow {
  int64_t id = 0;
  int64_t plan_id = 0;
  int64_t person_id = 0;
  std::string person_name;
  std::string phone_masked;
  std::string phone_cipher;  // for the caller's view (decrypted and audited by the service)
  int64_t stratum_id = 0;
  std::string stratum_name;
  std::optional<int64_t> assigned_to;
  std::string assigned_name;
  std::optional<domain::CallOutcome> outcome;
  std::optional<int64_t> called_at;
  std::string notes;
  bool flagged = false;
};

struct SpotCheckItemFilter {
  int64_t plan_id = 0;
  std::string scope_path;  // strata within this path
  std::optional<int64_t> assigned_to;
  std::optional<bool> called;  // only items with (true) or without an outcome
  std::optional<int64_t> stratum_id;
  int limit = 50;
  int offset = 0;
};

// One village of a spot-check plan.
struct PlanStratumRow {
  int64_t stratum_id = 0;
  std::string name;
  std::string path;
  int64_t items = 0;
  int64_t called = 0;
  domain::Honesty honesty;
};

// A user as promotion counts show them.
struct PromoterRow {
  int64_t user_id = 0;
  std::string name;
  int64_t unit_id = 0;
  std::string unit_name;
  std::string unit_path;
};

class AppStore {
 public:
  explicit AppStore(Connection& connection) : c_(connection) {}

  // Observations.
  int64_t insert_fact(const AppFactRow& fact);
  std::vector<AppFactRow> facts_of(int64_t person_id);
  // A person's observations without who made them (for the status before a change).
  std::vector<domain::AppObservation> observations_of(int64_t person_id);
  // Every unit, person and observation of the database, for the in-memory app index.
  void scan_units(
      const std::function<void(int64_t id, std::string_view path, domain::OrgKind kind)>& each);
  void scan_people(const std::function<void(const AppPersonRow&)>& each);

  // Weekly rosters.
  int64_t insert_submission(const SubmissionRow& submission);
  // Sets the row and status counts of a submission once its rows are recorded.
  void update_submission_counts(const SubmissionRow& submission);
  std::vector<SubmissionRow> submissions_of_unit(int64_t org_unit_id, int limit);
  std::optional<SubmissionRow> submission_of_job(int64_t import_job_id);
  // Submissions of a week by units within `path`.
  std::vector<SubmissionRow> submissions_of_week(std::string_view path, domain::DateNumber week);

  // Targets that apply to a unit at `path`: those of the unit, its ancestors and (for
  // an overview) the units inside it.
  std::vector<TargetRow> targets_for(std::string_view path);
  std::optional<TargetRow> find_target(int64_t id);
  int64_t insert_target(const TargetRow& target);
  void delete_target(int64_t id);

  // Spot checks.
  int64_t insert_plan(const SpotCheckPlanRow& plan);
  void insert_item(int64_t plan_id, int64_t person_id, int64_t stratum_id);
  std::optional<SpotCheckPlanRow> find_plan(int64_t id);
  std::vector<SpotCheckPlanRow> plans_within(std::string_view path);
  std::vector<SpotCheckItemRow> items(const SpotCheckItemFilter& filter, int64_t* total);
  std::optional<SpotCheckItemRow> find_item(int64_t id);
  // The plan's items not assigned and not called yet, with their village's path.
  std::vector<std::pair<int64_t, std::string>> unassigned_items(int64_t plan_id);
  void assign_item(int64_t id, std::optional<int64_t> user_id);
  // The villages of a plan within `path`, with their calls.
  std::vector<PlanStratumRow> plan_strata(int64_t plan_id, std::string_view path);
  // Whether any item of the plan within `path` has been called.
  bool plan_called_within(int64_t plan_id, std::string_view path);
  void set_outcome(int64_t id, domain::CallOutcome outcome, int64_t called_at, int64_t caller_id,
                   std::string_view notes, bool flagged);
  // Honesty per stratum (village) within `path`, over every call made up to `until`.
  std::vector<std::pair<std::string, domain::Honesty>> honesty_by_stratum(std::string_view path,
                                                                          int64_t until);
  void close_plan(int64_t id);

  // Promotion codes.
  std::optional<std::string> code_of_user(int64_t user_id);
  std::optional<int64_t> user_of_code(std::string_view code);
  void insert_code(std::string_view code, int64_t user_id);
  // The users among `ids` with their units (for promotion counts).
  std::vector<PromoterRow> promoters(const std::vector<int64_t>& ids);
  std::optional<PromoterRow> promoter(int64_t user_id);

  // Settings.
  std::optional<std::string> setting(std::string_view key);
  void set_setting(std::string_view key, std::string_view value);

  // The change counters of app figures: `version` moves with every app write (facts are
  // only appended), `people_version` with writes that change people or settings.
  struct Versions {
    int64_t app = 0;
    int64_t people = 0;
  };
  Versions versions();
  void bump_version();
  void bump_people_version();  // bumps both
  // Observations with an id above `after`, in id order (all of them from 0; what was
  // appended since from the last id seen).
  void scan_facts_after(
      int64_t after,
      const std::function<void(int64_t id, int64_t person_id, const domain::AppObservation&,
                               std::optional<int64_t> promoter)>& each);

 private:
  Connection& c_;
};

}  // namespace fanzha::store
