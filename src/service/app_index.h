// The app figures' working set in memory: the org units (id, path, kind, village), every
// person (where they live, their unit or class, their birth date, whether a phone is on
// file) and every observation of their app status. Read once from the database; when
// the app change counter moves, only the observations appended since are read (app_fact
// rows are never changed), and everything again when people or settings changed (the
// 'app_people' counter) or the tree was moved (the auth epoch). Counting a county of a million
// people as of any instant is then one pass over arrays, and the results of recent questions are
// cached. Thread-safe; snapshots are immutable and may be kept after the index reloads.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/app_status.h"
#include "domain/spot_check.h"
#include "service/context.h"
#include "store/app_store.h"

namespace fanzha::service {

struct AppCounts {
  int64_t population = 0;
  int64_t installed = 0;
  int64_t registered = 0;
  int64_t alerts_on = 0;
  int64_t alerts_lapsed = 0;
  int64_t installed_strong = 0;
  int64_t registered_strong = 0;
  int64_t alerts_on_strong = 0;

  AppCounts& operator+=(const AppCounts& o);
  bool operator==(const AppCounts&) const = default;
  // The count of one fact (strong: only observations made with a strong method).
  int64_t of(domain::AppFact fact, bool strong = false) const;
};

using PopulationCounts = std::array<AppCounts, 3>;  // by domain::AppPopulation
PopulationCounts& operator+=(PopulationCounts& a, const PopulationCounts& b);

// The org units as the index knows them (dense indexes into these vectors).
struct AppUnits {
  std::vector<int64_t> ids;
  std::vector<std::string> paths;
  std::vector<int32_t> village;  // the village/community at or above the unit, or -1
  std::unordered_map<int64_t, int32_t> index_of;
};

// Counts of every unit as of one instant: people aged 16–60 are counted at the unit they
// live in; staff and students at their linked unit or class.
struct AppSnapshot {
  int64_t at = 0;
  std::shared_ptr<const AppUnits> units;
  std::vector<std::pair<int32_t, PopulationCounts>> by_unit;  // units with anyone counted

  // The sum over the units within `path`.
  PopulationCounts within(std::string_view path) const;
  // The sums over the units within each child of the unit at `parent_path` (parallel to
  // `child_ids`).
  std::vector<PopulationCounts> per_child(std::string_view parent_path,
                                          std::span<const int64_t> child_ids) const;
};

class AppIndex {
 public:
  explicit AppIndex(ServiceContext context) : ctx_(context) {}

  // Counts as of `at` (epoch ms).
  std::shared_ptr<const AppSnapshot> snapshot(int64_t at);

  // Registrations brought by each promoter (user id → people) in (from, to]: each
  // person counts once, for the promoter of their first registration that had one.
  std::unordered_map<int64_t, int64_t> promotions(int64_t from, int64_t to);

  // Roster entries that a spot check may call: people living within `path` with a phone
  // on file whose status as of `at` says installed on a weak method's word (a roster, a
  // self-report) — strong observations need no call. One stratum per village.
  std::vector<domain::Stratum> roster_entries(std::string_view path, int64_t at);

 private:
  struct Promotion;
  struct Base;
  struct Data;
  std::shared_ptr<const Data> current();
  std::shared_ptr<const Data> load(store::AppStore::Versions versions) const;
  // `data` with the observations appended since; nullptr when a full load is needed.
  std::shared_ptr<const Data> append(const Data& data, int64_t version) const;
  std::shared_ptr<const AppSnapshot> compute(const Data& data, int64_t at) const;

  ServiceContext ctx_;
  std::mutex mutex_;
  std::shared_ptr<const Data> data_;
  uint64_t loaded_epoch_ = 0;
  std::map<int64_t, std::shared_ptr<const AppSnapshot>> cache_;
};

}  // namespace fanzha::service
