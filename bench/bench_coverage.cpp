// Coverage of a campaign for the county and each of its townships, on a demo county
// built with `fanzha demo --households 300000` (about 1M people, 300k households,
// 250k visits): the counters fanzha keeps (CoverageService) against a plain SQL
// GROUP BY recount from the raw household and visit rows, cold and warm.
//
//   bench_coverage DB_PATH [--cold]
// With --cold the OS page cache is dropped first (needs root) and only the first
// query of each kind is timed, each in a fresh connection.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "cli/key_file.h"
#include "common/clock.h"
#include "common/password.h"
#include "common/random.h"
#include "service/coverage_service.h"
#include "store/org_store.h"
#include "store/sqlite/sqlite_database.h"

namespace fanzha {
namespace {

using Steady = std::chrono::steady_clock;

constexpr const char* kRecountSql =
    "WITH reached AS (SELECT household_id, MAX(face_to_face) AS f2f, MAX(letter_signed) AS letter"
    "                 FROM visit WHERE campaign_id = $1 GROUP BY household_id)"
    " SELECT t.id, COUNT(*), COUNT(r.household_id), COALESCE(SUM(r.f2f), 0),"
    " COALESCE(SUM(r.letter), 0)"
    " FROM org_unit t JOIN org_unit u ON substr(u.path, 1, length(t.path)) = t.path"
    " JOIN household h ON h.org_unit_id = u.id LEFT JOIN reached r ON r.household_id = h.id"
    " WHERE t.parent_id = $2 GROUP BY t.id";

double ms_since(Steady::time_point start) {
  return std::chrono::duration<double, std::milli>(Steady::now() - start).count();
}

void drop_os_cache() {
  sync();
  std::ofstream("/proc/sys/vm/drop_caches") << "3\n";
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace
}  // namespace fanzha

int main(int argc, char** argv) {
  using namespace fanzha;
  if (argc < 2) {
    std::cerr << "usage: bench_coverage DB_PATH [--cold]\n";
    return 2;
  }
  const std::string db_path = argv[1];
  const bool cold = argc > 2 && std::string(argv[2]) == "--cold";
  if (cold) {
    drop_os_cache();
  }
  SystemClock clock;
  SystemRandom random;
  PasswordHasher hasher;
  service::AuthEpoch epoch;
  const auto pii = cli::load_or_create_key_file(cli::default_key_path(db_path), random);
  store::SqliteDatabase db(db_path);
  service::ServiceContext ctx{db, clock, random, hasher, epoch, *pii, db_path + ".files"};
  service::CoverageService coverage(ctx);
  const service::Actor system = service::system_actor("bench");
  int64_t county = 0;
  {
    auto lease = db.read();
    county = store::OrgStore(*lease).find_by_code("349901")->id;
  }
  const int64_t campaign = 1;

  auto run_counters = [&] {
    const auto start = Steady::now();
    const auto report = coverage.coverage(system, campaign, county);
    const double ms = ms_since(start);
    return std::make_pair(ms, report);
  };
  auto run_recount = [&] {
    const auto start = Steady::now();
    auto lease = db.read();
    auto s = lease->prepare(kRecountSql);
    s->bind(1, campaign).bind(2, county);
    int64_t households = 0, visited = 0;
    while (s->step()) {
      households += s->get_int(1);
      visited += s->get_int(2);
    }
    return std::make_tuple(ms_since(start), households, visited);
  };

  const auto [first_ms, report] = run_counters();
  if (cold) {
    drop_os_cache();
  }
  const auto [recount_first_ms, recount_households, recount_visited] = run_recount();
  std::printf("county: %lld households, %lld reached; %zu child units\n",
              static_cast<long long>(report.total.households),
              static_cast<long long>(report.total.visited), report.children.size());
  if (recount_households != report.total.households || recount_visited != report.total.visited) {
    std::printf("MISMATCH: recount gives %lld households, %lld reached\n",
                static_cast<long long>(recount_households),
                static_cast<long long>(recount_visited));
    return 1;
  }
  std::printf("%s counters: %.2f ms   recount (GROUP BY): %.1f ms   ratio %.0fx\n",
              cold ? "cold" : "first", first_ms, recount_first_ms, recount_first_ms / first_ms);
  if (cold) {
    return 0;
  }
  std::vector<double> counters, recounts;
  for (int i = 0; i < 50; ++i) {
    counters.push_back(run_counters().first);
  }
  for (int i = 0; i < 5; ++i) {
    recounts.push_back(std::get<0>(run_recount()));
  }
  std::printf(
      "warm (median) counters: %.2f ms (50 runs)   recount: %.1f ms (5 runs)   ratio %.0fx\n",
      median(counters), median(recounts), median(recounts) / median(counters));
  return 0;
}
