// The national anti-fraud app (国家反诈中心APP) as fanzha tracks it per person: three facts
// (installed, real-name registered, alerts on), each observed on a date, by someone, in
// some way. The status on any day is the latest observation of each fact up to that
// day; an "alerts on" observation older than the lapse window no longer counts as on
// ("needs re-check"). Screenshots and self-reports are weak proof; a check on the
// phone, police data or a confirming spot-check call are strong. Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "domain/calendar.h"
#include "domain/org_kind.h"
#include "domain/resident_id.h"

namespace fanzha::domain {

enum class AppFact : uint8_t { kInstalled, kRegistered, kAlertsOn };
inline constexpr size_t kAppFactCount = 3;

enum class AppMethod : uint8_t {
  kSelfReport,    // 本人自报 (incl. screenshots)
  kInPerson,      // 入户/当面查看手机
  kWeeklyRoster,  // 每周花名册
  kPoliceData,    // 公安数据
  kSpotCheck,     // 电话抽查核实
};

std::span<const AppFact> all_app_facts();
std::string_view app_fact_key(AppFact fact);  // "installed", "registered", "alerts_on"
std::string_view app_fact_label(AppFact fact);
std::optional<AppFact> parse_app_fact(std::string_view key);

std::span<const AppMethod> all_app_methods();
std::string_view app_method_key(AppMethod method);
std::string_view app_method_label(AppMethod method);
std::optional<AppMethod> parse_app_method(std::string_view key_or_label);
bool is_strong_method(AppMethod method);

// One observation of one fact about one person.
struct AppObservation {
  AppFact fact = AppFact::kInstalled;
  bool value = false;
  int64_t observed_at = 0;  // epoch ms
  AppMethod method = AppMethod::kSelfReport;
};

inline constexpr int kDefaultAlertsLapseDays = 90;

// A person's app status on a day.
struct AppState {
  bool installed = false;
  bool registered = false;
  bool alerts_on = false;      // on, and observed within the lapse window
  bool alerts_lapsed = false;  // observed on, but too long ago: needs a re-check
  // The same, counting only observations made with a strong method.
  bool installed_strong = false;
  bool registered_strong = false;
  bool alerts_on_strong = false;
  bool operator==(const AppState&) const = default;
};

// The state as of `at` (epoch ms) from a person's observations in any order.
AppState app_state_as_of(std::span<const AppObservation> observations, int64_t at, int lapse_days);

// Who a rate is about.
enum class AppPopulation : uint8_t {
  kAge16To60,  // residents aged 16–60 (the campaigns' key group), counted where they live
  kStaff,      // cadres and staff, counted at their unit
  kStudents,   // students, counted at their class
};
std::span<const AppPopulation> all_app_populations();
std::string_view app_population_key(AppPopulation population);
std::string_view app_population_label(AppPopulation population);
std::optional<AppPopulation> parse_app_population(std::string_view key);

inline bool in_key_age_group(DateNumber birth_date, DateNumber day) {
  if (birth_date == 0) {
    return false;
  }
  const int age = age_on(birth_date, day);
  return age >= 16 && age <= 60;
}

// The last millisecond of the week that starts on Monday `week`: a week's figures are
// the status at that instant.
inline int64_t week_end_ms(DateNumber week) { return day_start_ms(add_days(week, 7)) - 1; }

// Units that hand in a weekly app roster: villages and communities (their residents),
// county departments, bank branches, telecom shops and enterprises (their staff), and
// school classes (their students).
bool submits_app_roster(OrgKind kind);

// When the weekly roster is due: `weekday` 1 (Monday) … 7 (Sunday) of the week, at
// `hour` o'clock county time.
struct RosterDeadline {
  int weekday = 1;
  int hour = 12;
};
inline int64_t roster_deadline_ms(DateNumber week, RosterDeadline d) {
  return day_start_ms(add_days(week, d.weekday - 1)) + int64_t{d.hour} * 3'600'000;
}

// Yes/no as rosters write it: 是/否, 已/未, 1/0, Y/N, √/×, true/false; "" is unknown.
std::optional<bool> parse_yes_no(std::string_view text);

}  // namespace fanzha::domain
