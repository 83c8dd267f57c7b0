// Domain rules of the app roster: the status of a person from their observations (the
// lapse rule, strong methods), week arithmetic in county time, targets and projections,
// ranking ties and the bottom three, the stratified spot-check sample (reproducible and
// uniform), and the app columns of rosters.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "common/clock.h"
#include "domain/app_status.h"
#include "domain/app_targets.h"
#include "domain/ranking.h"
#include "domain/roster.h"
#include "domain/spot_check.h"

namespace fanzha::domain {
namespace {

constexpr int64_t kDay = kMillisPerDay;
// 2026-12-01 00:00 county time.
const int64_t kToday = day_start_ms(20261201);

AppObservation obs(AppFact fact, bool value, int64_t at,
                   AppMethod method = AppMethod::kWeeklyRoster) {
  return {fact, value, at, method};
}

TEST(AppStatus, LatestObservationOfEachFactWins) {
  const std::vector<AppObservation> o = {
      obs(AppFact::kInstalled, true, kToday - 10 * kDay),
      obs(AppFact::kInstalled, false, kToday - 2 * kDay),  // uninstalled since
      obs(AppFact::kRegistered, true, kToday - 10 * kDay),
  };
  const auto s = app_state_as_of(o, kToday, 90);
  EXPECT_FALSE(s.installed);
  EXPECT_TRUE(s.registered);
  // As of before the uninstall, it was installed.
  EXPECT_TRUE(app_state_as_of(o, kToday - 5 * kDay, 90).installed);
  // Observations after the instant do not count.
  EXPECT_FALSE(app_state_as_of(o, kToday - 11 * kDay, 90).installed);
}

TEST(AppStatus, AlertsLapseAfterTheWindow) {
  const int64_t seen = kToday - 90 * kDay;
  const std::vector<AppObservation> o = {obs(AppFact::kAlertsOn, true, seen, AppMethod::kInPerson)};
  const auto on_the_day = app_state_as_of(o, seen + 90 * kDay, 90);
  EXPECT_TRUE(on_the_day.alerts_on);
  EXPECT_FALSE(on_the_day.alerts_lapsed);
  EXPECT_TRUE(on_the_day.alerts_on_strong);
  const auto a_moment_later = app_state_as_of(o, seen + 90 * kDay + 1, 90);
  EXPECT_FALSE(a_moment_later.alerts_on);
  EXPECT_TRUE(a_moment_later.alerts_lapsed);
  EXPECT_FALSE(a_moment_later.alerts_on_strong);
  // A shorter window lapses sooner.
  EXPECT_TRUE(app_state_as_of(o, seen + 31 * kDay, 30).alerts_lapsed);
}

TEST(AppStatus, StrongOnlyCountsStrongMethods) {
  const std::vector<AppObservation> weak = {
      obs(AppFact::kInstalled, true, kToday, AppMethod::kSelfReport)};
  const std::vector<AppObservation> strong = {
      obs(AppFact::kInstalled, true, kToday, AppMethod::kPoliceData)};
  EXPECT_TRUE(app_state_as_of(weak, kToday, 90).installed);
  EXPECT_FALSE(app_state_as_of(weak, kToday, 90).installed_strong);
  EXPECT_TRUE(app_state_as_of(strong, kToday, 90).installed_strong);
  EXPECT_FALSE(is_strong_method(AppMethod::kWeeklyRoster));
  EXPECT_TRUE(is_strong_method(AppMethod::kSpotCheck));
  EXPECT_TRUE(is_strong_method(AppMethod::kInPerson));
}

TEST(AppStatus, KeyAgeGroupIsSixteenToSixty) {
  EXPECT_TRUE(in_key_age_group(20101201, 20261201));   // 16 today
  EXPECT_FALSE(in_key_age_group(20101202, 20261201));  // 16 tomorrow
  EXPECT_TRUE(in_key_age_group(19661201, 20261201));   // 60 today
  EXPECT_FALSE(in_key_age_group(19651130, 20261201));  // 61
  EXPECT_FALSE(in_key_age_group(0, 20261201));         // unknown birth date
}

TEST(AppWeeks, MondaysAcrossYearEndsAndLeapDays) {
  EXPECT_EQ(week_monday(20261201), 20261130);  // a Tuesday
  EXPECT_EQ(week_monday(20261130), 20261130);
  EXPECT_EQ(week_monday(20261206), 20261130);  // Sunday belongs to the week before
  EXPECT_EQ(week_monday(20260101), 20251229);  // a Thursday: its Monday is last year
  EXPECT_EQ(week_monday(20240301), 20240226);  // across a leap day
  EXPECT_EQ(add_days(20240228, 1), 20240229);
  EXPECT_EQ(add_days(20230228, 1), 20230301);
  EXPECT_EQ(add_days(20261228, 7), 20270104);
  EXPECT_EQ(days_between(20261130, 20270104), 35);
}

TEST(AppWeeks, WeekEndsAndDeadlinesAreInCountyTime) {
  // Monday 2026-11-30 00:00 at UTC+8 is Sunday 16:00 UTC.
  EXPECT_EQ(day_start_ms(20261130), 1795996800000 - 8 * kMillisPerHour);
  EXPECT_EQ(week_end_ms(20261130), day_start_ms(20261207) - 1);
  EXPECT_EQ(roster_deadline_ms(20261130, {}), day_start_ms(20261130) + 12 * kMillisPerHour);
  EXPECT_EQ(roster_deadline_ms(20261130, {3, 18}), day_start_ms(20261202) + 18 * kMillisPerHour);
}

TEST(AppWeeks, WhoHandsInRosters) {
  EXPECT_TRUE(submits_app_roster(OrgKind::kVillage));
  EXPECT_TRUE(submits_app_roster(OrgKind::kCommunity));
  EXPECT_TRUE(submits_app_roster(OrgKind::kBankBranch));
  EXPECT_TRUE(submits_app_roster(OrgKind::kClass));
  EXPECT_FALSE(submits_app_roster(OrgKind::kGrid));
  EXPECT_FALSE(submits_app_roster(OrgKind::kTownship));
  EXPECT_FALSE(submits_app_roster(OrgKind::kSchool));
}

TEST(AppWeeks, YesNoAsRostersWriteIt) {
  for (const char* yes : {"是", "已", "1", "Y", "yes", "√", "已安装", " 是 "}) {
    EXPECT_EQ(parse_yes_no(yes), true) << yes;
  }
  for (const char* no : {"否", "未", "0", "N", "×", "未注册"}) {
    EXPECT_EQ(parse_yes_no(no), false) << no;
  }
  EXPECT_FALSE(parse_yes_no("可能"));
  EXPECT_FALSE(parse_yes_no(""));
}

TEST(AppTargets, GapAndProjection) {
  // 40% of 1001 people is 400.4: 401 are needed.
  auto p = target_progress(1001, 300, 400, 20270331, 20261201, 20.0);
  EXPECT_EQ(p.required, 401);
  EXPECT_EQ(p.gap, 101);
  EXPECT_FALSE(p.met);
  // 101 people at 20 a week: 5.05 weeks → 36 days.
  ASSERT_TRUE(p.projected);
  EXPECT_EQ(*p.projected, add_days(20261201, 36));
  EXPECT_TRUE(p.on_track);
  // The same pace against an earlier due date is off track.
  EXPECT_FALSE(target_progress(1001, 300, 400, 20261215, 20261201, 20.0).on_track);
  // No progress: no projection, off track.
  const auto stalled = target_progress(1000, 300, 400, 20270331, 20261201, 0.0);
  EXPECT_FALSE(stalled.projected);
  EXPECT_FALSE(stalled.on_track);
  EXPECT_FALSE(target_progress(1000, 300, 400, 20270331, 20261201, -3.0).projected);
  // Met: projected today, on track even when the due date has passed.
  const auto met = target_progress(1000, 1000, 1000, 20260101, 20261201, 0.0);
  EXPECT_TRUE(met.met);
  EXPECT_EQ(met.gap, 0);
  EXPECT_EQ(met.projected, 20261201);
  EXPECT_TRUE(met.on_track);
  // An empty population meets any target.
  EXPECT_TRUE(target_progress(0, 0, 800, 20270630, 20261201, 0.0).met);
  EXPECT_DOUBLE_EQ(weekly_pace(100, 180, 4), 20.0);
  EXPECT_DOUBLE_EQ(weekly_pace(100, 180, 0), 0.0);
}

TEST(AppRanking, TiesShareARankAndTheBottomThreeAreMarked) {
  // Installed of population; rates 0.9, 0.5, 0.5, 0.4, 0.2, 0.2 and an empty unit.
  const std::vector<RateCounts> units = {
      {10, {9, 0, 0}}, {10, {5, 1, 0}}, {20, {10, 2, 0}}, {10, {4, 0, 0}},
      {10, {2, 0, 0}}, {5, {1, 0, 0}},  {0, {0, 0, 0}},
  };
  const auto r = rank_by_rates(units);
  EXPECT_EQ(r[0].rank, 1);
  EXPECT_EQ(r[1].rank, 2);  // 5/10 and 10/20 tie, and 1/10 and 2/20 registered too
  EXPECT_EQ(r[2].rank, 2);
  EXPECT_EQ(r[3].rank, 4);
  EXPECT_EQ(r[4].rank, 5);
  EXPECT_EQ(r[5].rank, 5);
  EXPECT_FALSE(r[6].rank);  // nobody to count: not ranked, never bottom
  EXPECT_FALSE(r[6].bottom);
  EXPECT_FALSE(r[0].bottom);
  EXPECT_FALSE(r[2].bottom);
  EXPECT_TRUE(r[3].bottom);
  EXPECT_TRUE(r[4].bottom);
  EXPECT_TRUE(r[5].bottom);
}

TEST(AppRanking, SecondPartBreaksTiesAndFractionsCompareExactly) {
  // 1/3 against 333/1000: 1/3 is larger; equal installs are split by registrations.
  const std::vector<RateCounts> units = {{3, {1, 0, 0}}, {1000, {333, 0, 0}}, {3, {1, 1, 0}}};
  const auto r = rank_by_rates(units);
  EXPECT_EQ(r[2].rank, 1);
  EXPECT_EQ(r[0].rank, 2);
  EXPECT_EQ(r[1].rank, 3);
  // Three or fewer ranked units have no bottom three.
  for (const auto& rank : r) {
    EXPECT_FALSE(rank.bottom);
  }
}

TEST(AppRanking, ATieWithTheThirdLastPlaceIsMarkedToo) {
  const std::vector<RateCounts> units = {
      {10, {9, 0, 0}}, {10, {5, 0, 0}}, {10, {5, 0, 0}}, {10, {5, 0, 0}}, {10, {1, 0, 0}}};
  const auto r = rank_by_rates(units);
  EXPECT_FALSE(r[0].bottom);
  EXPECT_TRUE(r[1].bottom);
  EXPECT_TRUE(r[2].bottom);
  EXPECT_TRUE(r[3].bottom);
  EXPECT_TRUE(r[4].bottom);
}

std::vector<Stratum> three_villages() {
  std::vector<Stratum> strata;
  for (int64_t v = 1; v <= 3; ++v) {
    Stratum s{100 + v, {}};
    for (int64_t i = 0; i < 20 * v; ++i) {
      s.items.push_back(v * 1000 + i);
    }
    strata.push_back(std::move(s));
  }
  return strata;
}

TEST(SpotCheckSample, ReproducibleFromTheSeedAndIndependentOfOrder) {
  auto strata = three_villages();
  const auto a = stratified_sample(strata, 5, 777);
  EXPECT_EQ(a.size(), 15u);
  auto shuffled = strata;
  std::reverse(shuffled.begin(), shuffled.end());
  for (auto& s : shuffled) {
    std::reverse(s.items.begin(), s.items.end());
  }
  auto b = stratified_sample(shuffled, 5, 777);
  auto key = [](const SampledItem& x) { return std::make_pair(x.stratum, x.item); };
  std::set<std::pair<int64_t, int64_t>> sa, sb;
  for (const auto& x : a) {
    sa.insert(key(x));
  }
  for (const auto& x : b) {
    sb.insert(key(x));
  }
  EXPECT_EQ(sa, sb);
  EXPECT_EQ(sa.size(), 15u) << "no entry drawn twice";
  EXPECT_NE(sa.size(), 0u);
  // Another seed, another sample.
  std::set<std::pair<int64_t, int64_t>> sc;
  for (const auto& x : stratified_sample(strata, 5, 778)) {
    sc.insert(key(x));
  }
  EXPECT_NE(sa, sc);
  // Each village gives exactly its share, from its own entries.
  std::map<int64_t, int> per;
  for (const auto& x : a) {
    ++per[x.stratum];
    EXPECT_EQ(x.item / 1000, x.stratum - 100);
  }
  EXPECT_EQ(per.size(), 3u);
  for (const auto& [stratum, n] : per) {
    EXPECT_EQ(n, 5);
  }
}

TEST(SpotCheckSample, ASmallVillageGivesAllItHas) {
  const std::vector<Stratum> strata = {{1, {10, 11}}, {2, {}}};
  EXPECT_EQ(stratified_sample(strata, 5, 1).size(), 2u);
}

// Over many seeded draws every entry of a stratum is drawn about equally often: a
// chi-square test with 19 degrees of freedom at p = 0.001 (critical value 43.82).
TEST(SpotCheckSample, UniformWithinEachStratum) {
  const std::vector<Stratum> strata = {{7, {}}};
  std::vector<Stratum> s = strata;
  for (int64_t i = 0; i < 20; ++i) {
    s[0].items.push_back(i);
  }
  constexpr int kDraws = 4000;
  constexpr int kTake = 5;
  std::map<int64_t, int> counts;
  for (int seed = 0; seed < kDraws; ++seed) {
    for (const auto& x : stratified_sample(s, kTake, static_cast<uint64_t>(seed) * 7919 + 1)) {
      ++counts[x.item];
    }
  }
  ASSERT_EQ(counts.size(), 20u);
  const double expected = static_cast<double>(kDraws) * kTake / 20;
  double chi2 = 0;
  for (const auto& [item, n] : counts) {
    chi2 += (n - expected) * (n - expected) / expected;
  }
  EXPECT_LT(chi2, 43.82);
}

TEST(SpotCheckOutcomes, HonestyCountsOnlyChecks) {
  Honesty h;
  h.add(CallOutcome::kConfirmed, 8).add(CallOutcome::kNotInstalled, 1);
  h.add(CallOutcome::kUnreachable, 5).add(CallOutcome::kRefused, 2);
  h.add(CallOutcome::kNoPublicity, 1);
  EXPECT_EQ(h.checked, 10);
  EXPECT_EQ(h.confirmed, 8);
  EXPECT_EQ(h.found_false, 2);
  EXPECT_DOUBLE_EQ(h.rate(), 0.8);
  EXPECT_TRUE(reverts_app_status(CallOutcome::kWrongNumber));
  EXPECT_FALSE(reverts_app_status(CallOutcome::kNoPublicity));
  for (auto o : all_call_outcomes()) {
    EXPECT_EQ(parse_call_outcome(call_outcome_key(o)), o);
  }
  EXPECT_FALSE(parse_call_outcome("maybe"));
}

TEST(AppRosterColumns, RequiredColumnsDependOnThePurpose) {
  const std::vector<std::string> residents = {"姓名", "身份证号", "户号", "是否安装", "是否注册"};
  EXPECT_TRUE(map_roster_headers(residents, {}, RosterPurpose::kAppResidents).problems.empty());
  // Without 是否安装 it is no app roster.
  const auto no_app = map_roster_headers({"姓名", "户号"}, {}, RosterPurpose::kAppResidents);
  ASSERT_EQ(no_app.problems.size(), 1u);
  EXPECT_NE(no_app.problems[0].find("是否安装"), std::string::npos);
  // A unit's staff roster needs ID numbers, not household numbers.
  EXPECT_TRUE(map_roster_headers({"姓名", "身份证号", "是否安装"}, {}, RosterPurpose::kAppMembers)
                  .problems.empty());
  EXPECT_EQ(map_roster_headers({"姓名", "户号", "是否安装"}, {}, RosterPurpose::kAppMembers)
                .problems.size(),
            1u);
}

TEST(AppRosterColumns, CellsAreCheckedAndMustAgree) {
  const std::vector<std::string> headers = {"姓名",         "户号",     "是否安装", "是否注册",
                                            "是否开启预警", "核实方式", "推广码"};
  const auto m = map_roster_headers(headers, {}, RosterPurpose::kAppResidents);
  ASSERT_TRUE(m.problems.empty());
  auto row = [&](std::vector<std::string> cells) {
    return parse_roster_row(2, cells, m.columns, 20261201, RosterPurpose::kAppResidents);
  };
  const auto ok = row({"张伟", "0012", "是", "已", "否", "当面查看手机", "ab12cd"});
  ASSERT_TRUE(ok.record);
  EXPECT_EQ(ok.record->app_installed, true);
  EXPECT_EQ(ok.record->app_registered, true);
  EXPECT_EQ(ok.record->app_alerts, false);
  EXPECT_EQ(ok.record->app_method, AppMethod::kInPerson);
  EXPECT_EQ(ok.record->promotion_code, "AB12CD");

  const auto missing = row({"张伟", "0012", "", "", "", "", ""});
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_EQ(missing.errors[0].field, "app_installed");
  const auto contradiction = row({"张伟", "0012", "否", "是", "", "", ""});
  ASSERT_EQ(contradiction.errors.size(), 1u);
  EXPECT_EQ(contradiction.errors[0].field, "app_installed");
  const auto garbage = row({"张伟", "0012", "大概", "", "", "托人问的", ""});
  ASSERT_EQ(garbage.errors.size(), 2u);
  EXPECT_EQ(garbage.errors[0].field, "app_installed");
  EXPECT_EQ(garbage.errors[1].field, "app_method");
}

TEST(AppRosterColumns, MembersNeedAnIdNumber) {
  const auto m =
      map_roster_headers({"姓名", "身份证号", "是否安装"}, {}, RosterPurpose::kAppMembers);
  const auto r =
      parse_roster_row(3, {"李娜", "", "是"}, m.columns, 20261201, RosterPurpose::kAppMembers);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].field, "id_number");
}

TEST(Dates, ParseDateText) {
  EXPECT_EQ(parse_date_text("2027-03-31"), 20270331);
  EXPECT_EQ(parse_date_text("20240229"), 20240229);
  EXPECT_FALSE(parse_date_text("2023-02-29"));
  EXPECT_FALSE(parse_date_text("2027-3-31"));
  EXPECT_FALSE(parse_date_text("2027/03/31"));
  EXPECT_FALSE(parse_date_text(""));
  EXPECT_FALSE(parse_date_text("2027-03-311"));
}

}  // namespace
}  // namespace fanzha::domain
