// Calendar dates in the county's civil time (UTC+8, see common/clock.h): yyyymmdd day
// numbers, day arithmetic on the proleptic Gregorian calendar, and the epoch-ms instants
// where county days start. Pure, thread-safe.
#pragma once

#include <cstdint>

#include "domain/resident_id.h"

namespace fanzha::domain {

// Days from 1970-01-01 to `day`, and back.
int64_t day_index(DateNumber day);
DateNumber date_from_index(int64_t index);

DateNumber add_days(DateNumber day, int days);
// Days between two dates (b − a).
int days_between(DateNumber a, DateNumber b);
// Monday of the week holding `day`.
DateNumber week_monday(DateNumber day);
// 1 (Monday) … 7 (Sunday).
int iso_weekday(DateNumber day);
bool is_leap_year(int year);
int days_in_month(int year, int month);

// Midnight (county time) starting `day`, as epoch ms.
int64_t day_start_ms(DateNumber day);
// The county-time midnight that starts the day of `epoch_ms`, and the day as yyyymmdd.
int64_t county_day_start(int64_t epoch_ms);
DateNumber county_day_number(int64_t epoch_ms);

}  // namespace fanzha::domain
