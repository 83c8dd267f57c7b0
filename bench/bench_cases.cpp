// Case statistics, back-tracing and the bulletin at province size: builds (once) a
// database with a province root over 100 counties (12 townships × 15 villages × 4 grids
// and 20 sector units each, about 93,000 units) and 500,000 cases over three years, then
// measures
//   - loading the case index (the first question after a restart);
//   - statistics warm, median of 20: the province for a year, a county for a quarter, a
//     township for a week, the province for a year filtered to one type;
//   - a plain SQL GROUP BY over the same rows as the baseline of the province question;
//   - registering a case for a known victim (visits, app facts, spot checks read, the
//     back-trace computed and stored, audit), median of 200, and the next question (the
//     index appends what changed instead of reloading);
//   - the weekly bulletin of a county and of the province as PDF and as XLSX.
//
//   bench_cases DB_PATH   (the database is created when the file does not exist)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli/key_file.h"
#include "common/clock.h"
#include "common/password.h"
#include "common/random.h"
#include "domain/calendar.h"
#include "service/case_bulletin.h"
#include "service/case_index.h"
#include "service/case_service.h"
#include "service/case_stats_service.h"
#include "store/case_store.h"
#include "store/migrations.h"
#include "store/org_store.h"
#include "store/sqlite/sqlite_database.h"

namespace fanzha {
namespace {

using Steady = std::chrono::steady_clock;

constexpr int kCounties = 100;
constexpr int kTownships = 12;
constexpr int kVillages = 15;
constexpr int kGrids = 4;
constexpr int kSectorUnits = 20;
constexpr int kCases = 500'000;
constexpr int kYears = 3;

double ms_since(Steady::time_point start) {
  return std::chrono::duration<double, std::milli>(Steady::now() - start).count();
}

template <typename F>
double median_ms(int runs, F&& f) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = Steady::now();
    f();
    times.push_back(ms_since(start));
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

// The province tree and the case history, written straight through the stores.
void build(store::Database& db, domain::DateNumber today) {
  SeededRandom random(2026);
  const auto pick = [&](uint64_t n) { return static_cast<int64_t>(random.uniform(n)); };
  std::vector<int64_t> places;  // villages and grids
  std::vector<int64_t> sector;
  db.transact([&](store::Connection& c) {
    store::OrgStore org(c);
    const auto root = org.insert(nullptr, {"34", "江淮省", domain::OrgKind::kCounty}, 0);
    auto population = c.prepare(
        "INSERT INTO unit_population (org_unit_id, households, people) VALUES ($1, $2, $3)");
    for (int k = 0; k < kCounties; ++k) {
      const std::string kc = "34" + std::to_string(1000 + k);
      const auto county =
          org.insert(&root, {kc, "第" + std::to_string(k + 1) + "县", domain::OrgKind::kCounty}, 0);
      for (int t = 0; t < kTownships; ++t) {
        const std::string tc = kc + std::to_string(100 + t);
        const auto township = org.insert(
            &county, {tc, "乡镇" + std::to_string(t + 1), domain::OrgKind::kTownship}, 0);
        for (int v = 0; v < kVillages; ++v) {
          const std::string vc = tc + std::to_string(200 + v);
          const auto village = org.insert(
              &township, {vc, "村" + std::to_string(v + 1), domain::OrgKind::kVillage}, 0);
          places.push_back(village.id);
          for (int g = 0; g < kGrids; ++g) {
            const auto grid = org.insert(&village,
                                         {vc + std::to_string(300 + g),
                                          "网格" + std::to_string(g + 1), domain::OrgKind::kGrid},
                                         0);
            places.push_back(grid.id);
            population->bind_all(grid.id, int64_t{125}, int64_t{410}).run();
          }
        }
      }
      for (int u = 0; u < kSectorUnits; ++u) {
        const auto unit = org.insert(&county,
                                     {kc + "-B" + std::to_string(10 + u),
                                      "单位" + std::to_string(u + 1), domain::OrgKind::kEnterprise},
                                     0);
        sector.push_back(unit.id);
      }
    }
  });
  const auto types = domain::all_fraud_types();
  const auto groups = domain::all_victim_groups();
  const auto channels = domain::all_case_channels();
  const int64_t first_day = domain::day_index(today) - 365 * kYears;
  constexpr int kBatch = 50'000;
  for (int done = 0; done < kCases; done += kBatch) {
    db.transact([&](store::Connection& c) {
      store::CaseStore cases(c);
      for (int i = done; i < done + kBatch; ++i) {
        store::CaseRow r;
        auto& fc = r.fraud_case;
        fc.case_number = "B" + std::to_string(10'000'000 + i);
        const auto day = domain::date_from_index(first_day + pick(365 * kYears));
        fc.occurred_at = domain::day_start_ms(day) + pick(86'400'000);
        fc.reported_at = fc.occurred_at + 3'600'000;
        fc.org_unit_id = places[random.uniform(places.size())];
        fc.fraud_type = types[random.uniform(types.size())];
        fc.victim_group = groups[random.uniform(groups.size())];
        fc.channel = channels[random.uniform(channels.size())];
        fc.loss_fen = 100'000 + pick(5'000'000);
        fc.stopped_fen = random.uniform(4) == 0 ? fc.loss_fen / 3 : 0;
        if (random.uniform(50) == 0) {
          r.victim_unit_id = sector[random.uniform(sector.size())];
          r.inside_system = true;
        }
        r.trace.person_known = random.uniform(3) != 0;
        r.trace.visited = r.trace.person_known && random.uniform(2) == 0;
        cases.insert(r, 0);
      }
    });
  }
}

}  // namespace
}  // namespace fanzha

