// JSON shapes of campaigns, visits and coverage figures (docs/api.md).
#pragma once

#include <nlohmann/json.hpp>

#include "domain/coverage.h"
#include "domain/visit.h"
#include "service/coverage_service.h"

namespace fanzha::api {

nlohmann::json campaign_json(const domain::Campaign& campaign);
nlohmann::json visit_json(const domain::Visit& visit);
nlohmann::json coverage_counts_json(const domain::CoverageCounts& counts);
nlohmann::json coverage_report_json(const service::CoverageReport& report);

}  // namespace fanzha::api
