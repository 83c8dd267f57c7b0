#include "domain/app_targets.h"

#include <algorithm>
#include <cmath>

#include "domain/app_status.h"

namespace fanzha::domain {

TargetProgress target_progress(int64_t population, int64_t achieved, int rate_permille,
                               DateNumber due, DateNumber today, double pace) {
  TargetProgress p;
  p.population = population;
  p.achieved = achieved;
  p.required = (population * rate_permille + 999) / 1000;
  p.gap = std::max<int64_t>(0, p.required - achieved);
  p.met = p.gap == 0;
  p.weekly_pace = pace;
  if (p.met) {
    p.projected = today;
  } else if (pace > 0) {
    const double weeks = static_cast<double>(p.gap) / pace;
    p.projected = add_days(today, static_cast<int>(std::ceil(weeks * 7)));
  }
  p.on_track = p.met || (p.projected && *p.projected <= due);
  return p;
}

double weekly_pace(int64_t earlier, int64_t now, int weeks) {
  return weeks <= 0 ? 0.0 : static_cast<double>(now - earlier) / weeks;
}

}  // namespace fanzha::domain
