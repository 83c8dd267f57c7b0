// The demo county's anti-fraud app history: for each resident, staff member and student,
// the observations of their app status over the last weeks (installs growing week by
// week, registrations and alerts following, some alerts long enough ago to have lapsed,
// a few uninstalls), made by the weekly roster, self-reports, checks in person or police
// data; and each village's, unit's and class's weekly roster record (on time, late or
// missing). Villages differ widely, so rankings have a top and a bottom. Deterministic
// for a seed; pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/random.h"
#include "demo/demo_people.h"
#include "domain/app_status.h"

namespace fanzha::demo {

// Weeks of history the demo holds (the current week included).
inline constexpr int kDemoAppWeeks = 12;

struct DemoAppFact {
  int weeks_ago = 0;  // 0: this week
  domain::AppFact fact = domain::AppFact::kInstalled;
  bool value = true;
  domain::AppMethod method = domain::AppMethod::kWeeklyRoster;
};

enum class DemoSubmission { kOnTime, kLate, kMissing };

class DemoAppGenerator {
 public:
  explicit DemoAppGenerator(uint64_t seed) : seed_(seed), random_(seed ^ 0xA99'F4C7ULL) {}

  // The share of people of a unit (a village, a workplace or a class) who have the app by
  // now: steady for a unit code and seed.
  double level_of(std::string_view unit_code, domain::AppPopulation population) const;
  // Whether the unit handed in its roster `weeks_ago` weeks ago (this week: 0), and when.
  DemoSubmission submission(std::string_view unit_code, int weeks_ago) const;

  // The observations of one person whose unit has `level`, oldest first.
  // `roster_weeks[k]` tells whether the unit's roster came in k weeks ago: an observation
  // by the weekly roster falls on one (without it, it was a self-report).
  std::vector<DemoAppFact> history(double level, const std::vector<bool>& roster_weeks);

 private:
  uint64_t unit_hash(std::string_view code, uint64_t salt) const;
  bool chance(double p) { return static_cast<double>(random_.uniform(1'000'000)) < p * 1e6; }

  uint64_t seed_;
  SeededRandom random_;
};

}  // namespace fanzha::demo
