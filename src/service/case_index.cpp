#include "service/case_index.h"

#include <algorithm>
#include <unordered_map>

#include "domain/calendar.h"
#include "domain/org_path.h"
#include "store/app_store.h"
#include "store/case_store.h"

namespace fanzha::service {

// Named (not anonymous) because CaseIndex::Data holds these.
namespace case_index_detail {

constexpr int32_t kNoUnit = -1;
constexpr uint8_t kInsideSystemFlag = 1;
constexpr uint32_t kTraceBitCount = 13;  // domain::back_trace_bits uses bits 0–12

struct CaseFact {
  int64_t id = 0;
  int32_t day = 0;          // domain::day_index of the county day
  int32_t place = 0;        // unit rank (see Data::paths)
  int32_t victim_unit = 0;  // unit rank, or kNoUnit
  uint8_t type = 0;
  uint8_t group = 0;
  uint8_t channel = 0;
  uint8_t flags = 0;
  uint32_t trace_bits = 0;
  int64_t loss_fen = 0;
  int64_t stopped_fen = 0;
  int64_t returned_fen = 0;
};

// The ranks [first, last) of the units within `path`.
struct RankRange {
  int32_t first = 0;
  int32_t last = 0;
  bool contains(int32_t rank) const { return rank >= first && rank < last; }
};

}  // namespace case_index_detail

using case_index_detail::CaseFact;
using case_index_detail::kInsideSystemFlag;
using case_index_detail::kNoUnit;
using case_index_detail::kTraceBitCount;
using case_index_detail::RankRange;

struct CaseIndex::Population {
  std::vector<int64_t> people_before;  // people of the units of rank < r
};

// The org units in path order; shared by the Data that appends to one another.
struct CaseUnits {
  std::vector<std::string> paths;  // every unit's path, sorted: a subtree is a range
  std::vector<int64_t> ids;        // parallel to paths
  std::vector<domain::OrgKind> kinds;
  std::unordered_map<int64_t, int32_t> rank_of;
};

struct CaseIndex::Data {
  std::shared_ptr<const CaseUnits> units;
  std::vector<CaseFact> facts;  // sorted by day
  // The largest case id and the latest update read: what changed since is read next.
  int64_t max_id = 0;
  int64_t max_updated_at = 0;

  RankRange range(std::string_view path) const {
    const auto& paths = units->paths;
    const auto lo = std::lower_bound(paths.begin(), paths.end(), path);
    const auto hi = std::lower_bound(lo, paths.end(), domain::path_upper_bound(path));
    return {static_cast<int32_t>(lo - paths.begin()), static_cast<int32_t>(hi - paths.begin())};
  }
  int32_t rank(std::optional<int64_t> unit_id) const {
    const auto& rank_of = units->rank_of;
    const auto it = unit_id ? rank_of.find(*unit_id) : rank_of.end();
    return it == rank_of.end() ? kNoUnit : it->second;
  }

  // A row as the index keeps it; notes the marks.
  CaseFact fact_of(const store::CaseFactRow& r) {
    CaseFact f;
    f.id = r.id;
    f.day = static_cast<int32_t>(domain::day_index(r.occurred_day));
    f.place = rank(r.org_unit_id);
    f.victim_unit = rank(r.victim_unit_id);
    f.type = static_cast<uint8_t>(r.fraud_type);
    f.group = static_cast<uint8_t>(r.victim_group);
    f.channel = static_cast<uint8_t>(r.channel);
    f.flags = r.inside_system ? kInsideSystemFlag : 0;
    f.trace_bits = r.trace_bits;
    f.loss_fen = r.loss_fen;
    f.stopped_fen = r.stopped_fen;
    f.returned_fen = r.returned_fen;
    max_id = std::max(max_id, r.id);
    max_updated_at = std::max(max_updated_at, r.updated_at);
    return f;
  }

