// The app roster's figures on a demo county built with `fanzha demo --households 300000`
// (about 1M people and 1.1M app observations):
//   - loading the in-memory app index, and one as-of count over all people;
//   - the weekly ranking of the county (its townships and sector units, three
//     populations, change from last week, weeks at the bottom) and of a township, warm,
//     against a plain SQL recount of one of its figures (16–60 installed per township,
//     latest observation per person by a window function);
//   - drawing a 1% stratified spot-check sample: the domain's sampler over 1M synthetic
//     entries in 150 villages, and the whole plan draw on the county (roster entries from
//     the index, sample, items written).
//
//   bench_app DB_PATH
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/key_file.h"
#include "common/clock.h"
#include "common/password.h"
#include "common/random.h"
#include "domain/spot_check.h"
#include "domain/visit.h"
#include "service/app_index.h"
#include "service/app_ranking.h"
#include "service/app_service.h"
#include "service/spot_check_service.h"
#include "store/org_store.h"
#include "store/sqlite/sqlite_database.h"

namespace fanzha {
namespace {

using Steady = std::chrono::steady_clock;

// 16–60 installed per child unit of $2 as of $1, from the raw rows.
constexpr const char* kRecountSql =
    "WITH latest AS (SELECT person_id, value FROM (SELECT person_id, value, ROW_NUMBER() OVER"
    "   (PARTITION BY person_id ORDER BY observed_at DESC, id DESC) AS n FROM app_fact"
    "   WHERE fact = 'installed' AND observed_at <= $1) WHERE n = 1)"
    " SELECT t.id, COUNT(*), COALESCE(SUM(l.value), 0)"
    " FROM org_unit t JOIN org_unit u ON substr(u.path, 1, length(t.path)) = t.path"
    " JOIN person p ON p.org_unit_id = u.id LEFT JOIN latest l ON l.person_id = p.id"
    " WHERE t.parent_id = $2 AND p.birth_date > $3 AND p.birth_date <= $4 GROUP BY t.id";

double ms_since(Steady::time_point start) {
  return std::chrono::duration<double, std::milli>(Steady::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

template <typename F>
double median_ms(int runs, F&& f) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = Steady::now();
    f();
    times.push_back(ms_since(start));
  }
  return median(times);
}

}  // namespace
}  // namespace fanzha

