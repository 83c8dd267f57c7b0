#include "service/app_index.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <climits>

#include "domain/org_path.h"
#include "domain/visit.h"
#include "service/app_settings.h"
#include "store/app_store.h"

namespace fanzha::service {

using domain::AppObservation;
using domain::AppPopulation;

namespace {

constexpr size_t kCacheEntries = 32;
// Observations appended to a loaded base before the next full load.
constexpr size_t kMaxAppended = 200'000;
constexpr int32_t kNoUnit = -1;

// The id of the child of the unit at `parent_path` that `path` lies in (0 when `path` is
// the parent itself or outside it).
int64_t child_id_within(std::string_view path, std::string_view parent_path) {
  if (path.size() <= parent_path.size() || !path.starts_with(parent_path)) {
    return 0;
  }
  int64_t id = 0;
  for (size_t i = parent_path.size(); i < path.size() && path[i] != '/'; ++i) {
    id = id * 10 + (path[i] - '0');
  }
  return id;
}

void add_state(AppCounts& c, const domain::AppState& s) {
  c.population += 1;
  c.installed += s.installed;
  c.registered += s.registered;
  c.alerts_on += s.alerts_on;
  c.alerts_lapsed += s.alerts_lapsed;
  c.installed_strong += s.installed_strong;
  c.registered_strong += s.registered_strong;
  c.alerts_on_strong += s.alerts_on_strong;
}

}  // namespace

AppCounts& AppCounts::operator+=(const AppCounts& o) {
  population += o.population;
  installed += o.installed;
  registered += o.registered;
  alerts_on += o.alerts_on;
  alerts_lapsed += o.alerts_lapsed;
  installed_strong += o.installed_strong;
  registered_strong += o.registered_strong;
  alerts_on_strong += o.alerts_on_strong;
  return *this;
}

int64_t AppCounts::of(domain::AppFact fact, bool strong) const {
  switch (fact) {
    case domain::AppFact::kInstalled:
      return strong ? installed_strong : installed;
    case domain::AppFact::kRegistered:
      return strong ? registered_strong : registered;
    case domain::AppFact::kAlertsOn:
      return strong ? alerts_on_strong : alerts_on;
  }
  return 0;
}

PopulationCounts& operator+=(PopulationCounts& a, const PopulationCounts& b) {
  for (size_t i = 0; i < a.size(); ++i) {
    a[i] += b[i];
  }
  return a;
}

PopulationCounts AppSnapshot::within(std::string_view path) const {
  PopulationCounts sum{};
  for (const auto& [unit, counts] : by_unit) {
    if (domain::path_is_within(units->paths[static_cast<size_t>(unit)], path)) {
      sum += counts;
    }
  }
  return sum;
}

std::vector<PopulationCounts> AppSnapshot::per_child(std::string_view parent_path,
                                                     std::span<const int64_t> child_ids) const {
  std::unordered_map<int64_t, size_t> position;
  for (size_t i = 0; i < child_ids.size(); ++i) {
    position.emplace(child_ids[i], i);
  }
  std::vector<PopulationCounts> out(child_ids.size());
  for (const auto& [unit, counts] : by_unit) {
    const int64_t child = child_id_within(units->paths[static_cast<size_t>(unit)], parent_path);
    if (auto it = position.find(child); it != position.end()) {
      out[it->second] += counts;
    }
  }
  return out;
}

struct AppIndex::Promotion {
  int64_t at = INT64_MAX;  // none
  int64_t promoter = 0;
};

// What a full load reads: the units, the people and every observation up to
// `last_fact_id`, grouped per person, with each person's first promoted registration.
struct AppIndex::Base {
  int64_t people_version = 0;
  int lapse_days = domain::kDefaultAlertsLapseDays;
  std::shared_ptr<const AppUnits> units;
  struct Person {
    int64_t id = 0;
    int32_t unit = kNoUnit;
    int32_t link = kNoUnit;
    domain::LinkRole role = domain::LinkRole::kNone;
    bool has_phone = false;
    domain::DateNumber birth = 0;
    uint32_t first_fact = 0;
    uint32_t facts = 0;
  };
  std::vector<Person> people;
  std::vector<AppObservation> facts;
  std::vector<int32_t> person_of_id;  // person id → index (ids are dense row ids), -1 none
  std::vector<Promotion> promotion;   // per person
  int64_t last_fact_id = 0;

