#include "service/case_stats_service.h"

#include "domain/calendar.h"
#include "domain/org_path.h"
#include "service/audit_trail.h"
#include "service/case_service.h"
#include "store/org_store.h"
#include "store/people_store.h"

namespace fanzha::service {

using domain::Capability;

namespace {

constexpr int kMaxReductionPermille = 1000;

domain::OrgUnit unit_in_scope(store::Connection& c, const Actor& actor,
                              std::optional<int64_t> unit_id) {
  const auto unit = store::OrgStore(c).find(unit_id.value_or(actor.unit_id));
  if (!unit || !actor.can_see(unit->path)) {
    throw Error(ErrorCode::kNotFound, "组织不存在或不在您的管辖范围内", "unit_id");
  }
  return *unit;
}

bool counts_by_victim_only(const Actor& actor) {
  return actor.role == domain::Role::kUnit || actor.role == domain::Role::kSchool;
}

CaseSelection selection_of(const Actor& actor, const CaseStatsQuery& q, const std::string& path) {
  CaseSelection s;
  s.path = path;
  s.period = q.period;
  s.fraud_type = q.fraud_type;
  s.high_incidence_only = q.high_incidence_only;
  s.victim_group = q.victim_group;
  s.channel = q.channel;
  s.victim_unit_only = counts_by_victim_only(actor);
  return s;
}

template <typename Enum, size_t N>
std::vector<std::pair<Enum, YearOnYear>> nonzero(const std::array<CaseSums, N>& now,
                                                 const std::array<CaseSums, N>& before,
                                                 size_t count) {
  std::vector<std::pair<Enum, YearOnYear>> out;
  for (size_t i = 0; i < count && i < N; ++i) {
    if (now[i].cases > 0 || before[i].cases > 0) {
      out.emplace_back(static_cast<Enum>(i), YearOnYear{now[i], before[i]});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second.now.cases > b.second.now.cases;
  });
  return out;
}

}  // namespace

CaseStats CaseStatsService::stats(const Actor& actor, const CaseStatsQuery& q) {
  require(actor, Capability::kCaseRead);
  CaseStats out;
  {
    auto lease = ctx_.db.read();
    out.unit = unit_in_scope(*lease, actor, q.unit_id);
    out.residents = index_.residents(out.unit.path);
    for (auto& child : store::OrgStore(*lease).children(out.unit.id, false)) {
      ChildCaseFigures f;
      f.residents = index_.residents(child.path);
      f.unit = std::move(child);
      out.children.push_back(std::move(f));
    }
  }
  out.period = q.period;
  out.last_year = domain::same_period_last_year(q.period);
  CaseSelection now = selection_of(actor, q, out.unit.path);
  for (const auto& child : out.children) {
    now.parts.push_back(child.unit.path);
  }
  CaseSelection before = now;
  before.period = out.last_year;
  out.large_case_fen = CaseService(ctx_).large_case_fen();
  const CaseCountOptions options{out.large_case_fen};
  const CaseFigures a = index_.count(now, options);
  const CaseFigures b = index_.count(before, options);
  out.total = {a.total, b.total};
  out.by_type = nonzero<domain::FraudType>(a.by_type, b.by_type, domain::all_fraud_types().size());
  out.by_group =
      nonzero<domain::VictimGroup>(a.by_group, b.by_group, domain::all_victim_groups().size());
  out.by_channel =
      nonzero<domain::CaseChannel>(a.by_channel, b.by_channel, domain::all_case_channels().size());
  std::vector<domain::RateCounts> rates;
  for (size_t i = 0; i < out.children.size(); ++i) {
    out.children[i].figures = {a.by_part[i], b.by_part[i]};
    // Fewer cases per resident rank first: the rates are negated.
    rates.push_back({out.children[i].residents, {-a.by_part[i].cases, -a.by_part[i].loss_fen, 0}});
  }
  const auto ranks = domain::rank_by_rates(rates);
  for (size_t i = 0; i < out.children.size(); ++i) {
    out.children[i].rank = ranks[i];
    // Only a unit with cases is among the bottom three.
    out.children[i].rank.bottom = ranks[i].bottom && a.by_part[i].cases > 0;
  }
  out.trace = a.trace;
  out.large_cases = a.large_cases;
  {
    auto lease = ctx_.db.read();
    store::OrgStore units(*lease);
    for (const auto& [id, sums] : a.inside_system) {
      if (auto unit = units.find(id)) {
        out.inside_system.emplace_back(std::move(*unit), sums);
      }
    }
  }
  out.zero_case = index_.zero_case(out.unit.path, q.period);
  return out;
}

std::vector<TrendPoint> CaseStatsService::monthly_trend(const Actor& actor,
                                                        std::optional<int64_t> unit_id,
                                                        domain::DateNumber today) {
  require(actor, Capability::kCaseRead);
  domain::OrgUnit unit;
  {
    auto lease = ctx_.db.read();
    unit = unit_in_scope(*lease, actor, unit_id);
  }
  CaseStatsQuery q;
  std::vector<TrendPoint> out;
  const int year = today / 10000;
  for (int month = 1; month <= today / 100 % 100; ++month) {
    const auto period =
        domain::period_containing(domain::PeriodKind::kMonth, year * 10000 + month * 100 + 1);
    q.period = period;
    CaseSelection now = selection_of(actor, q, unit.path);
    CaseSelection before = now;
    before.period = domain::same_period_last_year(period);
    out.push_back({period, {index_.count(now, {}).total, index_.count(before, {}).total}});
  }
  return out;
}

std::vector<CaseTargetStatus> CaseStatsService::targets(const Actor& actor,
                                                        std::optional<int64_t> unit_id) {
  require(actor, Capability::kCaseRead);
  std::vector<CaseTargetStatus> out;
  auto lease = ctx_.db.read();
  const auto unit = unit_in_scope(*lease, actor, unit_id);
  store::OrgStore units(*lease);
  const domain::DateNumber today = domain::county_day_number(ctx_.clock.now_ms());
  for (auto& t : store::CaseStore(*lease).targets_for(unit.path)) {
    const auto target_unit = units.find(t.org_unit_id);
    if (!target_unit) {
      continue;
    }
    // A target set above the actor's scope is shown for the actor's own unit.
    const std::string path = actor.can_see(target_unit->path) ? target_unit->path : unit.path;
    CaseStatsQuery q;
    q.period = t.period;
    q.high_incidence_only = t.target.scope == domain::CaseScope::kHighIncidence;
    CaseSelection now = selection_of(actor, q, path);
    CaseSelection before = now;
    before.period = domain::same_period_last_year(t.period);
    const CaseSums so_far = index_.count(now, {}).total;
    const CaseSums last_year = index_.count(before, {}).total;
    const bool loss = t.target.measure == domain::CaseMeasure::kLoss;
    const auto progress = domain::case_target_progress(
        t.target, t.period, loss ? last_year.loss_fen : last_year.cases,
        loss ? so_far.loss_fen : so_far.cases, today);
    out.push_back({std::move(t), target_unit->name, progress});
  }
  return out;
}

CaseTargetStatus CaseStatsService::create_target(const Actor& actor,
                                                 const store::CaseTargetRow& in) {
  require(actor, Capability::kCaseManage);
  if (in.target.reduction_permille < -kMaxReductionPermille ||
      in.target.reduction_permille > kMaxReductionPermille) {
    throw Error(ErrorCode::kInvalidValue, "下降比例应在 -100% 到 100% 之间", "reduction");
  }
  const int64_t id = ctx_.db.transact([&](store::Connection& c) {
    const auto unit = store::OrgStore(c).find(in.org_unit_id);
    if (!unit || !actor.can_see(unit->path)) {
      throw Error(ErrorCode::kNotFound, "组织不存在或不在您的管辖范围内", "org_unit_id");
    }
    const int64_t new_id = store::CaseStore(c).insert_target(in, ctx_.clock.now_ms());
    record_audit(c, ctx_.clock, actor,
                 {"case.target.create",
                  "case_target",
                  std::to_string(new_id),
                  unit->path,
                  {{"period", domain::period_label(in.period)},
                   {"reduction_permille", in.target.reduction_permille}}});
    return new_id;
  });
  for (auto& status : targets(actor, in.org_unit_id)) {
    if (status.target.id == id) {
      return status;
    }
  }
  throw Error(ErrorCode::kInternal, "目标已保存但无法读取");
}

void CaseStatsService::delete_target(const Actor& actor, int64_t id) {
  require(actor, Capability::kCaseManage);
  ctx_.db.transact([&](store::Connection& c) {
    store::CaseStore cases(c);
    const auto target = cases.find_target(id);
    const auto unit = target ? store::OrgStore(c).find(target->org_unit_id) : std::nullopt;
    if (!unit || !actor.can_see(unit->path)) {
      throw Error(ErrorCode::kNotFound, "目标不存在或不在您的管辖范围内");
    }
    cases.delete_target(id);
    record_audit(c, ctx_.clock, actor,
                 {"case.target.delete", "case_target", std::to_string(id), unit->path, {}});
  });
}

}  // namespace fanzha::service