int main(int argc, char** argv) {
  using namespace fanzha;
  if (argc < 2) {
    std::cerr << "usage: bench_app DB_PATH\n";
    return 2;
  }
  const std::string db_path = argv[1];
  SystemClock clock;
  SystemRandom random;
  PasswordHasher hasher;
  service::AuthEpoch epoch;
  const auto pii = cli::load_or_create_key_file(cli::default_key_path(db_path), random);
  store::SqliteDatabase db(db_path);
  service::ServiceContext ctx{db, clock, random, hasher, epoch, *pii, db_path + ".files"};
  service::AppIndex index(ctx);
  service::AppRankingService ranking(ctx, index);
  const service::Actor system = service::system_actor("bench");
  domain::OrgUnit county, township;
  {
    auto lease = db.read();
    store::OrgStore org(*lease);
    county = *org.find_by_code("349901");
    township = *org.find_by_code("349901100");
  }
  const int64_t now = clock.now_ms();
  const domain::DateNumber week = domain::week_monday(domain::county_day_number(now));

  // Loading the index and one count as of now.
  auto start = Steady::now();
  const auto first = index.snapshot(now);
  const double load_ms = ms_since(start);
  const auto total = first->within(county.path);
  start = Steady::now();
  index.snapshot(now - 1);
  const double count_ms = ms_since(start);
  std::printf(
      "people aged 16-60: %lld (installed %lld), staff %lld, students %lld\n",
      static_cast<long long>(total[0].population), static_cast<long long>(total[0].installed),
      static_cast<long long>(total[1].population), static_cast<long long>(total[2].population));
  std::printf("index load + first count: %.0f ms   one more as-of count (1 pass): %.1f ms\n",
              load_ms, count_ms);

  // The weekly ranking: first (computes this week, last week and the weeks at the
  // bottom), then warm.
  start = Steady::now();
  const auto r = ranking.ranking(system, county.id, week);
  const double ranking_first_ms = ms_since(start);
  const double county_warm_ms = median_ms(50, [&] { ranking.ranking(system, county.id, week); });
  const double township_warm_ms =
      median_ms(50, [&] { ranking.ranking(system, township.id, week); });
  size_t rows = 0;
  for (const auto& t : r.tables) {
    rows += t.rows.size();
  }
  std::printf(
      "county ranking: %zu tables, %zu rows; first %.0f ms, warm %.2f ms (median of 50); "
      "township warm %.2f ms\n",
      r.tables.size(), rows, ranking_first_ms, county_warm_ms, township_warm_ms);

  // Baseline: one figure of the ranking (16–60 installed per township) by SQL.
  const domain::DateNumber day = domain::county_day_number(r.as_of);
  auto recount = [&] {
    auto lease = db.read();
    auto s = lease->prepare(kRecountSql);
    s->bind_all(r.as_of, county.id, int64_t{day - 610000}, int64_t{day - 160000});
    int64_t people = 0, installed = 0;
    while (s->step()) {
      people += s->get_int(1);
      installed += s->get_int(2);
    }
    return std::make_pair(people, installed);
  };
  start = Steady::now();
  const auto [sql_people, sql_installed] = recount();
  const double sql_ms = ms_since(start);
  const auto& residents = r.tables.front();
  int64_t rank_people = 0, rank_installed = 0;
  for (const auto& row : residents.rows) {
    if (row.unit.kind == domain::OrgKind::kTownship || row.unit.kind == domain::OrgKind::kStreet) {
      rank_people += row.counts.population;
      rank_installed += row.counts.installed;
    }
  }
  if (sql_people != rank_people || sql_installed != rank_installed) {
    std::printf("MISMATCH: SQL %lld/%lld, ranking %lld/%lld\n",
                static_cast<long long>(sql_installed), static_cast<long long>(sql_people),
                static_cast<long long>(rank_installed), static_cast<long long>(rank_people));
    return 1;
  }
  std::printf(
      "SQL recount of 16-60 installed per township: %.0f ms (same figures)   "
      "ratio to the warm ranking %.0fx\n",
      sql_ms, sql_ms / county_warm_ms);

  // A write, then the ranking again: the index reads only the appended observation; the
  // cached counts are made again.
  {
    service::AppService app(ctx, index);
    int64_t person = 0;
    {
      auto lease = db.read();
      auto q = lease->prepare("SELECT MIN(id) FROM person");
      q->step();
      person = q->get_int(0);
    }
    service::AppCheckInput in;
    in.installed = true;
    in.method = domain::AppMethod::kInPerson;
    app.record_check(system, person, in);
    start = Steady::now();
    ranking.ranking(system, county.id, week);
    std::printf(
        "county ranking right after a write (appended observation read, counts redone): "
        "%.0f ms\n",
        ms_since(start));
  }

  // Sampling: 1% of 1M synthetic entries in 150 villages.
  std::vector<domain::Stratum> strata(150);
  int64_t next = 1;
  for (size_t v = 0; v < strata.size(); ++v) {
    strata[v].key = static_cast<int64_t>(v + 1);
    const int size = 3000 + static_cast<int>((v * 7919) % 7000);  // 3,000–10,000 per village
    for (int i = 0; i < size && next <= 1'000'000; ++i) {
      strata[v].items.push_back(next++);
    }
  }
  for (size_t v = 0; next <= 1'000'000; v = (v + 1) % strata.size()) {
    strata[v].items.push_back(next++);
  }
  int64_t entries = 0;
  for (const auto& s : strata) {
    entries += static_cast<int64_t>(s.items.size());
  }
  const size_t per_village =
      static_cast<size_t>(entries / 100 / static_cast<int64_t>(strata.size()));
  size_t drawn = 0;
  const double sample_ms =
      median_ms(9, [&] { drawn = domain::stratified_sample(strata, per_village, 12345).size(); });
  std::printf("stratified sample: %zu of %lld entries (%zu per village), median %.1f ms\n", drawn,
              static_cast<long long>(entries), per_village, sample_ms);

  // The whole plan draw on the county: 1% of its roster entries.
  service::SpotCheckService checks(ctx, index);
  const auto county_entries = index.roster_entries(county.path, now);
  int64_t roster = 0;
  for (const auto& s : county_entries) {
    roster += static_cast<int64_t>(s.items.size());
  }
  const int per =
      std::max<int>(1, static_cast<int>(roster / 100 / std::max<size_t>(1, county_entries.size())));
  start = Steady::now();
  const auto plan = checks.create_plan(system, {county.id, "基准抽查", per, 2026});
  std::printf(
      "plan draw on the county: %lld roster entries in %zu villages, %d per village, "
      "%lld items written: %.0f ms\n",
      static_cast<long long>(roster), county_entries.size(), per,
      static_cast<long long>(plan.items), ms_since(start));
  return 0;
}
