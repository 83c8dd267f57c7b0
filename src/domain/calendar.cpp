#include "domain/calendar.h"

#include "common/clock.h"

namespace fanzha::domain {

namespace {

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<int64_t>(era) * 146097 + doe - 719468;
}

int64_t floor_div(int64_t a, int64_t b) { return a >= 0 ? a / b : (a - b + 1) / b; }

}  // namespace

int64_t day_index(DateNumber day) {
  return days_from_civil(day / 10000, day / 100 % 100, day % 100);
}

DateNumber date_from_index(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp + (mp < 10 ? 3 : -9);
  return static_cast<DateNumber>((y + (m <= 2 ? 1 : 0)) * 10000 + m * 100 + d);
}

DateNumber add_days(DateNumber day, int days) { return date_from_index(day_index(day) + days); }

int days_between(DateNumber a, DateNumber b) {
  return static_cast<int>(day_index(b) - day_index(a));
}

int iso_weekday(DateNumber day) {
  // 1970-01-01 was a Thursday (4).
  return static_cast<int>(((day_index(day) % 7) + 7 + 3) % 7) + 1;
}

DateNumber week_monday(DateNumber day) { return add_days(day, 1 - iso_weekday(day)); }

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

int64_t day_start_ms(DateNumber day) { return day_index(day) * kMillisPerDay - kCountyUtcOffsetMs; }

int64_t county_day_start(int64_t epoch_ms) {
  return floor_div(epoch_ms + kCountyUtcOffsetMs, kMillisPerDay) * kMillisPerDay -
         kCountyUtcOffsetMs;
}

DateNumber county_day_number(int64_t epoch_ms) {
  return date_from_index(floor_div(epoch_ms + kCountyUtcOffsetMs, kMillisPerDay));
}

}  // namespace fanzha::domain