  // The facts of the days [first, last].
  std::span<const CaseFact> days(domain::DateNumber first, domain::DateNumber last) const {
    const auto lo_day = static_cast<int32_t>(domain::day_index(first));
    const auto hi_day = static_cast<int32_t>(domain::day_index(last));
    const auto lo = std::lower_bound(facts.begin(), facts.end(), lo_day,
                                     [](const CaseFact& f, int32_t d) { return f.day < d; });
    const auto hi = std::upper_bound(lo, facts.end(), hi_day,
                                     [](int32_t d, const CaseFact& f) { return d < f.day; });
    return {lo, hi};
  }
};

namespace {

bool selected(const CaseSelection& s, const RankRange& scope, const CaseFact& f) {
  if (s.victim_unit_only ? !scope.contains(f.victim_unit)
                         : !(scope.contains(f.place) || scope.contains(f.victim_unit))) {
    return false;
  }
  const auto type = static_cast<domain::FraudType>(f.type);
  if (s.fraud_type && *s.fraud_type != type) {
    return false;
  }
  if (s.high_incidence_only && !domain::is_high_incidence(type)) {
    return false;
  }
  if (s.victim_group && static_cast<uint8_t>(*s.victim_group) != f.group) {
    return false;
  }
  return !s.channel || static_cast<uint8_t>(*s.channel) == f.channel;
}

}  // namespace

std::shared_ptr<const CaseIndex::Data> CaseIndex::load() const {
  auto data = std::make_shared<Data>();
  auto lease = ctx_.db.read();
  struct Unit {
    std::string path;
    int64_t id;
    domain::OrgKind kind;
  };
  std::vector<Unit> units;
  store::AppStore(*lease).scan_units([&](int64_t id, std::string_view path, domain::OrgKind kind) {
    units.push_back({std::string(path), id, kind});
  });
  std::sort(units.begin(), units.end(),
            [](const Unit& a, const Unit& b) { return a.path < b.path; });
  auto sorted = std::make_shared<CaseUnits>();
  for (const auto& u : units) {
    sorted->rank_of.emplace(u.id, static_cast<int32_t>(sorted->paths.size()));
    sorted->paths.push_back(u.path);
    sorted->ids.push_back(u.id);
    sorted->kinds.push_back(u.kind);
  }
  data->units = std::move(sorted);
  store::CaseStore(*lease).scan_facts(
      [&](const store::CaseFactRow& r) { data->facts.push_back(data->fact_of(r)); });
  std::stable_sort(data->facts.begin(), data->facts.end(),
                   [](const CaseFact& a, const CaseFact& b) { return a.day < b.day; });
  return data;
}

std::shared_ptr<const CaseIndex::Population> CaseIndex::load_population(const Data& data) const {
  auto population = std::make_shared<Population>();
  population->people_before.assign(data.units->paths.size() + 1, 0);
  auto lease = ctx_.db.read();
  auto s = lease->prepare("SELECT org_unit_id, people FROM unit_population");
  while (s->step()) {
    const auto it = data.units->rank_of.find(s->get_int(0));
    if (it != data.units->rank_of.end()) {
      population->people_before[static_cast<size_t>(it->second) + 1] += s->get_int(1);
    }
  }
  for (size_t r = 1; r < population->people_before.size(); ++r) {
    population->people_before[r] += population->people_before[r - 1];
  }
  return population;
}

int64_t CaseIndex::residents(std::string_view path) {
  const auto data = current();
  int64_t version = 0;
  {
    auto lease = ctx_.db.read();
    version = store::AppStore(*lease).versions().people;
  }
  std::shared_ptr<const Population> population;
  {
    std::lock_guard lock(mutex_);
    if (!population_ || version != population_version_ || population_of_ != data->units) {
      population_ = load_population(*data);
      population_version_ = version;
      population_of_ = data->units;
    }
    population = population_;
  }
  const RankRange range = data->range(path);
  return population->people_before[static_cast<size_t>(range.last)] -
         population->people_before[static_cast<size_t>(range.first)];
}

std::shared_ptr<const CaseIndex::Data> CaseIndex::append(const Data& data) const {
  auto next = std::make_shared<Data>(data);
  std::vector<CaseFact> changed;
  {
    auto lease = ctx_.db.read();
    store::CaseStore(*lease).scan_facts(
        [&](const store::CaseFactRow& r) { changed.push_back(next->fact_of(r)); }, data.max_id,
        data.max_updated_at);
  }
  // Updated cases leave their old row; then the changed rows merge in by day.
  std::vector<int64_t> ids;
  for (const auto& f : changed) {
    ids.push_back(f.id);
  }
  std::sort(ids.begin(), ids.end());
  auto& facts = next->facts;
  facts.erase(std::remove_if(facts.begin(), facts.end(),
                             [&](const CaseFact& f) {
                               return std::binary_search(ids.begin(), ids.end(), f.id);
                             }),
              facts.end());
  const auto by_day = [](const CaseFact& a, const CaseFact& b) { return a.day < b.day; };
  std::stable_sort(changed.begin(), changed.end(), by_day);
  const auto middle = static_cast<std::ptrdiff_t>(facts.size());
  facts.insert(facts.end(), changed.begin(), changed.end());
  std::inplace_merge(facts.begin(), facts.begin() + middle, facts.end(), by_day);
  return next;
}

std::shared_ptr<const CaseIndex::Data> CaseIndex::current() {
  int64_t version = 0;
  {
    auto lease = ctx_.db.read();
    version = store::CaseStore(*lease).version();
  }
  const uint64_t epoch = ctx_.auth_epoch.current();
  std::lock_guard lock(mutex_);
  if (!data_ || epoch != loaded_epoch_) {
    data_ = load();
  } else if (version != loaded_version_) {
    data_ = append(*data_);  // only cases were written: read what changed
  }
  loaded_version_ = version;
  loaded_epoch_ = epoch;
  return data_;
}

CaseFigures CaseIndex::count(const CaseSelection& s, const CaseCountOptions& options) {
  const auto data = current();
  const RankRange scope = data->range(s.path);
  // The part of every unit rank in scope (-1: none), so a case finds its part at once.
  std::vector<int16_t> part_of_rank(static_cast<size_t>(scope.last - scope.first), -1);
  for (size_t i = 0; i < s.parts.size(); ++i) {
    const RankRange part = data->range(s.parts[i]);
    for (int32_t r = std::max(part.first, scope.first); r < std::min(part.last, scope.last); ++r) {
      auto& slot = part_of_rank[static_cast<size_t>(r - scope.first)];
      slot = slot < 0 ? static_cast<int16_t>(i) : slot;
    }
  }
  const auto part_of = [&](int32_t rank) -> int {
    return scope.contains(rank) ? part_of_rank[static_cast<size_t>(rank - scope.first)] : -1;
  };
  CaseFigures out;
  out.by_part.resize(s.parts.size());
  std::vector<int64_t> traces(size_t{1} << kTraceBitCount, 0);
  std::unordered_map<int32_t, CaseSums> inside;
  for (const CaseFact& f : data->days(s.period.first, s.period.last)) {
    if (!selected(s, scope, f)) {
      continue;
    }
    out.total.add(f.loss_fen, f.stopped_fen, f.returned_fen);
    out.by_type[f.type].add(f.loss_fen, f.stopped_fen, f.returned_fen);
    out.by_group[f.group].add(f.loss_fen, f.stopped_fen, f.returned_fen);
    out.by_channel[f.channel].add(f.loss_fen, f.stopped_fen, f.returned_fen);
    // By place first, else by the victim's unit.
    int part = part_of(f.place);
    part = part >= 0 ? part : part_of(f.victim_unit);
    if (part >= 0) {
      out.by_part[static_cast<size_t>(part)].add(f.loss_fen, f.stopped_fen, f.returned_fen);
    }
    ++traces[f.trace_bits & ((1U << kTraceBitCount) - 1)];
    out.large_cases += f.loss_fen >= options.large_case_fen ? 1 : 0;
    if ((f.flags & kInsideSystemFlag) != 0 && scope.contains(f.victim_unit)) {
      inside[f.victim_unit].add(f.loss_fen, f.stopped_fen, f.returned_fen);
    }
  }
  for (size_t bits = 0; bits < traces.size(); ++bits) {
    if (traces[bits] > 0) {
      out.trace.add(domain::back_trace_from_bits(static_cast<uint32_t>(bits), std::nullopt),
                    traces[bits]);
    }
  }
  for (const auto& [rank, sums] : inside) {
    out.inside_system.emplace_back(data->units->ids[static_cast<size_t>(rank)], sums);
  }
  std::sort(out.inside_system.begin(), out.inside_system.end(), [](const auto& a, const auto& b) {
    return a.second.cases > b.second.cases ||
           (a.second.cases == b.second.cases && a.first < b.first);
  });
  return out;
}

std::vector<CaseSums> CaseIndex::daily(const CaseSelection& s, domain::DateNumber first,
                                       domain::DateNumber last) {
  const auto data = current();
  const RankRange scope = data->range(s.path);
  const int64_t base = domain::day_index(first);
  std::vector<CaseSums> out(
      static_cast<size_t>(std::max<int64_t>(0, domain::day_index(last) - base + 1)));
  for (const CaseFact& f : data->days(first, last)) {
    if (selected(s, scope, f)) {
      out[static_cast<size_t>(f.day - base)].add(f.loss_fen, f.stopped_fen, f.returned_fen);
    }
  }
  return out;
}

ZeroCaseCounts CaseIndex::zero_case(std::string_view path, const domain::Period& period) {
  const auto data = current();
  const RankRange scope = data->range(path);
  // marked_before[r]: how many units of rank < r had a case (by place or victim).
  std::vector<int32_t> marked_before(data->units->paths.size() + 1, 0);
  for (const CaseFact& f : data->days(period.first, period.last)) {
    for (const int32_t rank : {f.place, f.victim_unit}) {
      if (rank != kNoUnit) {
        marked_before[static_cast<size_t>(rank) + 1] = 1;
      }
    }
  }
  for (size_t r = 1; r < marked_before.size(); ++r) {
    marked_before[r] += marked_before[r - 1];
  }
  ZeroCaseCounts out;
  for (int32_t r = scope.first; r < scope.last; ++r) {
    using K = domain::OrgKind;
    const K kind = data->units->kinds[static_cast<size_t>(r)];
    ZeroCaseCount* group = nullptr;
    if (kind == K::kVillage || kind == K::kCommunity) {
      group = &out.villages;
    } else if (kind == K::kDepartment || kind == K::kBankBranch || kind == K::kTelecomShop ||
               kind == K::kEnterprise) {
      group = &out.units;
    } else if (kind == K::kSchool || kind == K::kCollege) {
      group = &out.schools;
    }
    if (group == nullptr) {
      continue;
    }
    const RankRange own = data->range(data->units->paths[static_cast<size_t>(r)]);
    ++group->total;
    group->zero += marked_before[static_cast<size_t>(own.last)] ==
                           marked_before[static_cast<size_t>(own.first)]
                       ? 1
                       : 0;
  }
  return out;
}

}  // namespace fanzha::service
