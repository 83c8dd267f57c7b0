// JSON shapes of the app roster (docs/api.md, "The anti-fraud app roster"): counts with
// their rates, a person's status and facts, submissions, targets, rankings and spot
// checks. Phones appear masked only.
#pragma once

#include <nlohmann/json.hpp>

#include "service/app_ranking.h"
#include "service/app_service.h"
#include "service/spot_check_service.h"

namespace fanzha::api {

nlohmann::json app_counts_json(const service::AppCounts& counts);
nlohmann::json population_counts_json(const service::PopulationCounts& counts);
nlohmann::json app_state_json(const domain::AppState& state);
nlohmann::json app_fact_json(const store::AppFactRow& fact);
nlohmann::json person_app_json(const service::PersonApp& app);
nlohmann::json submission_json(const store::SubmissionRow& submission);
nlohmann::json target_json(const service::TargetView& target);
nlohmann::json settings_json(const service::AppSettings& settings);
nlohmann::json submission_status_json(const service::SubmissionStatus& status);
nlohmann::json ranking_json(const service::Ranking& ranking);
nlohmann::json honesty_json(const domain::Honesty& honesty);
nlohmann::json plan_json(const store::SpotCheckPlanRow& plan);
nlohmann::json plan_detail_json(const service::PlanDetail& detail);
nlohmann::json item_json(const store::SpotCheckItemRow& item);

}  // namespace fanzha::api
