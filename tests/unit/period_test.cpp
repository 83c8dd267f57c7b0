// Period arithmetic of the case statistics: weeks across year ends, half-months and
// quarters, leap years, the same period last year, county-time midnights, year-on-year
// change with empty periods, projections and rates per 10,000 residents.
#include "domain/period.h"

#include <gtest/gtest.h>

#include "common/clock.h"

namespace fanzha::domain {
namespace {

TEST(Calendar, WeekdaysAndLeapYears) {
  EXPECT_EQ(iso_weekday(20261201), 2);  // a Tuesday
  EXPECT_EQ(iso_weekday(20261206), 7);
  EXPECT_EQ(week_monday(20261206), 20261130);
  EXPECT_EQ(week_monday(20260101), 20251229);  // a week across the year end
  EXPECT_TRUE(is_leap_year(2024));
  EXPECT_FALSE(is_leap_year(2100));
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2026, 2), 28);
  EXPECT_EQ(add_days(20240228, 1), 20240229);
  EXPECT_EQ(add_days(20251231, 1), 20260101);
  EXPECT_EQ(days_between(20250101, 20260101), 365);
}

TEST(Calendar, CountyMidnightIsSixteenHundredUtc) {
  // 2026-12-01 00:00 UTC+8 is 2026-11-30 16:00 UTC.
  const int64_t midnight = day_start_ms(20261201);
  EXPECT_EQ(midnight, 1'796'083'200'000 - 8 * kMillisPerHour);  // date -d 2026-12-01T00:00Z +%s
  EXPECT_EQ(county_day_number(midnight), 20261201);
  EXPECT_EQ(county_day_number(midnight - 1), 20261130);
  EXPECT_EQ(county_day_start(midnight + 5 * kMillisPerHour), midnight);
  EXPECT_EQ(county_day_start(midnight - 1), day_start_ms(20261130));
  // Before 1970 (a negative instant) floors to the right day too.
  EXPECT_EQ(county_day_number(day_start_ms(19691231) + 1), 19691231);
}

TEST(Period, CalendarKindsHoldTheDay) {
  EXPECT_EQ(period_containing(PeriodKind::kWeek, 20260101),
            (Period{PeriodKind::kWeek, 20251229, 20260104}));
  EXPECT_EQ(period_containing(PeriodKind::kHalfMonth, 20240215),
            (Period{PeriodKind::kHalfMonth, 20240201, 20240215}));
  EXPECT_EQ(period_containing(PeriodKind::kHalfMonth, 20240216),
            (Period{PeriodKind::kHalfMonth, 20240216, 20240229}));
  EXPECT_EQ(period_containing(PeriodKind::kMonth, 20230210).last, 20230228);
  EXPECT_EQ(period_containing(PeriodKind::kQuarter, 20261201),
            (Period{PeriodKind::kQuarter, 20261001, 20261231}));
  EXPECT_EQ(period_containing(PeriodKind::kQuarter, 20260331).first, 20260101);
  EXPECT_EQ(period_containing(PeriodKind::kYear, 20240615).days(), 366);
  const Period week = period_containing(PeriodKind::kWeek, 20261203);
  EXPECT_EQ(week.days(), 7);
  EXPECT_EQ(week.start_ms(), day_start_ms(20261130));
  EXPECT_EQ(week.end_ms(), day_start_ms(20261207));
  EXPECT_TRUE(week.contains(20261206));
  EXPECT_FALSE(week.contains(20261207));
}

TEST(Period, RangesMustBeRealAndOrdered) {
  EXPECT_TRUE(range_period(20260101, 20260101));
  EXPECT_FALSE(range_period(20260102, 20260101));
  EXPECT_FALSE(range_period(20250229, 20250301));  // no 29 February in 2025
  EXPECT_EQ(range_period(20261101, 20261130)->days(), 30);
}

TEST(Period, SamePeriodLastYear) {
  // A week compares with the same dates, not the same weekdays.
  const Period week = period_containing(PeriodKind::kWeek, 20261201);
  EXPECT_EQ(same_period_last_year(week), (Period{PeriodKind::kWeek, 20251130, 20251206}));
  // A leap-day week loses its 29th; a month stays a whole month.
  EXPECT_EQ(same_period_last_year(Period{PeriodKind::kWeek, 20240226, 20240303}),
            (Period{PeriodKind::kWeek, 20230226, 20230303}));
  EXPECT_EQ(same_period_last_year(period_containing(PeriodKind::kMonth, 20240210)),
            (Period{PeriodKind::kMonth, 20230201, 20230228}));
  EXPECT_EQ(same_period_last_year(period_containing(PeriodKind::kMonth, 20250210)),
            (Period{PeriodKind::kMonth, 20240201, 20240229}));
  EXPECT_EQ(same_period_last_year(period_containing(PeriodKind::kHalfMonth, 20250220)),
            (Period{PeriodKind::kHalfMonth, 20240216, 20240229}));
  EXPECT_EQ(same_period_last_year(*range_period(20240229, 20240310)),
            (Period{PeriodKind::kRange, 20230228, 20230310}));
}

