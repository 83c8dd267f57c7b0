#include "service/app_roster_recorder.h"

#include "domain/visit.h"

namespace fanzha::service {

using domain::AppFact;

AppRosterRecorder::AppRosterRecorder(store::Connection& connection, const Actor& actor,
                                     const domain::OrgUnit& unit, std::optional<int64_t> job_id,
                                     int64_t now)
    : store_(connection), actor_(actor), settings_(load_app_settings(store_)), now_(now) {
  if (!job_id) {
    return;
  }
  store::SubmissionRow s;
  s.org_unit_id = unit.id;
  s.org_unit_name = unit.name;
  s.week = domain::week_monday(domain::county_day_number(now));
  s.submitted_at = now;
  s.late = now > domain::roster_deadline_ms(s.week, settings_.deadline);
  s.user_id = actor.user_id;
  s.username = actor.username;
  s.import_job_id = job_id;
  s.id = store_.insert_submission(s);
  submission_ = s;
}

std::optional<std::string> AppRosterRecorder::check(const domain::RosterRecord& r) {
  if (r.promotion_code.empty()) {
    return std::nullopt;
  }
  auto it = promoters_.find(r.promotion_code);
  if (it == promoters_.end()) {
    it = promoters_.emplace(r.promotion_code, store_.user_of_code(r.promotion_code)).first;
  }
  if (!it->second) {
    return "推广码“" + r.promotion_code + "”不存在";
  }
  return std::nullopt;
}

void AppRosterRecorder::record(int64_t person_id, const domain::RosterRecord& r) {
  if (!r.app_installed && !r.app_registered && !r.app_alerts) {
    return;
  }
  const auto before =
      domain::app_state_as_of(store_.observations_of(person_id), now_, settings_.alerts_lapse_days);
  store::AppFactRow row;
  row.person_id = person_id;
  row.recorded_by = actor_.user_id;
  row.recorder_name = actor_.display_name.empty() ? actor_.username : actor_.display_name;
  row.submission_id = submission_ ? std::optional(submission_->id) : std::nullopt;
  row.created_at = now_;
  row.observation.observed_at = now_;
  row.observation.method = r.app_method.value_or(domain::AppMethod::kWeeklyRoster);
  auto put = [&](AppFact fact, std::optional<bool> value) {
    if (!value) {
      return;
    }
    row.observation.fact = fact;
    row.observation.value = *value;
    row.promoter_user_id = std::nullopt;
    if (fact == AppFact::kRegistered && *value && !r.promotion_code.empty()) {
      row.promoter_user_id = promoters_.at(r.promotion_code);
    }
    store_.insert_fact(row);
  };
  put(AppFact::kInstalled, r.app_installed);
  put(AppFact::kRegistered, r.app_registered);
  put(AppFact::kAlertsOn, r.app_alerts);
  recorded_ = true;
  if (!submission_) {
    return;
  }
  auto& s = *submission_;
  ++s.rows;
  const bool installed = r.app_installed.value_or(before.installed);
  const bool registered = r.app_registered.value_or(installed && before.registered);
  s.installed += installed;
  s.registered += registered;
  s.alerts_on += r.app_alerts.value_or(false);
  s.newly_installed += installed && !before.installed;
  s.newly_registered += registered && !before.registered;
  s.dropped += !installed && before.installed;
}

std::optional<store::SubmissionRow> AppRosterRecorder::finish() {
  if (submission_) {
    store_.update_submission_counts(*submission_);
  }
  if (recorded_ || submission_) {
    store_.bump_version();
  }
  return submission_;
}

}  // namespace fanzha::service
