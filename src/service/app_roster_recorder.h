// Records the app status columns of roster rows (是否安装 / 是否注册 / 是否开启预警) as
// observations, inside the import's write transaction: method the row's 核实方式 or the
// weekly roster, promoter the row's 推广码. For a weekly app roster it also writes the
// week's submission with its change from the status each person had before it (newly
// installed, newly registered, dropped). Bumps the app figures' version when anything
// was recorded. Not thread-safe (one import, one thread).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "domain/org_unit.h"
#include "domain/roster.h"
#include "service/actor.h"
#include "service/app_settings.h"
#include "service/context.h"
#include "store/app_store.h"

namespace fanzha::service {

class AppRosterRecorder {
 public:
  // `job_id` set: this is a weekly roster of `unit` (a submission is written).
  AppRosterRecorder(store::Connection& connection, const Actor& actor, const domain::OrgUnit& unit,
                    std::optional<int64_t> job_id, int64_t now);

  // A problem with the row's app cells that needs the database (an unknown 推广码).
  std::optional<std::string> check(const domain::RosterRecord& record);
  // Records the row's app cells for the person it was written to.
  void record(int64_t person_id, const domain::RosterRecord& record);
  // The submission (weekly rosters), with its counts; bumps the version.
  std::optional<store::SubmissionRow> finish();

 private:
  store::AppStore store_;
  const Actor& actor_;
  AppSettings settings_;
  int64_t now_;
  std::optional<store::SubmissionRow> submission_;
  std::unordered_map<std::string, std::optional<int64_t>> promoters_;  // code → user
  bool recorded_ = false;
};

}  // namespace fanzha::service
