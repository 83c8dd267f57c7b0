// Fraud cases, their ledgers and their statistics as JSON (docs/api.md, "Cases"), and
// the case form read from a request body. Money is integer fen (`*_fen`); periods carry
// their dates and Chinese label. Pure functions of their arguments.
#pragma once

#include <nlohmann/json.hpp>

#include "http/message.h"
#include "service/case_service.h"
#include "service/case_stats_service.h"

namespace fanzha::api {

nlohmann::json case_json(const service::CaseView& view);
nlohmann::json accounts_json(const std::vector<service::AccountView>& accounts);
nlohmann::json ledger_json(const service::LedgerView& ledger);
nlohmann::json rectification_json(const store::RectificationRow& row);
nlohmann::json period_json(const domain::Period& period);
nlohmann::json sums_json(const service::CaseSums& sums);
nlohmann::json year_on_year_json(const service::YearOnYear& figures, int64_t residents = 0);
nlohmann::json case_stats_json(const service::CaseStats& stats);
nlohmann::json target_status_json(const service::CaseTargetStatus& status);

// The case form: every field of service::CaseInput (amounts as `*_fen` integers or as
// yuan text in `loss`, `stopped`, `returned`).
service::CaseInput case_input(const http::Request& request);

// The period of a statistics request: `period` (week, half_month, month, quarter, year)
// containing `date` (default today), or `from`/`to` for a range.
domain::Period period_query(const http::Request& request, domain::DateNumber today);

}  // namespace fanzha::api
