// App figures come from the in-memory app index; they must equal a brute-force recount
// from the raw person and observation rows, for any unit and instant, and follow every
// write (checks, settings, spot-check outcomes) at once.
#include <gtest/gtest.h>

#include <map>

#include "domain/org_path.h"
#include "domain/resident_id.h"
#include "domain/visit.h"
#include "service/app_index.h"
#include "service/app_ranking.h"
#include "service/app_service.h"
#include "service/people_service.h"
#include "service/spot_check_service.h"
#include "test_env.h"

namespace fanzha::service {
namespace {

using domain::AppMethod;
using domain::AppPopulation;
using domain::Role;

constexpr int64_t kDay = kMillisPerDay;

std::string id_number(domain::DateNumber birth, int sequence) {
  char first17[18];
  std::snprintf(first17, sizeof first17, "110105%08d%03d", birth, sequence % 1000);
  return std::string(first17) + domain::resident_id_check_char(first17);
}

class AppFiguresTest : public ::testing::Test {
 protected:
  AppFiguresTest() : index_(env_.context()) {
    env_.load_small_county();
    admin_ = env_.actor(Role::kAdmin, "349901");
  }

  // Brute force: every person's status as of `at` from their observation rows, summed
  // over the people living (16–60) or linked (staff) within the unit.
  PopulationCounts recount(const std::string& code, int64_t at, int lapse_days) {
    const auto root = env_.unit(code);
    auto lease = env_.db().read();
    std::map<int64_t, std::vector<domain::AppObservation>> facts;
    auto f = lease->prepare("SELECT person_id, fact, value, observed_at, method FROM app_fact");
    while (f->step()) {
      facts[f->get_int(0)].push_back({*domain::parse_app_fact(f->get_text(1)), f->get_bool(2),
                                      f->get_int(3), *domain::parse_app_method(f->get_text(4))});
    }
    auto p = lease->prepare(
        "SELECT p.id, p.birth_date, u.path, lu.path, p.link_role FROM person p"
        " JOIN org_unit u ON u.id = p.org_unit_id LEFT JOIN org_unit lu ON lu.id = p.link_unit_id");
    PopulationCounts out{};
    const auto day = domain::county_day_number(at);
    while (p->step()) {
      const auto state = domain::app_state_as_of(facts[p->get_int(0)], at, lapse_days);
      auto add = [&](AppCounts& c) {
        c.population += 1;
        c.installed += state.installed;
        c.registered += state.registered;
        c.alerts_on += state.alerts_on;
        c.alerts_lapsed += state.alerts_lapsed;
        c.installed_strong += state.installed_strong;
        c.registered_strong += state.registered_strong;
        c.alerts_on_strong += state.alerts_on_strong;
      };
      const auto birth = static_cast<domain::DateNumber>(p->get_int(1));
      if (domain::in_key_age_group(birth, day) && p->get_text(2).starts_with(root.path)) {
        add(out[static_cast<size_t>(AppPopulation::kAge16To60)]);
      }
      if (!p->is_null(3) && p->get_text(4) == "staff" && p->get_text(3).starts_with(root.path)) {
        add(out[static_cast<size_t>(AppPopulation::kStaff)]);
      }
    }
    return out;
  }

  // 120 people in four residential units, a tenth of them staff of the department, with
  // random observations over the last 200 days.
  void populate() {
    PeopleService people(env_.context());
    AppService app(env_.context(), index_);
    const std::vector<std::string> units = {"349901100201101", "349901100201", "349901100202101",
                                            "349901101201"};
    SeededRandom random(4711);
    const int64_t department = env_.unit("349901-D01").id;
    int n = 0;
    for (const auto& code : units) {
      for (int h = 0; h < 10; ++h) {
        const auto household =
            people.create_household(admin_, {env_.unit(code).id, "H" + std::to_string(++n), ""});
        for (int m = 0; m < 3; ++m) {
          PersonInput p;
          p.household_id = household.id;
          p.name = "测试" + std::to_string(n * 10 + m);
          const int year = 1940 + static_cast<int>(random.uniform(80));
          p.id_number = id_number(year * 10000 + 101 + static_cast<int>(random.uniform(11)) * 100,
                                  n * 10 + m);
          p.phone = "139" + std::to_string(10000000 + n * 10 + m);
          if (random.uniform(10) == 0 && year < 2000) {
            p.link_unit_id = department;
            p.link_role = domain::LinkRole::kStaff;
          }
          person_ids_.push_back(people.create_person(admin_, p).id);
        }
      }
    }
    const auto methods = {AppMethod::kSelfReport, AppMethod::kInPerson, AppMethod::kWeeklyRoster,
                          AppMethod::kPoliceData};
    for (int i = 0; i < 300; ++i) {
      AppCheckInput in;
      const auto pick = random.uniform(4);
      in.installed = pick != 3 ? std::optional(random.uniform(4) != 0) : std::nullopt;
      if (in.installed != false) {
        in.registered =
            random.uniform(2) == 0 ? std::optional(random.uniform(3) != 0) : std::nullopt;
        in.alerts_on =
            random.uniform(2) == 0 ? std::optional(random.uniform(3) != 0) : std::nullopt;
      }
      if (!in.installed && !in.registered && !in.alerts_on) {
        in.alerts_on = true;
      }
      in.method = *(methods.begin() + random.uniform(methods.size()));
      in.observed_at = testing::kTestStartMs - static_cast<int64_t>(random.uniform(200 * kDay));
      app.record_check(admin_, person_ids_[random.uniform(person_ids_.size())], in);
    }
  }

