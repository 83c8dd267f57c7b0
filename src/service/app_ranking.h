// The weekly app ranking (周排名) of a unit's child units, one table per population
// (16–60 residents, staff, students): rates at the end of the week, the change from the
// week before, rank with the bottom three marked and how many weeks running a unit has
// been there, spot-check honesty, late and missing rosters, and registrations promoted.
// Also the weekly trend and the ranking as XLSX. Figures come from the in-memory app
// index; everything is scoped to the actor's subtree. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "domain/org_unit.h"
#include "domain/ranking.h"
#include "domain/spot_check.h"
#include "service/actor.h"
#include "service/app_index.h"
#include "service/context.h"
#include "service/people_service.h"

namespace fanzha::service {

struct RankingRow {
  domain::OrgUnit unit;
  AppCounts counts;
  std::optional<AppCounts> previous;  // the week before, when the unit had people then
  domain::Rank rank;
  int bottom_weeks = 0;                    // weeks in a row, up to this one, among the bottom three
  std::optional<domain::Honesty> honesty;  // none before any call in its subtree
  int64_t late = 0;
  int64_t missing = 0;
  int64_t promoted = 0;
};

struct RankingTable {
  domain::AppPopulation population = domain::AppPopulation::kAge16To60;
  AppCounts total;
  std::vector<RankingRow> rows;  // in rank order (unranked last)
};

struct Ranking {
  domain::OrgUnit unit;
  domain::DateNumber week = 0;
  int64_t as_of = 0;
  int64_t deadline = 0;
  std::vector<RankingTable> tables;  // populations with anyone in them
};

struct TrendWeek {
  domain::DateNumber week = 0;
  PopulationCounts counts{};
};

inline constexpr int kBottomWeeksLookBack = 12;
inline constexpr int kMaxTrendWeeks = 52;

class AppRankingService {
 public:
  AppRankingService(ServiceContext context, AppIndex& index) : ctx_(context), index_(index) {}

  // `week` is any day of the week (default: this week).
  Ranking ranking(const Actor& actor, std::optional<int64_t> unit_id,
                  std::optional<domain::DateNumber> week);
  // The unit's figures at the end of each of the last `weeks` weeks, oldest first.
  std::vector<TrendWeek> trend(const Actor& actor, std::optional<int64_t> unit_id, int weeks);
  // The ranking as XLSX (周排名); audited.
  ExportFile export_ranking(const Actor& actor, std::optional<int64_t> unit_id,
                            std::optional<domain::DateNumber> week);

 private:
  ServiceContext ctx_;
  AppIndex& index_;
};

}  // namespace fanzha::service