  int32_t index_of(int64_t person_id) const {
    const auto i = static_cast<size_t>(person_id);
    return person_id >= 0 && i < person_of_id.size() ? person_of_id[i] : -1;
  }
};

// The base and the observations appended since it was loaded (app_fact rows are only
// ever appended; a change to people or settings makes a new base).
struct AppIndex::Data {
  int64_t version = 0;
  std::shared_ptr<const Base> base;
  std::unordered_map<int32_t, std::vector<AppObservation>> appended;  // by person index
  std::vector<bool> has_appended;
  std::unordered_map<int32_t, Promotion> promotion;  // first promotions among the appended
  size_t appended_count = 0;
  int64_t last_fact_id = 0;

  // Person `i`'s observations in id order; `scratch` holds them when some were appended.
  std::span<const AppObservation> facts_of(size_t i, std::vector<AppObservation>& scratch) const {
    const auto& p = base->people[i];
    const std::span<const AppObservation> loaded(base->facts.data() + p.first_fact, p.facts);
    if (!has_appended[i]) {
      return loaded;
    }
    const auto& more = appended.at(static_cast<int32_t>(i));
    scratch.assign(loaded.begin(), loaded.end());
    scratch.insert(scratch.end(), more.begin(), more.end());
    return scratch;
  }
};

std::shared_ptr<const AppIndex::Data> AppIndex::current() {
  store::AppStore::Versions versions;
  {
    auto lease = ctx_.db.read();
    versions = store::AppStore(*lease).versions();
  }
  const uint64_t epoch = ctx_.auth_epoch.current();
  std::lock_guard lock(mutex_);
  if (data_ && data_->version == versions.app && loaded_epoch_ == epoch) {
    return data_;
  }
  std::shared_ptr<const Data> next;
  if (data_ && data_->base->people_version == versions.people && loaded_epoch_ == epoch) {
    next = append(*data_, versions.app);
  }
  if (!next) {
    next = load(versions);
  }
  data_ = std::move(next);
  loaded_epoch_ = epoch;
  cache_.clear();
  return data_;
}

std::shared_ptr<const AppIndex::Data> AppIndex::append(const Data& data, int64_t version) const {
  auto next = std::make_shared<Data>(data);
  next->version = version;
  bool reload = false;
  auto lease = ctx_.db.read();
  store::AppStore(*lease).scan_facts_after(
      data.last_fact_id,
      [&](int64_t id, int64_t person_id, const AppObservation& o, std::optional<int64_t> promoter) {
        next->last_fact_id = id;
        const int32_t i = data.base->index_of(person_id);
        if (i < 0) {
          reload = true;  // a person the base does not know
          return;
        }
        next->appended[i].push_back(o);
        next->has_appended[static_cast<size_t>(i)] = true;
        ++next->appended_count;
        if (!promoter || o.fact != domain::AppFact::kRegistered || !o.value) {
          return;
        }
        // Each person counts once, for their first promoted registration.
        const auto& loaded = data.base->promotion[static_cast<size_t>(i)];
        if (loaded.at != INT64_MAX) {
          reload = reload || o.observed_at < loaded.at;  // an earlier one, recorded late
          return;
        }
        auto [it, inserted] = next->promotion.try_emplace(i, Promotion{o.observed_at, *promoter});
        if (!inserted && o.observed_at < it->second.at) {
          it->second = {o.observed_at, *promoter};
        }
      });
  if (reload || next->appended_count > kMaxAppended) {
    return nullptr;
  }
  return next;
}

std::shared_ptr<const AppIndex::Data> AppIndex::load(store::AppStore::Versions versions) const {
  const auto started = std::chrono::steady_clock::now();
  auto lease = ctx_.db.read();
  store::AppStore store(*lease);
  auto base = std::make_shared<Base>();
  base->people_version = versions.people;
  base->lapse_days = load_app_settings(store).alerts_lapse_days;

  auto units = std::make_shared<AppUnits>();
  std::vector<domain::OrgKind> kinds;
  store.scan_units([&](int64_t id, std::string_view path, domain::OrgKind kind) {
    units->index_of.emplace(id, static_cast<int32_t>(units->ids.size()));
    units->ids.push_back(id);
    units->paths.emplace_back(path);
    kinds.push_back(kind);
  });
  units->village.assign(units->ids.size(), kNoUnit);
  for (size_t i = 0; i < units->ids.size(); ++i) {
    const auto ids = domain::path_ids(units->paths[i]);
    for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
      const auto found = units->index_of.find(*it);
      if (found == units->index_of.end()) {
        continue;
      }
      const auto kind = kinds[static_cast<size_t>(found->second)];
      if (kind == domain::OrgKind::kVillage || kind == domain::OrgKind::kCommunity) {
        units->village[i] = found->second;
        break;
      }
    }
  }
  auto unit_index = [&](int64_t id) {
    const auto it = units->index_of.find(id);
    return it == units->index_of.end() ? kNoUnit : it->second;
  };

