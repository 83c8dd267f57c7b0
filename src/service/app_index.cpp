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

struct AppIndex::Data {
  int64_t version = 0;
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
  std::vector<AppObservation> facts;  // grouped by person
  struct Promotion {
    int64_t at = 0;
    int64_t promoter = 0;
  };
  std::vector<Promotion> promotions;  // each person's first registration brought by someone

  std::span<const AppObservation> facts_of(const Person& p) const {
    return {facts.data() + p.first_fact, p.facts};
  }
};

int AppIndex::lapse_days() { return current()->lapse_days; }

std::shared_ptr<const AppIndex::Data> AppIndex::current() {
  int64_t version = 0;
  {
    auto lease = ctx_.db.read();
    version = store::AppStore(*lease).version();
  }
  const uint64_t epoch = ctx_.auth_epoch.current();
  std::lock_guard lock(mutex_);
  if (!data_ || data_->version != version || loaded_epoch_ != epoch) {
    data_ = load(version);
    loaded_epoch_ = epoch;
    cache_.clear();
  }
  return data_;
}

std::shared_ptr<const AppIndex::Data> AppIndex::load(int64_t version) const {
  const auto started = std::chrono::steady_clock::now();
  auto lease = ctx_.db.read();
  store::AppStore store(*lease);
  auto data = std::make_shared<Data>();
  data->version = version;
  data->lapse_days = load_app_settings(store).alerts_lapse_days;

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

  std::vector<int32_t> person_of_id;  // person id → index (ids are dense row ids)
  store.scan_people([&](const store::AppPersonRow& row) {
    if (static_cast<size_t>(row.id) >= person_of_id.size()) {
      person_of_id.resize(static_cast<size_t>(row.id) + 1, -1);
    }
    person_of_id[static_cast<size_t>(row.id)] = static_cast<int32_t>(data->people.size());
    Data::Person p;
    p.id = row.id;
    p.unit = unit_index(row.org_unit_id);
    p.link = row.link_unit_id ? unit_index(*row.link_unit_id) : kNoUnit;
    p.role = row.link_role;
    p.has_phone = row.has_phone;
    p.birth = row.birth_date;
    data->people.push_back(p);
  });

  // Observations grouped per person by a counting sort.
  struct Loose {
    int32_t person;
    AppObservation observation;
    int64_t promoter;
  };
  std::vector<Loose> loose;
  store.scan_facts(
      [&](int64_t person_id, const AppObservation& o, std::optional<int64_t> promoter) {
        const auto index = static_cast<size_t>(person_id);
        if (person_id >= 0 && index < person_of_id.size() && person_of_id[index] >= 0) {
          loose.push_back({person_of_id[index], o, promoter.value_or(0)});
        }
      });
  for (const auto& l : loose) {
    ++data->people[static_cast<size_t>(l.person)].facts;
  }
  uint32_t offset = 0;
  for (auto& p : data->people) {
    p.first_fact = offset;
    offset += p.facts;
    p.facts = 0;
  }
  data->facts.resize(loose.size());
  std::vector<Data::Promotion> first(data->people.size(), {INT64_MAX, 0});
  for (const auto& l : loose) {
    auto& p = data->people[static_cast<size_t>(l.person)];
    data->facts[p.first_fact + p.facts++] = l.observation;
    auto& promotion = first[static_cast<size_t>(l.person)];
    if (l.promoter != 0 && l.observation.fact == domain::AppFact::kRegistered &&
        l.observation.value && l.observation.observed_at < promotion.at) {
      promotion = {l.observation.observed_at, l.promoter};
    }
  }
  for (const auto& promotion : first) {
    if (promotion.at != INT64_MAX) {
      data->promotions.push_back(promotion);
    }
  }
  data->units = std::move(units);
  spdlog::info("app index loaded: {} units, {} people, {} observations, version {} ({} ms)",
               data->units->ids.size(), data->people.size(), data->facts.size(), version,
               std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - started)
                   .count());
  return data;
}

std::shared_ptr<const AppSnapshot> AppIndex::compute(const Data& data, int64_t at) const {
  const domain::DateNumber day = domain::county_day_number(at);
  std::vector<PopulationCounts> counts(data.units->ids.size());
  for (const auto& p : data.people) {
    const bool key_age = p.unit != kNoUnit && domain::in_key_age_group(p.birth, day);
    const bool linked = p.link != kNoUnit && (p.role == domain::LinkRole::kStaff ||
                                              p.role == domain::LinkRole::kStudent);
    if (!key_age && !linked) {
      continue;
    }
    const domain::AppState state = domain::app_state_as_of(data.facts_of(p), at, data.lapse_days);
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
  snapshot->units = data.units;
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
  for (const auto& promotion : data->promotions) {
    if (promotion.at > from && promotion.at <= to) {
      ++out[promotion.promoter];
    }
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
  std::unordered_map<int32_t, size_t> stratum_of_village;
  std::vector<domain::Stratum> strata;
  for (const auto& p : data->people) {
    if (p.unit == kNoUnit || !p.has_phone) {
      continue;
    }
    const int32_t village = data->units->village[static_cast<size_t>(p.unit)];
    if (village == kNoUnit ||
        !domain::path_is_within(data->units->paths[static_cast<size_t>(p.unit)], path)) {
      continue;
    }
    const auto state = domain::app_state_as_of(data->facts_of(p), at, data->lapse_days);
    if (!state.installed || state.installed_strong) {
      continue;
    }
    auto [it, inserted] = stratum_of_village.emplace(village, strata.size());
    if (inserted) {
      strata.push_back({data->units->ids[static_cast<size_t>(village)], {}});
    }
    strata[it->second].items.push_back(p.id);
  }
  return strata;
}

}  // namespace fanzha::service
