// Cases and their back-trace: the checks a case must pass (money in fen, times, case
// numbers), the key/label tables, and the back-trace computed from the victim's records
// as of the case date — later records never change it.
#include "domain/fraud_case.h"

#include <gtest/gtest.h>

#include <vector>

#include "common/clock.h"
#include "domain/back_trace.h"
#include "domain/calendar.h"

namespace fanzha::domain {
namespace {

const int64_t kNow = day_start_ms(20261201);
constexpr int64_t kDay = kMillisPerDay;

FraudCase valid_case() {
  FraudCase c;
  c.case_number = "a33108220261100012";
  c.occurred_at = kNow - 3 * kDay;
  c.reported_at = kNow - 2 * kDay;
  c.org_unit_id = 7;
  c.loss_fen = 5'000'000;
  c.stopped_fen = 1'000'000;
  c.returned_fen = 200'000;
  return c;
}

std::string problem_field(const FraudCase& c) {
  const auto p = check_case(c, kNow);
  return p ? p->field : "";
}

TEST(FraudCase, AValidCasePasses) { EXPECT_EQ(problem_field(valid_case()), ""); }

TEST(FraudCase, RejectsWhatCannotBeTrue) {
  auto c = valid_case();
  c.case_number = "A1";
  EXPECT_EQ(problem_field(c), "case_number");
  c = valid_case();
  c.case_number = "A3310 8220";
  EXPECT_EQ(problem_field(c), "case_number");
  c = valid_case();
  c.occurred_at = c.reported_at + 1;
  EXPECT_EQ(problem_field(c), "occurred_at");
  c = valid_case();
  c.reported_at = kNow + kDay;
  EXPECT_EQ(problem_field(c), "reported_at");
  c = valid_case();
  c.org_unit_id = 0;
  EXPECT_EQ(problem_field(c), "org_unit_id");
  c = valid_case();
  c.victim_age = 130;
  EXPECT_EQ(problem_field(c), "victim_age");
  c = valid_case();
  c.loss_fen = -1;
  EXPECT_EQ(problem_field(c), "loss_fen");
  c = valid_case();
  c.stopped_fen = c.loss_fen + 1;
  EXPECT_EQ(problem_field(c), "stopped_fen");
  c = valid_case();
  c.returned_fen = -5;
  EXPECT_EQ(problem_field(c), "returned_fen");
  c = valid_case();
  c.suspect_accounts.push_back({SuspectAccountKind::kBankCard, "  ", "农业银行"});
  EXPECT_EQ(problem_field(c), "suspect_accounts");
  c = valid_case();
  c.notes = std::string(3, '\xff');
  EXPECT_EQ(problem_field(c), "notes");
}

TEST(FraudCase, CaseNumbersAreNormalized) {
  EXPECT_EQ(normalize_case_number(" a3310822026-0012 "), "A3310822026-0012");
  EXPECT_FALSE(normalize_case_number("案件12345"));
  EXPECT_FALSE(normalize_case_number(std::string(41, '1')));
}

TEST(FraudCase, TablesRoundTripByKeyAndLabel) {
  for (auto s : all_case_statuses()) {
    EXPECT_EQ(parse_case_status(case_status_key(s)), s);
    EXPECT_EQ(parse_case_status(case_status_label(s)), s);
  }
  for (auto c : all_case_channels()) {
    EXPECT_EQ(parse_case_channel(case_channel_key(c)), c);
    EXPECT_EQ(parse_case_channel(case_channel_label(c)), c);
  }
  for (auto g : all_victim_groups()) {
    EXPECT_EQ(parse_victim_group(victim_group_key(g)), g);
    EXPECT_EQ(parse_victim_group(victim_group_label(g)), g);
  }
  EXPECT_EQ(parse_case_channel(" 微信 "), CaseChannel::kWechat);
  EXPECT_EQ(parse_suspect_account_kind("虚拟货币地址"), SuspectAccountKind::kVirtualCurrency);
  EXPECT_FALSE(parse_victim_group("外星人"));
  EXPECT_EQ(all_case_channels().size(), 8u);
}

TEST(FraudCase, ElderlyByAgeWhenNoGroupIsGiven) {
  EXPECT_EQ(default_victim_group(60), VictimGroup::kElderly);
  EXPECT_EQ(default_victim_group(59), VictimGroup::kOther);
  EXPECT_EQ(default_victim_group(std::nullopt), VictimGroup::kOther);
}

TEST(BackTrace, NeverVisitedVictimWithoutTheApp) {
  const VictimRecords r{true, {}, {}, {}};
  const auto t = back_trace(r, kNow, kDefaultAlertsLapseDays);
  EXPECT_TRUE(t.person_known);
  EXPECT_FALSE(t.visited);
  EXPECT_FALSE(t.letter_signed);
  EXPECT_FALSE(t.app.installed);
  BackTraceSummary s;
  s.add(t);
  EXPECT_EQ(s.never_visited, 1);
  EXPECT_EQ(s.app_not_installed, 1);
  EXPECT_DOUBLE_EQ(s.share(s.never_visited), 1.0);
}

TEST(BackTrace, OnlyRecordsBeforeTheCaseCount) {
  const int64_t occurred = kNow - 10 * kDay;
  const std::vector<VisitFact> visits = {
      {occurred - 30 * kDay, false, false},  // leaflet at the door
      {occurred + 2 * kDay, true, true},     // the visit came too late
  };
  const std::vector<AppObservation> app = {
      {AppFact::kInstalled, true, occurred - 200 * kDay, AppMethod::kInPerson},
      {AppFact::kRegistered, true, occurred - 200 * kDay, AppMethod::kInPerson},
      {AppFact::kAlertsOn, true, occurred - 200 * kDay, AppMethod::kInPerson},
  };
  const std::vector<SpotCheckFact> calls = {
      {occurred - 50 * kDay, CallOutcome::kConfirmed},
      {occurred - 40 * kDay, CallOutcome::kUnreachable},  // checked nothing
      {occurred + kDay, CallOutcome::kNotInstalled},
  };
  const VictimRecords r{true, visits, app, calls};
  const auto t = back_trace(r, occurred, kDefaultAlertsLapseDays);
  EXPECT_TRUE(t.visited);
  EXPECT_FALSE(t.visited_face_to_face);
  EXPECT_FALSE(t.letter_signed);
  EXPECT_EQ(t.last_visit_at, occurred - 30 * kDay);
  EXPECT_TRUE(t.app.installed);
  EXPECT_FALSE(t.app.alerts_on);  // observed 200 days before: lapsed
  EXPECT_TRUE(t.app.alerts_lapsed);
  EXPECT_TRUE(t.spot_checked);
  EXPECT_TRUE(t.spot_check_confirmed);
  // Traced again on the case date, the result is the same whatever came after.
  EXPECT_EQ(back_trace(r, occurred, kDefaultAlertsLapseDays), t);
  // Traced later (as a stored trace must not be), the late visit would count.
  EXPECT_TRUE(back_trace(r, occurred + 3 * kDay, kDefaultAlertsLapseDays).visited_face_to_face);
}

TEST(BackTrace, SummarySharesAreOfKnownVictims) {
  BackTraceSummary s;
  s.add(back_trace({false, {}, {}, {}}, kNow, 90));  // victim not in fanzha
  const std::vector<VisitFact> met = {{kNow - kDay, true, true}};
  s.add(back_trace({true, met, {}, {}}, kNow, 90));
  s.add(back_trace({true, {}, {}, {}}, kNow, 90));
  EXPECT_EQ(s.cases, 3);
  EXPECT_EQ(s.known, 2);
  EXPECT_EQ(s.never_visited, 1);
  EXPECT_EQ(s.no_letter, 1);
  EXPECT_DOUBLE_EQ(s.share(s.never_visited), 0.5);
  EXPECT_DOUBLE_EQ(BackTraceSummary{}.share(0), 0.0);
}

}  // namespace
}  // namespace fanzha::domain
