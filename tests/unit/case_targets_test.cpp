// The "two drops" targets: the allowed figure from last year's, projection of a running
// quarter, empty last-year periods and money sums that stay exact.
#include "domain/case_targets.h"

#include <gtest/gtest.h>

namespace fanzha::domain {
namespace {

const Period kQ1 = period_containing(PeriodKind::kQuarter, 20260101);  // 90 days

TEST(CaseTargets, TenPercentFewerThanLastYear) {
  const CaseTarget t{CaseMeasure::kCases, CaseScope::kHighIncidence, 100};
  // 40 last year → at most 36. 30 days in with 10 cases → 30 projected: on track.
  auto p = case_target_progress(t, kQ1, 40, 10, 20260130);
  EXPECT_EQ(p.allowed, 36);
  EXPECT_EQ(p.projected, 30);
  EXPECT_TRUE(p.on_track);
  EXPECT_FALSE(p.met);  // not over yet
  // 15 cases in 30 days → 45 projected: off track.
  p = case_target_progress(t, kQ1, 40, 15, 20260130);
  EXPECT_FALSE(p.on_track);
  // The quarter over with 36: met exactly.
  p = case_target_progress(t, kQ1, 40, 36, 20260401);
  EXPECT_TRUE(p.met);
  EXPECT_TRUE(p.on_track);
}

TEST(CaseTargets, AllowedRoundsDown) {
  const CaseTarget t{CaseMeasure::kCases, CaseScope::kAllTypes, 200};
  EXPECT_EQ(case_target_progress(t, kQ1, 7, 0, 20260101).allowed, 5);  // 5.6 → 5
}

TEST(CaseTargets, NoCaseLastYearAllowsNone) {
  const CaseTarget t{CaseMeasure::kCases, CaseScope::kAllTypes, 500};
  EXPECT_TRUE(case_target_progress(t, kQ1, 0, 0, 20260215).on_track);
  EXPECT_FALSE(case_target_progress(t, kQ1, 0, 1, 20260215).on_track);
}

TEST(CaseTargets, LossInFenStaysExact) {
  const CaseTarget t{CaseMeasure::kLoss, CaseScope::kAllTypes, 300};
  // 9,223,372 yuan-billions would overflow a naive product; a large county's year is fine.
  const int64_t last_year = 9'000'000'000'000'123;  // fen
  const auto p = case_target_progress(t, kQ1, last_year, 0, 20260101);
  EXPECT_EQ(p.allowed, 6'300'000'000'000'086);  // floor(last_year × 0.7)
}

}  // namespace
}  // namespace fanzha::domain
