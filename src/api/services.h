// The services one API server works with, built once at start-up from a ServiceContext.
// Thread-safe as each service is. Owns the import worker thread.
#pragma once

#include <memory>

#include "service/app_index.h"
#include "service/app_ranking.h"
#include "service/app_service.h"
#include "service/audit_service.h"
#include "service/auth_service.h"
#include "service/case_bulletin.h"
#include "service/case_index.h"
#include "service/case_service.h"
#include "service/case_stats_service.h"
#include "service/check_service.h"
#include "service/coverage_service.h"
#include "service/dashboard_service.h"
#include "service/import_jobs.h"
#include "service/org_service.h"
#include "service/people_service.h"
#include "service/rate_limiter.h"
#include "service/spot_check_service.h"
#include "service/user_service.h"
#include "service/visit_service.h"

namespace fanzha::api {

// The scam-message checker's set-up; without a rule file there is no checker.
struct CheckSetup {
  service::CheckOptions options;
  service::RateLimiter::Options limit;
};

struct Services {
  explicit Services(service::ServiceContext context, service::AuthOptions auth_options = {},
                    const CheckSetup& check_setup = {})
      : db(context.db),
        clock(context.clock),
        auth(context, auth_options),
        org(context),
        users(context),
        audit(context),
        dashboard(context),
        people(context),
        visits(context),
        coverage(context),
        imports(context),
        app_index(context),
        app(context, app_index),
        ranking(context, app_index),
        spot_checks(context, app_index),
        cases(context),
        case_index(context),
        case_stats(context, case_index),
        bulletins(context, case_stats, cases),
        check(check_setup.options.rules_path.empty()
                  ? nullptr
                  : std::make_unique<service::CheckService>(context.clock, check_setup.options)),
        check_limiter(context.clock, check_setup.limit) {}

  store::Database& db;
  const Clock& clock;
  service::AuthService auth;
  service::OrgService org;
  service::UserService users;
  service::AuditService audit;
  service::DashboardService dashboard;
  service::PeopleService people;
  service::VisitService visits;
  service::CoverageService coverage;
  service::ImportJobs imports;  // runs a worker thread
  service::AppIndex app_index;  // the app figures' working set, shared by the three below
  service::AppService app;
  service::AppRankingService ranking;
  service::SpotCheckService spot_checks;
  service::CaseService cases;
  service::CaseIndex case_index;  // the case figures' working set
  service::CaseStatsService case_stats;
  service::CaseBulletinService bulletins;
  std::unique_ptr<service::CheckService> check;  // null when not configured
  service::RateLimiter check_limiter;            // per client address, for POST /api/check
};

}  // namespace fanzha::api