  store.scan_people([&](const store::AppPersonRow& row) {
    if (static_cast<size_t>(row.id) >= base->person_of_id.size()) {
      base->person_of_id.resize(static_cast<size_t>(row.id) + 1, -1);
    }
    base->person_of_id[static_cast<size_t>(row.id)] = static_cast<int32_t>(base->people.size());
    Base::Person p;
    p.id = row.id;
    p.unit = unit_index(row.org_unit_id);
    p.link = row.link_unit_id ? unit_index(*row.link_unit_id) : kNoUnit;
    p.role = row.link_role;
    p.has_phone = row.has_phone;
    p.birth = row.birth_date;
    base->people.push_back(p);
  });

  // Observations grouped per person by a counting sort (keeping id order).
  struct Loose {
    int32_t person;
    AppObservation observation;
    int64_t promoter;
  };
  std::vector<Loose> loose;
  store.scan_facts_after(0, [&](int64_t id, int64_t person_id, const AppObservation& o,
                                std::optional<int64_t> promoter) {
    base->last_fact_id = id;
    if (const int32_t i = base->index_of(person_id); i >= 0) {
      loose.push_back({i, o, promoter.value_or(0)});
    }
  });
  for (const auto& l : loose) {
    ++base->people[static_cast<size_t>(l.person)].facts;
  }
  uint32_t offset = 0;
  for (auto& p : base->people) {
    p.first_fact = offset;
    offset += p.facts;
    p.facts = 0;
  }
  base->facts.resize(loose.size());
  base->promotion.assign(base->people.size(), {});
  for (const auto& l : loose) {
    auto& p = base->people[static_cast<size_t>(l.person)];
    base->facts[p.first_fact + p.facts++] = l.observation;
    auto& promotion = base->promotion[static_cast<size_t>(l.person)];
    if (l.promoter != 0 && l.observation.fact == domain::AppFact::kRegistered &&
        l.observation.value && l.observation.observed_at < promotion.at) {
      promotion = {l.observation.observed_at, l.promoter};
    }
  }
  base->units = std::move(units);
  auto data = std::make_shared<Data>();
  data->version = versions.app;
  data->has_appended.assign(base->people.size(), false);
  data->last_fact_id = base->last_fact_id;
  spdlog::info("app index loaded: {} units, {} people, {} observations, version {} ({} ms)",
               base->units->ids.size(), base->people.size(), base->facts.size(), versions.app,
               std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - started)
                   .count());
  data->base = std::move(base);
  return data;
}