int main(int argc, char** argv) {
  using namespace fanzha;
  if (argc < 2) {
    std::cerr << "usage: bench_cases DB_PATH\n";
    return 2;
  }
  const std::string db_path = argv[1];
  const bool fresh = !std::filesystem::exists(db_path);
  SystemClock clock;
  SystemRandom random;
  PasswordHasher hasher;
  service::AuthEpoch epoch;
  const auto pii = cli::load_or_create_key_file(cli::default_key_path(db_path), random);
  store::SqliteDatabase db(db_path);
  store::apply_migrations(db, clock);
  const domain::DateNumber today = domain::county_day_number(clock.now_ms());
  if (fresh) {
    const auto start = Steady::now();
    build(db, today);
    std::printf("built: %d counties, %d cases in %.0f s\n", kCounties, kCases,
                ms_since(start) / 1000);
  }
  service::ServiceContext ctx{db, clock, random, hasher, epoch, *pii, db_path + ".files"};
  service::CaseIndex index(ctx);
  service::CaseService cases(ctx);
  service::CaseStatsService stats(ctx, index);
  service::CaseBulletinService bulletins(ctx, stats, cases);
  const service::Actor system = service::system_actor("bench");
  domain::OrgUnit province, county, township;
  {
    auto lease = db.read();
    store::OrgStore org(*lease);
    province = *org.find_by_code("34");
    county = *org.find_by_code("341000");
    township = *org.find_by_code("341000100");
  }
  const auto query = [&](const domain::OrgUnit& unit, domain::PeriodKind kind) {
    service::CaseStatsQuery q;
    q.unit_id = unit.id;
    q.period = domain::period_containing(kind, today);
    return q;
  };

  auto start = Steady::now();
  const auto first = stats.stats(system, query(province, domain::PeriodKind::kYear));
  std::printf("index load + first province/year question: %.0f ms (%lld cases this year)\n",
              ms_since(start), static_cast<long long>(first.total.now.cases));

  auto q_province = query(province, domain::PeriodKind::kYear);
  auto q_type = q_province;
  q_type.fraud_type = domain::FraudType::kClickFarming;
  const std::pair<const char*, service::CaseStatsQuery> questions[] = {
      {"province, year (100 counties)", q_province},
      {"county, quarter", query(county, domain::PeriodKind::kQuarter)},
      {"township, week", query(township, domain::PeriodKind::kWeek)},
      {"province, year, one type", q_type},
  };
  for (const auto& [name, q] : questions) {
    std::printf("stats warm %-32s %.2f ms (median of 20)\n", name,
                median_ms(20, [&, &q = q] { stats.stats(system, q); }));
  }
  // Baseline: the province's per-county counts and losses of the year by SQL.
  const auto year = domain::period_containing(domain::PeriodKind::kYear, today);
  const double sql_ms = median_ms(5, [&] {
    auto lease = db.read();
    auto s = lease->prepare(
        "SELECT substr(o.path, 1, instr(substr(o.path, length($1) + 1), '/') + length($1)),"
        " COUNT(*), SUM(c.loss_fen) FROM fraud_case c JOIN org_unit o ON o.id = c.org_unit_id"
        " WHERE c.occurred_day BETWEEN $2 AND $3 AND o.path >= $1 AND o.path < $4 GROUP BY 1");
    s->bind_all(province.path, int64_t{year.first}, int64_t{year.last},
                domain::path_upper_bound(province.path));
    while (s->step()) {
    }
  });
  std::printf("baseline SQL GROUP BY county, province/year: %.0f ms (median of 5)\n", sql_ms);

  // Registering cases for a known victim: a household with visits and app facts.
  int64_t person_id = 0;
  db.transact([&](store::Connection& c) {
    const int64_t grid = store::OrgStore(c).find_by_code("341000100200300")->id;
    auto h = c.prepare(
        "INSERT INTO household (org_unit_id, village_unit_id, number, created_at, updated_at)"
        " VALUES ($1, $1, $2, 0, 0) RETURNING id");
    h->bind_all(grid, "B" + std::to_string(clock.now_ms()));
    h->step();
    const int64_t household = h->get_int(0);
    auto p = c.prepare(
        "INSERT INTO person (household_id, org_unit_id, name, birth_date, created_at, updated_at)"
        " VALUES ($1, $2, '测试', 19600101, 0, 0) RETURNING id");
    p->bind_all(household, grid);
    p->step();
    person_id = p->get_int(0);
    c.execute_script(
        "INSERT INTO campaign (org_unit_id, name, starts_at, ends_at, created_at, updated_at)"
        " VALUES (1, 'bench', 0, 9999999999999, 0, 0)");
    for (int i = 0; i < 5; ++i) {
      c.prepare(
           "INSERT INTO visit (campaign_id, household_id, org_unit_id, visited_at,"
           " visitor_name, face_to_face, letter_signed, created_at) VALUES"
           " (1, $1, $2, $3, 'x', 1, 1, 0)")
          ->bind_all(household, grid, clock.now_ms() - (i + 10) * int64_t{86'400'000})
          .run();
      c.prepare(
           "INSERT INTO app_fact (person_id, fact, value, observed_at, method,"
           " recorder_name, created_at) VALUES ($1, 'installed', 1, $2, 'in_person', 'x', 0)")
          ->bind_all(person_id, clock.now_ms() - (i + 10) * int64_t{86'400'000})
          .run();
    }
  });
  int n = 0;
  const double register_ms = median_ms(200, [&] {
    service::CaseInput in;
    in.case_number = "R" + std::to_string(clock.now_ms()) + "-" + std::to_string(n++);
    in.occurred_at = clock.now_ms() - 3'600'000;
    in.reported_at = clock.now_ms() - 60'000;
    in.org_unit_id = township.id;
    in.victim_person_id = person_id;
    in.fraud_type = domain::FraudType::kClickFarming;
    in.loss_fen = 1'000'000;
    in.suspect_accounts = {{domain::SuspectAccountKind::kBankCard, "6222021234567890123", ""}};
    const auto saved = cases.register_case(system, in);
    if (!saved.view.row.trace.visited || !saved.view.row.trace.app.installed) {
      std::abort();
    }
  });
  std::printf(
      "register a case with its back-trace (known victim, 5 visits, 5 app facts): "
      "%.2f ms (median of 200)\n",
      register_ms);

  start = Steady::now();
  stats.stats(system, q_province);
  std::printf(
      "province/year right after those 200 registrations (the index appends them): "
      "%.0f ms\n",
      ms_since(start));
  start = Steady::now();
  stats.stats(system, q_province);
  std::printf("and once more, warm: %.1f ms\n", ms_since(start));

  for (const auto& [name, unit] : {std::pair{"county", county}, std::pair{"province", province}}) {
    const auto q = query(unit, domain::PeriodKind::kWeek);
    const double build_ms = median_ms(10, [&, &q = q] { bulletins.bulletin(system, q); });
    const auto bulletin = bulletins.bulletin(system, q);
    bulletins.pdf(bulletin);  // fontconfig loads on the first render
    const double pdf_ms = median_ms(10, [&] { bulletins.pdf(bulletin); });
    const double xlsx_ms =
        median_ms(10, [&] { std::filesystem::remove(bulletins.xlsx(bulletin)); });
    std::printf(
        "%s weekly bulletin: figures %.1f ms, PDF %.1f ms (%zu bytes), XLSX %.1f ms "
        "(medians of 10)\n",
        name, build_ms, pdf_ms, bulletins.pdf(bulletin).size(), xlsx_ms);
  }
  return 0;
}
