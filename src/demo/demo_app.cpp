#include "demo/demo_app.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace fanzha::demo {

namespace {

using domain::AppFact;
using domain::AppMethod;

// Shares installed by now, per population: residents vary most.
constexpr std::array<std::pair<double, double>, 3> kLevelRange = {
    std::pair{0.15, 0.85}, std::pair{0.7, 1.0}, std::pair{0.55, 0.95}};

// SplitMix64 finaliser: a steady pseudo-random number for a unit.
uint64_t mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

double unit_fraction(uint64_t h) { return static_cast<double>(h % 1'000'003) / 1'000'003.0; }

}  // namespace

uint64_t DemoAppGenerator::unit_hash(std::string_view code, uint64_t salt) const {
  uint64_t h = mix(seed_ ^ salt);
  for (char c : code) {
    h = mix(h ^ static_cast<unsigned char>(c));
  }
  return h;
}

double DemoAppGenerator::level_of(std::string_view code, domain::AppPopulation population) const {
  const auto [low, high] = kLevelRange[static_cast<size_t>(population)];
  return low + (high - low) * unit_fraction(unit_hash(code, 1));
}

DemoSubmission DemoAppGenerator::submission(std::string_view code, int weeks_ago) const {
  // Diligent units hand in almost every week on time; careless ones are often late or
  // missing. The current week's roster may not be due yet, but most have come in.
  const double diligence = 0.55 + 0.45 * unit_fraction(unit_hash(code, 2));
  const double draw = unit_fraction(unit_hash(code, 100 + static_cast<uint64_t>(weeks_ago)));
  if (draw < diligence) {
    return DemoSubmission::kOnTime;
  }
  return draw < diligence + (1 - diligence) / 2 ? DemoSubmission::kLate : DemoSubmission::kMissing;
}

std::vector<DemoAppFact> DemoAppGenerator::history(double level,
                                                   const std::vector<bool>& roster_weeks) {
  std::vector<DemoAppFact> out;
  if (!chance(level)) {
    // Not installed; some rosters say so explicitly.
    if (chance(0.3)) {
      out.push_back({static_cast<int>(random_.uniform(kDemoAppWeeks)), AppFact::kInstalled, false,
                     AppMethod::kWeeklyRoster});
    }
  } else {
    // Installs spread over the weeks, more of them lately (the campaign picks up); a tenth
    // came long before (their alerts observation has lapsed by now).
    const bool long_ago = chance(0.1);
    const double u = static_cast<double>(random_.uniform(1'000'000)) / 1e6;
    const int weeks_ago =
        long_ago ? kDemoAppWeeks + 2 + static_cast<int>(random_.uniform(20))
                 : std::min(kDemoAppWeeks - 1, static_cast<int>(kDemoAppWeeks * std::pow(u, 1.3)));
    const double m = static_cast<double>(random_.uniform(100));
    AppMethod method = m < 55   ? AppMethod::kWeeklyRoster
                       : m < 75 ? AppMethod::kSelfReport
                       : m < 93 ? AppMethod::kInPerson
                                : AppMethod::kPoliceData;
    out.push_back({weeks_ago, AppFact::kInstalled, true, method});
    if (chance(0.85)) {
      const int later = std::max(0, weeks_ago - (chance(0.7) ? 0 : 1));
      out.push_back({later, AppFact::kRegistered, true, method});
      if (chance(0.7)) {
        out.push_back({later, AppFact::kAlertsOn, true, method});
      }
    }
    if (weeks_ago >= 2 && chance(0.03)) {
      out.push_back({static_cast<int>(random_.uniform(static_cast<uint64_t>(weeks_ago))),
                     AppFact::kInstalled, false, AppMethod::kWeeklyRoster});
    }
  }
  // A weekly-roster observation needs that week's roster; without one it was a
  // self-report (a photo in the village's WeChat group).
  for (auto& f : out) {
    const bool roster = f.weeks_ago < static_cast<int>(roster_weeks.size()) &&
                        roster_weeks[static_cast<size_t>(f.weeks_ago)];
    if (f.method == AppMethod::kWeeklyRoster && !roster) {
      f.method = AppMethod::kSelfReport;
    }
  }
  std::sort(out.begin(), out.end(),
            [](const DemoAppFact& a, const DemoAppFact& b) { return a.weeks_ago > b.weeks_ago; });
  return out;
}

}  // namespace fanzha::demo
