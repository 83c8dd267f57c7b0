// Targets for the app's rates (e.g. 16–60 install rate ≥ 40% by 31 March) and what
// they mean today: how many people must still be reached, and when the target will be
// met at the current weekly pace. Integer arithmetic on counts; pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>

#include "domain/resident_id.h"

namespace fanzha::domain {

struct TargetProgress {
  int64_t population = 0;
  int64_t achieved = 0;
  int64_t required = 0;  // people needed for the target rate: ceil(population × rate)
  int64_t gap = 0;       // people still to reach (0 when met)
  bool met = false;
  double weekly_pace = 0;  // people reached per week lately
  // The day the target would be met at that pace (today when met; none when the pace
  // is zero or negative and it is not met).
  std::optional<DateNumber> projected;
  bool on_track = false;  // met, or projected by the due day
};

// `rate_permille` 400 means 40%. `pace` is people per week (may be fractional).
TargetProgress target_progress(int64_t population, int64_t achieved, int rate_permille,
                               DateNumber due, DateNumber today, double pace);

// People reached per week between an earlier count and now (`weeks` > 0).
double weekly_pace(int64_t earlier, int64_t now, int weeks);

}  // namespace fanzha::domain
