// Coverage figures of a campaign (visit coverage, face-to-face coverage, commitment rate)
// for a unit and each of its child units, ranked with the bottom three marked; the
// progress over time; the progress table as XLSX. Figures are sums of the counters the
// visits keep (store/visit_store.h), never a scan of the visits. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "domain/coverage.h"
#include "domain/org_unit.h"
#include "domain/visit.h"
#include "service/actor.h"
#include "service/context.h"
#include "service/people_service.h"
#include "store/visit_store.h"

namespace fanzha::service {

struct CoverageRow {
  domain::OrgUnit unit;
  domain::CoverageCounts counts;
  domain::CoverageRank rank;
};

struct CoverageReport {
  domain::Campaign campaign;
  domain::OrgUnit unit;
  domain::CoverageCounts total;
  std::vector<CoverageRow> children;  // the child units that hold households
  // Households kept on the unit itself (a village's households not yet put in a group),
  // so that the rows add up to the total; nullopt when there are none.
  std::optional<domain::CoverageCounts> direct;
};

struct TimelineDay {
  int day = 0;                        // yyyymmdd
  domain::CoverageCounts cumulative;  // households reached up to and including that day
};

class CoverageService {
 public:
  explicit CoverageService(ServiceContext context) : ctx_(context) {}

  CoverageReport coverage(const Actor& actor, int64_t campaign_id, std::optional<int64_t> unit_id);
  std::vector<TimelineDay> timeline(const Actor& actor, int64_t campaign_id,
                                    std::optional<int64_t> unit_id);
  // The progress table (工作进度表) of `coverage` as XLSX; audited.
  ExportFile export_progress(const Actor& actor, int64_t campaign_id,
                             std::optional<int64_t> unit_id);

 private:
  ServiceContext ctx_;
};

}  // namespace fanzha::service
