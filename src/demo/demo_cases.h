// The demo county's telecom-fraud case history (work stream 6): two years of police
// cases shaped like a real county's — about 1,500 a year per 300,000 households, 15–25 %
// fewer in the most recent year ("two drops"), more around Spring Festival, double 11 and
// the students' summer holidays; the four high-incidence types about two thirds of all
// cases; losses log-normal with a handful of cases of 500,000 yuan and more a year;
// townships and villages steadily uneven; about 60 % of victims residents of the demo
// households. Deterministic for (seed, county, households, today); pure — no I/O and no
// database (the CLI loads the cases through the case service). Thread-safe: no shared
// state; the result is the caller's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "demo/demo_county.h"
#include "demo/demo_people.h"
#include "domain/fraud_case.h"

namespace fanzha::demo {

inline constexpr int kDemoCaseDays = 730;
inline constexpr int kDemoCasesPerYearPer300kHouseholds = 1500;

// A known victim: a member of a demo household.
struct DemoCaseVictim {
  size_t household = 0;  // index into the households vector passed in
  size_t member = 0;     // index into DemoHousehold::members
};

struct DemoCase {
  std::string case_number;               // "A" + county code + report date + sequence; unique
  int days_ago = 0;                      // occurred this many county days before `today`
  int minute_of_day = 0;                 // 0…1439, county time
  int report_delay_minutes = 0;          // ≥ 0; reported no later than the end of `today`
  std::string unit_code;                 // a village or community, or a class for a school case
  std::optional<DemoCaseVictim> victim;  // about 60 %: a resident of that village (class)
  std::optional<int> victim_age;         // for the others (age at the case)
  domain::Sex victim_sex = domain::Sex::kUnknown;
  domain::VictimGroup victim_group = domain::VictimGroup::kOther;  // from age and tags
  domain::FraudType fraud_type = domain::FraudType::kClickFarming;
  domain::CaseChannel channel = domain::CaseChannel::kOther;
  int64_t loss_fen = 0;
  int64_t stopped_fen = 0;   // stopped / frozen
  int64_t returned_fen = 0;  // returned to the victim; stopped + returned ≤ loss
  domain::CaseStatus status = domain::CaseStatus::kRegistered;
  std::vector<domain::SuspectAccount> suspect_accounts;  // 1–3
  std::string notes;                                     // short, in Chinese
};

// The cases that occurred over the `days` days before and including `today` (yyyymmdd),
// oldest first: about `cases_per_year_per_300k_households` a year, scaled by
// county.households. Known victims are drawn from `households` (as
// generate_demo_households gives them for the same county); with none, every victim is
// known by age, sex and group only.
std::vector<DemoCase> generate_demo_cases(
    uint64_t seed, const DemoCounty& county, const std::vector<DemoHousehold>& households,
    domain::DateNumber today, int days = kDemoCaseDays,
    int cases_per_year_per_300k_households = kDemoCasesPerYearPer300kHouseholds);

// When a case occurred and was reported (epoch ms), for the `today` it was generated
// for. Cases of `today` may be reported later in the day than the moment they are
// loaded: a loader running during the day should hold those back (or pass yesterday).
int64_t demo_case_occurred_ms(const DemoCase& c, domain::DateNumber today);
int64_t demo_case_reported_ms(const DemoCase& c, domain::DateNumber today);

}  // namespace fanzha::demo