  testing::TestEnv env_;
  AppIndex index_;
  Actor admin_;
  std::vector<int64_t> person_ids_;
};

TEST_F(AppFiguresTest, FiguresEqualARecountAtAnyInstant) {
  populate();
  AppService app(env_.context(), index_);
  for (int64_t days_ago : {0, 20, 95, 150}) {
    const int64_t at = testing::kTestStartMs - days_ago * kDay;
    for (const auto& code : {"349901", "349901100", "349901100201", "349901101201", "349901-D01"}) {
      const auto figures = app.figures(admin_, env_.unit(code).id, at);
      EXPECT_EQ(figures.counts, recount(code, at, 90)) << code << " " << days_ago << " days ago";
    }
  }
  // Populations are not empty: the recount is not trivially zero.
  const auto county = app.figures(admin_, std::nullopt, testing::kTestStartMs).counts;
  EXPECT_GT(county[0].population, 20);
  EXPECT_GT(county[0].installed, 5);
  EXPECT_GT(county[0].alerts_lapsed, 0);
  EXPECT_GT(county[1].population, 0);
}

TEST_F(AppFiguresTest, TheRankingRowsAreTheChildrensFigures) {
  populate();
  AppRankingService ranking(env_.context(), index_);
  const auto r = ranking.ranking(admin_, env_.unit("349901100").id,
                                 domain::county_day_number(testing::kTestStartMs));
  ASSERT_FALSE(r.tables.empty());
  const auto& residents = r.tables[0];
  EXPECT_EQ(residents.population, AppPopulation::kAge16To60);
  ASSERT_EQ(residents.rows.size(), 2u);  // the two villages of 城关镇
  for (const auto& row : residents.rows) {
    EXPECT_EQ(row.counts, recount(row.unit.code, r.as_of, 90)[0]) << row.unit.code;
    EXPECT_TRUE(row.rank.rank.has_value());
    EXPECT_FALSE(row.rank.bottom);  // two units have no bottom three
  }
}

TEST_F(AppFiguresTest, WritesShowAtOnce) {
  populate();
  AppService app(env_.context(), index_);
  const int64_t now = testing::kTestStartMs;
  const auto before = app.figures(admin_, std::nullopt, now).counts;
  // A shorter lapse window: more alerts lapse.
  app.update_settings(admin_, {30, std::nullopt, std::nullopt});
  const auto shorter = app.figures(admin_, std::nullopt, now).counts;
  EXPECT_EQ(shorter, recount("349901", now, 30));
  EXPECT_GT(shorter[0].alerts_lapsed, before[0].alerts_lapsed);
  // A check in person adds a strong install.
  int64_t person = 0;
  for (int64_t id : person_ids_) {
    const auto status = app.person(admin_, id).status;
    if (!status.installed) {
      person = id;
      break;
    }
  }
  ASSERT_NE(person, 0);
  AppCheckInput in;
  in.installed = true;
  in.method = AppMethod::kInPerson;
  app.record_check(admin_, person, in);
  const auto after = app.figures(admin_, std::nullopt, end_of_day(now)).counts;
  EXPECT_EQ(after, recount("349901", end_of_day(now), 30));
  // A registration brought with the admin's code counts for the admin, once per person.
  const std::string code = app.my_promotion(admin_).code;
  EXPECT_EQ(app.my_promotion(admin_).registered, 0);
  in.registered = true;
  in.promotion_code = code;
  app.record_check(admin_, person, in);
  app.record_check(admin_, person, in);
  EXPECT_EQ(app.my_promotion(admin_).registered, 1);
  EXPECT_EQ(app.figures(admin_, std::nullopt, end_of_day(now)).counts,
            recount("349901", end_of_day(now), 30));
  const auto promotions = app.promotions(admin_, std::nullopt, 0, end_of_day(now));
  ASSERT_EQ(promotions.workers.size(), 1u);
  EXPECT_EQ(promotions.workers[0].second, 1);
}

TEST_F(AppFiguresTest, ASpotCheckRevertsAFalseEntryAndConfirmsATrueOne) {
  populate();
  AppService app(env_.context(), index_);
  SpotCheckService checks(env_.context(), index_);
  const auto plan = checks.create_plan(admin_, {env_.unit("349901").id, "抽查", 50, 99});
  ASSERT_GT(plan.items, 1);
  // The entries are weakly claimed installs only.
  ItemQuery q;
  q.limit = 500;
  const auto items = checks.items(admin_, plan.id, q).items;
  for (const auto& item : items) {
    const auto status = app.person(admin_, item.person_id).status;
    EXPECT_TRUE(status.installed);
    EXPECT_FALSE(status.installed_strong);
  }
  EXPECT_EQ(checks.assign(admin_, plan.id, {*admin_.user_id}), plan.items);
  const int64_t later = testing::kTestStartMs + kMillisPerHour;
  env_.clock().set(later);
  checks.record_outcome(admin_, items[0].id, domain::CallOutcome::kNotInstalled, "");
  checks.record_outcome(admin_, items[1].id, domain::CallOutcome::kConfirmed, "");
  EXPECT_FALSE(app.person(admin_, items[0].person_id).status.installed);
  EXPECT_TRUE(app.person(admin_, items[1].person_id).status.installed_strong);
  EXPECT_EQ(app.figures(admin_, std::nullopt, later).counts, recount("349901", later, 90));
  // The plan's honesty: one of two checked entries was true.
  const auto detail = checks.plan(admin_, plan.id);
  domain::Honesty total;
  for (const auto& v : detail.villages) {
    total += v.honesty;
  }
  EXPECT_EQ(total.checked, 2);
  EXPECT_EQ(total.confirmed, 1);
  EXPECT_EQ(total.found_false, 1);
}

}  // namespace
}  // namespace fanzha::service
