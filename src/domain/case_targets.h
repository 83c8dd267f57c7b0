// The "two drops" (两降) targets of the county plans: fewer cases and less loss than the
// same period last year by a set share (Q1 high-incidence four −10 %, Q1 all types −20 %,
// the year −30 %, schools −50 %), and whether a running period is on track at its pace
// so far. Integer arithmetic on counts and fen; pure, thread-safe.
#pragma once

#include <cstdint>

#include "domain/period.h"

namespace fanzha::domain {

enum class CaseMeasure : uint8_t { kCases, kLoss };
// Which cases a target counts.
enum class CaseScope : uint8_t { kAllTypes, kHighIncidence };

struct CaseTarget {
  CaseMeasure measure = CaseMeasure::kCases;
  CaseScope scope = CaseScope::kAllTypes;
  int reduction_permille = 0;  // 100 = at least 10 % fewer than last year
};

struct CaseTargetProgress {
  int64_t last_year = 0;  // the same period last year
  int64_t allowed = 0;    // at most this many cases / fen over the whole period
  int64_t so_far = 0;
  int64_t projected = 0;  // so_far at its pace to the period's end
  bool met = false;       // the period is over and the figure is within `allowed`
  bool on_track = false;  // projected within `allowed`
};

// `allowed` = floor(last_year × (1000 − reduction) ÷ 1000): with no case last year the
// only figure on track is zero.
CaseTargetProgress case_target_progress(const CaseTarget& target, const Period& period,
                                        int64_t last_year, int64_t so_far, DateNumber today);

}  // namespace fanzha::domain