std::shared_ptr<const AppSnapshot> AppIndex::compute(const Data& data, int64_t at) const {
  const domain::DateNumber day = domain::county_day_number(at);
  const Base& base = *data.base;
  std::vector<PopulationCounts> counts(base.units->ids.size());
  std::vector<AppObservation> scratch;
  for (size_t i = 0; i < base.people.size(); ++i) {
    const auto& p = base.people[i];
    const bool key_age = p.unit != kNoUnit && domain::in_key_age_group(p.birth, day);
    const bool linked = p.link != kNoUnit && (p.role == domain::LinkRole::kStaff ||
                                              p.role == domain::LinkRole::kStudent);
    if (!key_age && !linked) {
      continue;
    }
    const domain::AppState state =
        domain::app_state_as_of(data.facts_of(i, scratch), at, base.lapse_days);
    if (key_age) {
      add_state(counts[static_cast<size_t>(p.unit)][static_cast<size_t>(AppPopulation::kAge16To60)],
                state);
    }
    if (linked) {
      const auto population =
          p.role == domain::LinkRole::kStaff ? AppPopulation::kStaff : AppPopulation::kStudents;
      add_state(counts[static_cast<size_t>(p.link)][static_cast<size_t>(population)], state);
    }
  }
  auto snapshot = std::make_shared<AppSnapshot>();
  snapshot->at = at;
  snapshot->units = base.units;
  for (size_t i = 0; i < counts.size(); ++i) {
    const auto& c = counts[i];
    if (c[0].population || c[1].population || c[2].population) {
      snapshot->by_unit.emplace_back(static_cast<int32_t>(i), c);
    }
  }
  return snapshot;
}

std::unordered_map<int64_t, int64_t> AppIndex::promotions(int64_t from, int64_t to) {
  const auto data = current();
  std::unordered_map<int64_t, int64_t> out;
  auto count = [&](const Promotion& p) {
    if (p.at != INT64_MAX && p.at > from && p.at <= to) {
      ++out[p.promoter];
    }
  };
  for (const auto& p : data->base->promotion) {
    count(p);
  }
  for (const auto& [person, p] : data->promotion) {
    count(p);
  }
  return out;
}

std::shared_ptr<const AppSnapshot> AppIndex::snapshot(int64_t at) {
  const auto data = current();
  const int64_t key = at;
  {
    std::lock_guard lock(mutex_);
    if (data == data_) {
      if (auto it = cache_.find(key); it != cache_.end()) {
        return it->second;
      }
    }
  }
  auto snapshot = compute(*data, at);
  std::lock_guard lock(mutex_);
  if (data == data_) {
    if (cache_.size() >= kCacheEntries) {
      cache_.erase(cache_.begin());
    }
    cache_.emplace(key, snapshot);
  }
  return snapshot;
}

std::vector<domain::Stratum> AppIndex::roster_entries(std::string_view path, int64_t at) {
  const auto data = current();
  const Base& base = *data->base;
  std::unordered_map<int32_t, size_t> stratum_of_village;
  std::vector<domain::Stratum> strata;
  std::vector<AppObservation> scratch;
  for (size_t i = 0; i < base.people.size(); ++i) {
    const auto& p = base.people[i];
    if (p.unit == kNoUnit || !p.has_phone) {
      continue;
    }
    const int32_t village = base.units->village[static_cast<size_t>(p.unit)];
    if (village == kNoUnit ||
        !domain::path_is_within(base.units->paths[static_cast<size_t>(p.unit)], path)) {
      continue;
    }
    const auto state = domain::app_state_as_of(data->facts_of(i, scratch), at, base.lapse_days);
    if (!state.installed || state.installed_strong) {
      continue;
    }
    auto [it, inserted] = stratum_of_village.emplace(village, strata.size());
    if (inserted) {
      strata.push_back({base.units->ids[static_cast<size_t>(village)], {}});
    }
    strata[it->second].items.push_back(p.id);
  }
  return strata;
}

}  // namespace fanzha::service
