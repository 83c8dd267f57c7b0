// The county's settings for the app roster, kept in the `setting` table: how long an
// "alerts on" observation counts, and when the weekly roster is due. Values read from
// the database are clamped to their allowed ranges. Not thread-safe (uses the caller's
// connection).
#pragma once

#include "domain/app_status.h"
#include "store/app_store.h"

namespace fanzha::service {

struct AppSettings {
  int alerts_lapse_days = domain::kDefaultAlertsLapseDays;
  domain::RosterDeadline deadline;
};

inline constexpr int kMaxAlertsLapseDays = 3650;

AppSettings load_app_settings(store::AppStore& store);
// Checks the values (invalid_value naming the field) and stores them.
void save_app_settings(store::AppStore& store, const AppSettings& settings);

}  // namespace fanzha::service
