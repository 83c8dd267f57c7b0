// Reporting periods of the case statistics and bulletins (issue 6): a week starting
// Monday, a half-month (1st–15th, 16th–end), a month, a quarter, a year, or any range of
// days — all in county days (UTC+8, domain/calendar.h) — with the same period last year
// for the year-on-year "two drops" (两降), the period before it for trends, and
// projections of a running period to its end. Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/calendar.h"

namespace fanzha::domain {

enum class PeriodKind { kWeek, kHalfMonth, kMonth, kQuarter, kYear, kRange };

std::string_view period_kind_key(PeriodKind kind);  // "week", "half_month", … "range"
std::optional<PeriodKind> parse_period_kind(std::string_view key);

// The days `first` … `last`, both included.
struct Period {
  PeriodKind kind = PeriodKind::kRange;
  DateNumber first = 0;
  DateNumber last = 0;

  int days() const { return days_between(first, last) + 1; }
  bool contains(DateNumber day) const { return day >= first && day <= last; }
  // [start_ms, end_ms): county midnight starting `first` to the one after `last`.
  int64_t start_ms() const { return day_start_ms(first); }
  int64_t end_ms() const { return day_start_ms(add_days(last, 1)); }
  bool operator==(const Period&) const = default;
};

// The period of `kind` (not kRange) holding `day`.
Period period_containing(PeriodKind kind, DateNumber day);
// A range of days; nullopt unless both are real dates and first ≤ last.
std::optional<Period> range_period(DateNumber first, DateNumber last);

// The same period one year earlier, as 同比 compares it: the same calendar dates a year
// back, so a week compares with the same seven dates (not the same weekdays) and
// 29 February becomes the 28th. Calendar kinds stay whole (February 2024 ↔ 2023).
Period same_period_last_year(const Period& p);
// The period just before: the previous week, half-month …; for a range, the days of the
// same length just before it.
Period previous_period(const Period& p);

// "2026年第50周（12月7日—12月13日）" (ISO weeks: a week is of its Thursday's year),
// "2026年12月上半月", "2026年第四季度", "2026年", "2026年12月1日—2026年12月20日".
std::string period_label(const Period& p);

// Year-on-year change of a count or a sum: (now − before) ÷ before; nullopt when there
// was nothing the year before (no rate can be shown, only the two figures).
std::optional<double> change_ratio(int64_t now, int64_t before);

// A running period's figure projected to its end at the pace so far: `so_far` over the
// days from `p.first` through `today` (clamped to the period), scaled to the period.
// Before the period starts the projection is 0; after it ends, `so_far` itself.
int64_t project_to_end(const Period& p, int64_t so_far, DateNumber today);

// Per 10,000 residents (万人发案率), or nullopt when the population is unknown (0).
std::optional<double> per_ten_thousand(int64_t count, int64_t residents);

}  // namespace fanzha::domain
