#include "cli/demo_case_loader.h"

#include <unordered_map>

#include "demo/demo_cases.h"
#include "domain/calendar.h"
#include "service/audit_trail.h"
#include "service/case_service.h"
#include "store/case_store.h"
#include "store/org_store.h"

namespace fanzha::cli {

namespace {

// The county plan's "two drops" (两降) for this year: the quarter −20 % in cases and the
// four high-incidence types −10 %, the year −30 % in cases and in loss; schools −50 %.
void add_demo_targets(store::Connection& c, const demo::DemoCounty& county,
                      domain::DateNumber today, int64_t now) {
  store::OrgStore units(c);
  store::CaseStore cases(c);
  const int64_t county_id = units.find_by_code(county.units.front().code)->id;
  const auto quarter = domain::period_containing(domain::PeriodKind::kQuarter, today);
  const auto year = domain::period_containing(domain::PeriodKind::kYear, today);
  using domain::CaseMeasure;
  using domain::CaseScope;
  const struct {
    int64_t unit;
    domain::Period period;
    CaseMeasure measure;
    CaseScope scope;
    int permille;
  } targets[] = {
      {county_id, quarter, CaseMeasure::kCases, CaseScope::kAllTypes, 200},
      {county_id, quarter, CaseMeasure::kCases, CaseScope::kHighIncidence, 100},
      {county_id, year, CaseMeasure::kCases, CaseScope::kAllTypes, 300},
      {county_id, year, CaseMeasure::kLoss, CaseScope::kAllTypes, 300},
  };
  for (const auto& t : targets) {
    store::CaseTargetRow row;
    row.org_unit_id = t.unit;
    row.period = t.period;
    row.target = {t.measure, t.scope, t.permille};
    cases.insert_target(row, now);
  }
  for (const auto& u : county.units) {
    if (u.kind == domain::OrgKind::kSchool) {
      store::CaseTargetRow row;
      row.org_unit_id = units.find_by_code(u.code)->id;
      row.period = year;
      row.target = {CaseMeasure::kCases, CaseScope::kAllTypes, 500};
      cases.insert_target(row, now);
    }
  }
}

}  // namespace

int64_t load_demo_cases(Runtime& runtime, const demo::DemoCounty& county, uint64_t seed,
                        const std::vector<demo::DemoHousehold>& households,
                        const std::vector<std::vector<int64_t>>& member_ids) {
  const int64_t now = runtime.clock.now_ms();
  const domain::DateNumber today = domain::county_day_number(now);
  const auto cases = demo::generate_demo_cases(seed, county, households, today);
  service::CaseService registry(runtime.context());
  const service::Actor police = service::system_actor("demo");
  int64_t loaded = 0;
  runtime.db->transact([&](store::Connection& c) {
    store::OrgStore units(c);
    std::unordered_map<std::string, int64_t> unit_ids;
    for (const auto& dc : cases) {
      service::CaseInput in;
      in.case_number = dc.case_number;
      in.occurred_at = demo::demo_case_occurred_ms(dc, today);
      in.reported_at = demo::demo_case_reported_ms(dc, today);
      if (in.reported_at > now) {
        continue;  // reported later today: not yet in the registry
      }
      auto unit = unit_ids.find(dc.unit_code);
      if (unit == unit_ids.end()) {
        unit = unit_ids.emplace(dc.unit_code, units.find_by_code(dc.unit_code)->id).first;
      }
      in.org_unit_id = unit->second;
      if (dc.victim) {
        in.victim_person_id = member_ids.at(dc.victim->household).at(dc.victim->member);
      } else {
        in.victim_age = dc.victim_age;
        in.victim_sex = dc.victim_sex;
      }
      in.victim_group = dc.victim_group;
      in.fraud_type = dc.fraud_type;
      in.channel = dc.channel;
      in.loss_fen = dc.loss_fen;
      in.stopped_fen = dc.stopped_fen;
      in.returned_fen = dc.returned_fen;
      in.status = dc.status;
      in.suspect_accounts = dc.suspect_accounts;
      in.notes = dc.notes;
      registry.save_in(c, police, in, service::Upsert::kReject);
      ++loaded;
    }
    add_demo_targets(c, county, today, now);
  });
  return loaded;
}

}  // namespace fanzha::cli
