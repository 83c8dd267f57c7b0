#include "domain/case_targets.h"

#include <algorithm>

namespace fanzha::domain {

namespace {
constexpr int kPermille = 1000;
}  // namespace

CaseTargetProgress case_target_progress(const CaseTarget& target, const Period& period,
                                        int64_t last_year, int64_t so_far, DateNumber today) {
  CaseTargetProgress p;
  p.last_year = last_year;
  p.so_far = so_far;
  const int64_t keep = kPermille - std::clamp(target.reduction_permille, 0, kPermille);
  // Split to stay inside int64 for sums of fen.
  p.allowed = last_year / kPermille * keep + last_year % kPermille * keep / kPermille;
  p.projected = project_to_end(period, so_far, today);
  p.on_track = p.projected <= p.allowed;
  p.met = today > period.last && so_far <= p.allowed;
  return p;
}

}  // namespace fanzha::domain
