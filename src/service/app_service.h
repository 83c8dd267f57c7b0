// The anti-fraud app roster as users work with it: each person's app status and the
// checks behind it, the figures of a subtree, weekly roster submissions (on time, late,
// missing), targets with their progress, promotion codes (一人一码) and the county's
// settings. Reads are scoped to the actor's subtree; every write is validated, audited
// and done in one transaction, and bumps the app figures' version. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/app_status.h"
#include "domain/app_targets.h"
#include "domain/org_unit.h"
#include "service/actor.h"
#include "service/app_index.h"
#include "service/app_settings.h"
#include "service/context.h"
#include "store/app_store.h"

namespace fanzha::service {

struct PersonApp {
  int64_t person_id = 0;
  domain::AppState status;
  std::vector<store::AppFactRow> facts;  // newest first
};

struct AppCheckInput {
  std::optional<bool> installed;
  std::optional<bool> registered;
  std::optional<bool> alerts_on;
  domain::AppMethod method = domain::AppMethod::kInPerson;
  std::optional<int64_t> observed_at;  // default: now; never in the future
  std::string promotion_code;          // counts a registration for that worker
};

struct AppSettingsChanges {
  std::optional<int> alerts_lapse_days;
  std::optional<int> roster_deadline_weekday;
  std::optional<int> roster_deadline_hour;
};

struct AppFigures {
  domain::OrgUnit unit;
  int64_t at = 0;
  PopulationCounts counts{};
};

struct TargetInput {
  int64_t org_unit_id = 0;
  domain::AppPopulation population = domain::AppPopulation::kAge16To60;
  domain::AppFact fact = domain::AppFact::kInstalled;
  int rate_permille = 0;
  domain::DateNumber due_on = 0;
  std::string note;
};

struct TargetView {
  store::TargetRow target;
  domain::OrgUnit unit;  // the unit the progress is measured over
  domain::TargetProgress progress;
};

struct WeekSubmissions {
  domain::DateNumber week = 0;
  int64_t deadline = 0;
  std::vector<store::SubmissionRow> submissions;
};

struct SubmissionGroup {
  domain::OrgUnit unit;  // a child unit of the one asked about (or that unit itself)
  int64_t expected = 0;
  int64_t on_time = 0;
  std::vector<std::pair<domain::OrgUnit, int64_t>> late;  // with the first submission's time
  std::vector<domain::OrgUnit> missing;
};

struct SubmissionStatus {
  domain::DateNumber week = 0;
  int64_t deadline = 0;
  std::vector<SubmissionGroup> groups;
};

struct MyPromotion {
  std::string code;
  int64_t registered = 0;            // registrations brought with it, ever
  int64_t registered_this_week = 0;  // in the current week
};

struct PublicPromotion {
  std::string code;
  std::string worker;  // surname and a mask ("李*")
  std::string unit_name;
};

struct PromotionCounts {
  std::vector<std::pair<store::PromoterRow, int64_t>> workers;  // most first
  std::vector<std::pair<domain::OrgUnit, int64_t>> units;       // child units of the one asked
};

class AppService {
 public:
  AppService(ServiceContext context, AppIndex& index) : ctx_(context), index_(index) {}

  PersonApp person(const Actor& actor, int64_t person_id);
  PersonApp record_check(const Actor& actor, int64_t person_id, const AppCheckInput& input);

  AppSettings settings(const Actor& actor);
  AppSettings update_settings(const Actor& actor, const AppSettingsChanges& changes);

  // The figures of a unit's subtree as of `at` (default: the end of today).
  AppFigures figures(const Actor& actor, std::optional<int64_t> unit_id, std::optional<int64_t> at);

  std::vector<TargetView> targets(const Actor& actor, std::optional<int64_t> unit_id);
  TargetView create_target(const Actor& actor, const TargetInput& input);
  void delete_target(const Actor& actor, int64_t id);

  // `week` is a Monday (any day is taken as its week); default: this week.
  WeekSubmissions submissions(const Actor& actor, std::optional<int64_t> unit_id,
                              std::optional<domain::DateNumber> week);
  std::vector<store::SubmissionRow> history(const Actor& actor, int64_t unit_id, int limit);
  SubmissionStatus submission_status(const Actor& actor, std::optional<int64_t> unit_id,
                                     std::optional<domain::DateNumber> week);

  MyPromotion my_promotion(const Actor& actor);
  PublicPromotion public_promotion(const std::string& code);
  // Registrations brought in (from, to] by workers within the unit's subtree.
  PromotionCounts promotions(const Actor& actor, std::optional<int64_t> unit_id, int64_t from,
                             int64_t to);

  // The Monday of the week holding now (county time).
  domain::DateNumber this_week() const;

 private:
  domain::OrgUnit visible_unit(const Actor& actor, std::optional<int64_t> unit_id);

  ServiceContext ctx_;
  AppIndex& index_;
};

// The submission status of the units expected to hand in a roster under `unit`, for a
// week (shared with the ranking). Works on the caller's connection.
SubmissionStatus submission_status_of(store::Connection& connection, const domain::OrgUnit& unit,
                                      domain::DateNumber week, const AppSettings& settings);

// The end of the county day holding `at` (figures "as of today").
int64_t end_of_day(int64_t at);

}  // namespace fanzha::service
