#include "service/app_settings.h"

#include <algorithm>
#include <string>

#include "common/error.h"
#include "common/text.h"

namespace fanzha::service {

namespace {

constexpr std::string_view kLapseKey = "app.alerts_lapse_days";
constexpr std::string_view kWeekdayKey = "app.roster_deadline_weekday";
constexpr std::string_view kHourKey = "app.roster_deadline_hour";

int setting_int(store::AppStore& store, std::string_view key, int fallback, int low, int high) {
  const auto text = store.setting(key);
  const auto value = text ? parse_int64(*text) : std::nullopt;
  if (!value) {
    return fallback;
  }
  return static_cast<int>(std::clamp<int64_t>(*value, low, high));
}

}  // namespace

AppSettings load_app_settings(store::AppStore& store) {
  AppSettings s;
  s.alerts_lapse_days =
      setting_int(store, kLapseKey, domain::kDefaultAlertsLapseDays, 1, kMaxAlertsLapseDays);
  s.deadline.weekday = setting_int(store, kWeekdayKey, 1, 1, 7);
  s.deadline.hour = setting_int(store, kHourKey, 12, 0, 23);
  return s;
}

void save_app_settings(store::AppStore& store, const AppSettings& s) {
  if (s.alerts_lapse_days < 1 || s.alerts_lapse_days > kMaxAlertsLapseDays) {
    throw Error(ErrorCode::kInvalidValue, "预警失效天数应在 1 到 3650 之间", "alerts_lapse_days");
  }
  if (s.deadline.weekday < 1 || s.deadline.weekday > 7) {
    throw Error(ErrorCode::kInvalidValue, "报送截止日应为周一(1)到周日(7)",
                "roster_deadline_weekday");
  }
  if (s.deadline.hour < 0 || s.deadline.hour > 23) {
    throw Error(ErrorCode::kInvalidValue, "报送截止时刻应在 0 到 23 点之间",
                "roster_deadline_hour");
  }
  store.set_setting(kLapseKey, std::to_string(s.alerts_lapse_days));
  store.set_setting(kWeekdayKey, std::to_string(s.deadline.weekday));
  store.set_setting(kHourKey, std::to_string(s.deadline.hour));
  store.bump_people_version();  // the lapse window is part of the loaded index
}

}  // namespace fanzha::service