TEST(Period, PreviousPeriod) {
  EXPECT_EQ(previous_period(period_containing(PeriodKind::kWeek, 20260101)),
            (Period{PeriodKind::kWeek, 20251222, 20251228}));
  EXPECT_EQ(previous_period(period_containing(PeriodKind::kHalfMonth, 20240301)),
            (Period{PeriodKind::kHalfMonth, 20240216, 20240229}));
  EXPECT_EQ(previous_period(period_containing(PeriodKind::kQuarter, 20260115)),
            (Period{PeriodKind::kQuarter, 20251001, 20251231}));
  EXPECT_EQ(previous_period(*range_period(20261201, 20261210)),
            (Period{PeriodKind::kRange, 20261121, 20261130}));
}

TEST(Period, ChineseLabels) {
  EXPECT_EQ(period_label(period_containing(PeriodKind::kWeek, 20261207)),
            "2026年第50周（12月7日—12月13日）");
  // The week of 1 January 2026 is ISO week 1 of 2026 (its Thursday is 1 January) …
  EXPECT_EQ(period_label(period_containing(PeriodKind::kWeek, 20260101)),
            "2026年第1周（12月29日—1月4日）");
  // … while the week of 1 January 2027 (a Friday) is the 53rd week of 2026.
  EXPECT_EQ(period_label(period_containing(PeriodKind::kWeek, 20270101)),
            "2026年第53周（12月28日—1月3日）");
  EXPECT_EQ(period_label(period_containing(PeriodKind::kHalfMonth, 20261220)), "2026年12月下半月");
  EXPECT_EQ(period_label(period_containing(PeriodKind::kMonth, 20261220)), "2026年12月");
  EXPECT_EQ(period_label(period_containing(PeriodKind::kQuarter, 20260520)), "2026年第二季度");
  EXPECT_EQ(period_label(period_containing(PeriodKind::kYear, 20260520)), "2026年");
  EXPECT_EQ(period_label(*range_period(20261201, 20261220)), "2026年12月1日—2026年12月20日");
}

TEST(Period, KindKeysRoundTrip) {
  for (auto kind : {PeriodKind::kWeek, PeriodKind::kHalfMonth, PeriodKind::kMonth,
                    PeriodKind::kQuarter, PeriodKind::kYear, PeriodKind::kRange}) {
    EXPECT_EQ(parse_period_kind(period_kind_key(kind)), kind);
  }
  EXPECT_FALSE(parse_period_kind("fortnight"));
}

TEST(Period, YearOnYearChange) {
  EXPECT_DOUBLE_EQ(*change_ratio(8, 10), -0.2);
  EXPECT_DOUBLE_EQ(*change_ratio(15, 10), 0.5);
  EXPECT_DOUBLE_EQ(*change_ratio(0, 4), -1.0);
  // Nothing last year: no rate, whatever happens now.
  EXPECT_FALSE(change_ratio(3, 0));
  EXPECT_FALSE(change_ratio(0, 0));
  // Money in fen: large sums stay exact enough for a ratio.
  EXPECT_DOUBLE_EQ(*change_ratio(90'000'000'000, 100'000'000'000), -0.1);
}

TEST(Period, ProjectionToTheEnd) {
  const Period q1 = period_containing(PeriodKind::kQuarter, 20260101);  // 90 days
  EXPECT_EQ(project_to_end(q1, 30, 20260130), 90);                      // 30 days in
  EXPECT_EQ(project_to_end(q1, 7, 20251231), 0);                        // not started
  EXPECT_EQ(project_to_end(q1, 77, 20260331), 77);                      // the last day
  EXPECT_EQ(project_to_end(q1, 77, 20260601), 77);                      // over
  EXPECT_EQ(project_to_end(q1, 1, 20260101), 90);
}

TEST(Period, PerTenThousandResidents) {
  EXPECT_DOUBLE_EQ(*per_ten_thousand(15, 300'000), 0.5);
  EXPECT_FALSE(per_ten_thousand(3, 0));
}

}  // namespace
}  // namespace fanzha::domain
