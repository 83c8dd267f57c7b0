// Subtree and is-under queries on a 100k-unit tree (county → 20 townships → 25 villages
// each → 10 grids each → 19 village groups each = 100,521 units), through the store
// layer on the SQLite backend.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "common/clock.h"
#include "domain/org_path.h"
#include "store/migrations.h"
#include "store/org_store.h"
#include "store/sqlite/sqlite_database.h"

namespace fanzha {
namespace {

using domain::OrgKind;
using domain::OrgUnit;

constexpr int kTownships = 20;
constexpr int kVillagesPerTownship = 25;
constexpr int kGridsPerVillage = 10;
constexpr int kGroupsPerGrid = 19;

struct Tree {
  std::string dir;
  std::unique_ptr<store::SqliteDatabase> db;
  OrgUnit county, township, village, grid, group, other_village_group;
  int64_t units = 0;
};

std::string pad(int n, int width) {
  std::string s = std::to_string(n);
  return std::string(static_cast<size_t>(width) - s.size(), '0') + s;
}

Tree& tree() {
  static Tree* t = [] {
    auto* tree = new Tree;
    std::string pattern = (std::filesystem::temp_directory_path() / "fanzha-bench-XXXXXX").string();
    tree->dir = mkdtemp(pattern.data());
    tree->db = std::make_unique<store::SqliteDatabase>(tree->dir + "/bench.db");
    SystemClock clock;
    store::apply_migrations(*tree->db, clock);
    tree->db->transact([&](store::Connection& c) {
      store::OrgStore org(c);
      const int64_t now = clock.now_ms();
      tree->county = org.insert(nullptr, {"349901", "安澜县", OrgKind::kCounty}, now);
      tree->units = 1;
      for (int t = 0; t < kTownships; ++t) {
        const std::string tc = "349901" + pad(100 + t, 3);
        const OrgUnit township = org.insert(&tree->county, {tc, "乡镇", OrgKind::kTownship}, now);
        for (int v = 0; v < kVillagesPerTownship; ++v) {
          const std::string vc = tc + pad(200 + v, 3);
          const OrgUnit village = org.insert(&township, {vc, "村", OrgKind::kVillage}, now);
          for (int g = 0; g < kGridsPerVillage; ++g) {
            const std::string gc = vc + pad(100 + g, 3);
            const OrgUnit grid = org.insert(&village, {gc, "网格", OrgKind::kGrid}, now);
            for (int k = 0; k < kGroupsPerGrid; ++k) {
              const OrgUnit group = org.insert(
                  &grid,
                  {vc + pad(200 + g * kGroupsPerGrid + k, 3), "村民组", OrgKind::kVillageGroup},
                  now);
              tree->units += 1;
              if (t == 7 && v == 3 && g == 2 && k == 5) {
                tree->group = group;
              }
              if (t == 19 && v == 24 && g == 9 && k == 18) {
                tree->other_village_group = group;
              }
            }
            tree->units += 1;
            if (t == 7 && v == 3 && g == 2) {
              tree->grid = grid;
            }
          }
          tree->units += 1;
          if (t == 7 && v == 3) {
            tree->village = village;
          }
        }
        tree->units += 1;
        if (t == 7) {
          tree->township = township;
        }
      }
    });
    return tree;
  }();
  return *t;
}

// "Is A under B", the check behind every scoped request: look A up by id and compare
// its path with B's.
void BM_IsUnder(benchmark::State& state) {
  Tree& t = tree();
  auto lease = t.db->read();
  store::OrgStore org(*lease);
  const bool expect_inside = state.range(0) == 1;
  const int64_t a = expect_inside ? t.group.id : t.other_village_group.id;
  for (auto _ : state) {
    const auto unit = org.find(a);
    const bool inside = domain::path_is_within(unit->path, t.village.path);
    if (inside != expect_inside) {
      state.SkipWithError("wrong answer");
    }
    benchmark::DoNotOptimize(inside);
  }
  state.counters["units"] = static_cast<double>(t.units);
}
BENCHMARK(BM_IsUnder)->Arg(1)->Arg(0)->Unit(benchmark::kMicrosecond);

// The prefix test alone, once both paths are known (the actor's scope is in the session).
void BM_PathIsWithin(benchmark::State& state) {
  Tree& t = tree();
  for (auto _ : state) {
    benchmark::DoNotOptimize(domain::path_is_within(t.group.path, t.village.path));
  }
}
BENCHMARK(BM_PathIsWithin)->Unit(benchmark::kNanosecond);

// All units under X, for X at each level: the time per unit returned should stay flat.
void BM_Subtree(benchmark::State& state) {
  Tree& t = tree();
  const OrgUnit* roots[] = {&t.county, &t.township, &t.village, &t.grid};
  const OrgUnit& root = *roots[state.range(0)];
  auto lease = t.db->read();
  store::OrgStore org(*lease);
  int64_t rows = 0;
  for (auto _ : state) {
    const auto page = org.subtree(root.path, std::nullopt, 200000, 0);
    rows = static_cast<int64_t>(page.units.size());
    benchmark::DoNotOptimize(page);
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["us_per_row"] = benchmark::Counter(
      static_cast<double>(rows) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert, benchmark::Counter::OneK::kIs1000);
  state.SetLabel(std::string(domain::org_kind_key(root.kind)));
}
BENCHMARK(BM_Subtree)->DenseRange(0, 3)->Unit(benchmark::kMillisecond);

// Children of a unit (one tree level, as the tree page loads it).
void BM_Children(benchmark::State& state) {
  Tree& t = tree();
  auto lease = t.db->read();
  store::OrgStore org(*lease);
  const OrgUnit& parent = state.range(0) == 0 ? t.county : t.grid;
  for (auto _ : state) {
    benchmark::DoNotOptimize(org.children(parent.id, false));
  }
  state.SetLabel(std::string(domain::org_kind_key(parent.kind)));
}
BENCHMARK(BM_Children)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace fanzha

BENCHMARK_MAIN();
