#include "domain/period.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "domain/enum_table.h"

namespace fanzha::domain {

namespace {

constexpr std::array<EnumEntry<PeriodKind>, 6> kKindTable = {{
    {PeriodKind::kWeek, "week", "周"},
    {PeriodKind::kHalfMonth, "half_month", "半月"},
    {PeriodKind::kMonth, "month", "月"},
    {PeriodKind::kQuarter, "quarter", "季度"},
    {PeriodKind::kYear, "year", "年"},
    {PeriodKind::kRange, "range", "自定义时段"},
}};

int year_of(DateNumber d) { return d / 10000; }
int month_of(DateNumber d) { return d / 100 % 100; }
int day_of(DateNumber d) { return d % 100; }
DateNumber date(int y, int m, int d) { return y * 10000 + m * 100 + d; }
DateNumber month_end(int y, int m) { return date(y, m, days_in_month(y, m)); }

// The same month and day in `year`, 29 February becoming the 28th.
DateNumber in_year(DateNumber d, int year) {
  return date(year, month_of(d), std::min(day_of(d), days_in_month(year, month_of(d))));
}

std::string month_day(DateNumber d) {
  return std::to_string(month_of(d)) + "月" + std::to_string(day_of(d)) + "日";
}
std::string full_date(DateNumber d) { return std::to_string(year_of(d)) + "年" + month_day(d); }

// ISO 8601 week numbering: a week belongs to the year of its Thursday, and week 1 is
// the one holding 4 January. Returns the year and the week.
std::pair<int, int> iso_week(DateNumber monday) {
  const int year = year_of(add_days(monday, 3));
  const DateNumber week1 = week_monday(date(year, 1, 4));
  return {year, days_between(week1, monday) / 7 + 1};
}

}  // namespace

std::string_view period_kind_key(PeriodKind kind) { return enum_key<PeriodKind>(kKindTable, kind); }

std::optional<PeriodKind> parse_period_kind(std::string_view key) {
  return parse_enum<PeriodKind>(kKindTable, key);
}

Period period_containing(PeriodKind kind, DateNumber day) {
  const int y = year_of(day);
  const int m = month_of(day);
  switch (kind) {
    case PeriodKind::kWeek: {
      const DateNumber monday = week_monday(day);
      return {kind, monday, add_days(monday, 6)};
    }
    case PeriodKind::kHalfMonth:
      return day_of(day) <= 15 ? Period{kind, date(y, m, 1), date(y, m, 15)}
                               : Period{kind, date(y, m, 16), month_end(y, m)};
    case PeriodKind::kMonth:
      return {kind, date(y, m, 1), month_end(y, m)};
    case PeriodKind::kQuarter: {
      const int first_month = (m - 1) / 3 * 3 + 1;
      return {kind, date(y, first_month, 1), month_end(y, first_month + 2)};
    }
    case PeriodKind::kYear:
    case PeriodKind::kRange:
      break;
  }
  return {PeriodKind::kYear, date(y, 1, 1), date(y, 12, 31)};
}

std::optional<Period> range_period(DateNumber first, DateNumber last) {
  if (!is_valid_date(first) || !is_valid_date(last) || first > last) {
    return std::nullopt;
  }
  return Period{PeriodKind::kRange, first, last};
}

Period same_period_last_year(const Period& p) {
  const DateNumber first = in_year(p.first, year_of(p.first) - 1);
  if (p.kind == PeriodKind::kWeek || p.kind == PeriodKind::kRange) {
    return {p.kind, first, in_year(p.last, year_of(p.last) - 1)};
  }
  // Calendar kinds: the period holding the date a year back, so a month stays whole.
  return period_containing(p.kind, first);
}

Period previous_period(const Period& p) {
  if (p.kind == PeriodKind::kRange) {
    return {p.kind, add_days(p.first, -p.days()), add_days(p.first, -1)};
  }
  return period_containing(p.kind, add_days(p.first, -1));
}

std::string period_label(const Period& p) {
  const std::string year = std::to_string(year_of(p.first)) + "年";
  const int m = month_of(p.first);
  switch (p.kind) {
    case PeriodKind::kWeek: {
      const auto [week_year, week] = iso_week(p.first);
      return std::to_string(week_year) + "年第" + std::to_string(week) + "周（" +
             month_day(p.first) + "—" + month_day(p.last) + "）";
    }
    case PeriodKind::kHalfMonth:
      return year + std::to_string(m) + "月" + (day_of(p.first) == 1 ? "上半月" : "下半月");
    case PeriodKind::kMonth:
      return year + std::to_string(m) + "月";
    case PeriodKind::kQuarter: {
      static constexpr std::array<std::string_view, 4> kNames = {"一", "二", "三", "四"};
      return year + "第" + std::string(kNames[static_cast<size_t>((m - 1) / 3)]) + "季度";
    }
    case PeriodKind::kYear:
      return year;
    case PeriodKind::kRange:
      break;
  }
  return full_date(p.first) + "—" + full_date(p.last);
}

std::optional<double> change_ratio(int64_t now, int64_t before) {
  if (before == 0) {
    return std::nullopt;
  }
  return static_cast<double>(now - before) / static_cast<double>(before);
}

int64_t project_to_end(const Period& p, int64_t so_far, DateNumber today) {
  if (today < p.first) {
    return 0;
  }
  if (today >= p.last) {
    return so_far;
  }
  const int elapsed = days_between(p.first, today) + 1;
  return static_cast<int64_t>(
      std::llround(static_cast<double>(so_far) * p.days() / static_cast<double>(elapsed)));
}

std::optional<double> per_ten_thousand(int64_t count, int64_t residents) {
  if (residents <= 0) {
    return std::nullopt;
  }
  return static_cast<double>(count) * 10000.0 / static_cast<double>(residents);
}

}  // namespace fanzha::domain
