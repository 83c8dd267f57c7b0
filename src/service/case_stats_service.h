// The case figures the county runs on, for a subtree and a period (boundaries in county
// time): counts and losses against the same period last year, per 10,000 residents, by
// type, victim group and channel, per child unit with a rank and the bottom three, the
// back-trace shares, large cases, units with cases among their own staff (系统内部发案),
// zero-case units (无诈村/社区/单位/校园), the monthly trend, and the "two drops" targets
// with their progress. All from the CaseIndex; units and schools count only the cases of
// their own staff and students. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "domain/org_unit.h"
#include "domain/ranking.h"
#include "service/actor.h"
#include "service/case_index.h"
#include "service/context.h"
#include "store/case_store.h"

namespace fanzha::service {

struct CaseStatsQuery {
  std::optional<int64_t> unit_id;  // default: the actor's unit
  domain::Period period;
  std::optional<domain::FraudType> fraud_type;
  bool high_incidence_only = false;
  std::optional<domain::VictimGroup> victim_group;
  std::optional<domain::CaseChannel> channel;
};

struct YearOnYear {
  CaseSums now;
  CaseSums last_year;
};

struct ChildCaseFigures {
  domain::OrgUnit unit;
  YearOnYear figures;
  int64_t residents = 0;
  domain::Rank rank;  // by cases per 10,000 residents, fewer first
};

struct CaseStats {
  domain::OrgUnit unit;
  domain::Period period;
  domain::Period last_year;
  YearOnYear total;
  int64_t residents = 0;
  std::vector<std::pair<domain::FraudType, YearOnYear>> by_type;  // types with a case
  std::vector<std::pair<domain::VictimGroup, YearOnYear>> by_group;
  std::vector<std::pair<domain::CaseChannel, YearOnYear>> by_channel;
  std::vector<ChildCaseFigures> children;
  domain::BackTraceSummary trace;
  int64_t large_cases = 0;
  int64_t large_case_fen = 0;
  std::vector<std::pair<domain::OrgUnit, CaseSums>> inside_system;
  ZeroCaseCounts zero_case;
};

struct TrendPoint {
  domain::Period period;
  YearOnYear figures;
};

struct CaseTargetStatus {
  store::CaseTargetRow target;
  std::string unit_name;
  domain::CaseTargetProgress progress;
};

class CaseStatsService {
 public:
  CaseStatsService(ServiceContext context, CaseIndex& index) : ctx_(context), index_(index) {}

  CaseStats stats(const Actor& actor, const CaseStatsQuery& query);
  // The months of the year up to the one containing `today`, against last year.
  std::vector<TrendPoint> monthly_trend(const Actor& actor, std::optional<int64_t> unit_id,
                                        domain::DateNumber today);
  std::vector<CaseTargetStatus> targets(const Actor& actor, std::optional<int64_t> unit_id);
  CaseTargetStatus create_target(const Actor& actor, const store::CaseTargetRow& target);
  void delete_target(const Actor& actor, int64_t id);

 private:
  ServiceContext ctx_;
  CaseIndex& index_;
};

}  // namespace fanzha::service
