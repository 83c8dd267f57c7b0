#include "domain/case_import.h"

#include <gtest/gtest.h>

#include "domain/back_trace.h"
#include "domain/calendar.h"
#include "domain/fraud_case.h"

namespace fanzha::domain {
namespace {

TEST(CaseImport, HeadersByTheNamesExportsUse) {
  const auto m = map_case_headers(
      {"警情编号", "案发时间", "发案地点", "诈骗类型", "损失金额（元）", "备 注", "录入人"});
  EXPECT_TRUE(m.problems.empty());
  ASSERT_EQ(m.columns.size(), 7U);
  EXPECT_EQ(m.columns[0], CaseField::kCaseNumber);
  EXPECT_EQ(m.columns[1], CaseField::kOccurredAt);
  EXPECT_EQ(m.columns[2], CaseField::kPlace);
  EXPECT_EQ(m.columns[4], CaseField::kLoss);
  EXPECT_EQ(m.columns[5], CaseField::kNotes);
  EXPECT_FALSE(m.columns[6]);
  EXPECT_EQ(m.ignored, std::vector<std::string>{"录入人"});
}

TEST(CaseImport, MissingAndRepeatedColumnsAreProblems) {
  const auto m = map_case_headers({"案件编号", "发案时间", "发案地", "损失金额", "案件编号"});
  ASSERT_EQ(m.problems.size(), 2U);
  EXPECT_NE(m.problems[0].find("两次"), std::string::npos);
  EXPECT_NE(m.problems[1].find("诈骗类型"), std::string::npos);
}

TEST(CaseImport, TimesAreCountyTime) {
  // 2026-11-30 00:00 in the county is 2026-11-29 16:00 UTC.
  const int64_t midnight = day_start_ms(20261130);
  EXPECT_EQ(midnight, 1795968000000);
  EXPECT_EQ(parse_case_time("2026-11-30"), midnight);
  EXPECT_EQ(parse_case_time("20261130"), midnight);
  EXPECT_EQ(parse_case_time("2026-11-30 14:05"), midnight + (14 * 60 + 5) * 60'000);
  EXPECT_EQ(parse_case_time("2026/11/30 14:05:09"), midnight + ((14 * 60 + 5) * 60 + 9) * 1000);
  EXPECT_EQ(parse_case_time("2026年11月30日14时05分"), midnight + (14 * 60 + 5) * 60'000);
  EXPECT_EQ(parse_case_time("20261130 14:05"), midnight + (14 * 60 + 5) * 60'000);
  // Excel's serial number of 2026-11-30 is 46356; .5 is noon.
  EXPECT_EQ(parse_case_time("46356"), midnight);
  EXPECT_EQ(parse_case_time("46356.5"), midnight + 12 * 3'600'000);
  // The county day of the parsed time is the day written, even just before midnight.
  EXPECT_EQ(county_day_number(*parse_case_time("2026-12-31 23:59")), 20261231);
  EXPECT_EQ(county_day_number(*parse_case_time("2027-01-01 00:00")), 20270101);
}

TEST(CaseImport, BadTimesAreRefused) {
  for (const char* text : {"", "昨天", "2026-02-29", "2026-11-30 24:00", "2026-11-30 12",
                           "2026-13-01", "12345", "46356.5.1", "2026-11-30 12:00:00:00"}) {
    EXPECT_FALSE(parse_case_time(text)) << text;
  }
  EXPECT_TRUE(parse_case_time("2028-02-29 08:00"));  // a leap day
}

TEST(CaseImport, AccountListsWithKindsAndHolders) {
  const auto a = parse_account_list(
      "6222 0212 3456 7890 123（工商银行）；wx_abc123, 0x52908400098527886E0F7030069857D2E4169EE7\n"
      "6217-0000-1111-2222");
  ASSERT_EQ(a.size(), 4U);
  EXPECT_EQ(a[0].kind, SuspectAccountKind::kBankCard);
  EXPECT_EQ(a[0].number, "6222021234567890123");
  EXPECT_EQ(a[0].holder, "工商银行");
  EXPECT_EQ(a[1].kind, SuspectAccountKind::kPaymentAccount);
  EXPECT_EQ(a[1].number, "wx_abc123");
  EXPECT_EQ(a[2].kind, SuspectAccountKind::kVirtualCurrency);
  EXPECT_EQ(a[3].number, "6217000011112222");
  EXPECT_TRUE(parse_account_list(" ；, ").empty());
}

TEST(CaseMasking, NamesAndAccounts) {
  EXPECT_EQ(mask_person_name("张三"), "张*");
  EXPECT_EQ(mask_person_name("欧阳娜娜"), "欧***");
  EXPECT_EQ(mask_person_name(""), "");
  EXPECT_EQ(mask_account_number("6222021234567890123"), "6222***********0123");
  EXPECT_EQ(mask_account_number("wx_abc123"), "wx*****23");
  EXPECT_EQ(mask_account_number("abc12"), "*****");
  EXPECT_EQ(normalize_account_number(SuspectAccountKind::kBankCard, " 6222-0212 3456 "),
            "622202123456");
  EXPECT_EQ(normalize_account_number(SuspectAccountKind::kPaymentAccount, "wx-abc 1"), "wx-abc1");
}

TEST(BackTraceBits, RoundTripEveryFlag) {
  BackTrace t;
  t.person_known = t.visited = t.letter_signed = true;
  t.app.installed = t.app.alerts_lapsed = t.app.registered_strong = true;
  t.spot_checked = true;
  t.last_visit_at = 1795140000000;
  EXPECT_EQ(back_trace_from_bits(back_trace_bits(t), t.last_visit_at), t);
  BackTrace none;
  EXPECT_EQ(back_trace_bits(none), 0U);
  // Stored bits never change meaning: known is bit 0, spot confirmed bit 12.
  BackTrace known;
  known.person_known = true;
  EXPECT_EQ(back_trace_bits(known), 1U);
  BackTrace confirmed;
  confirmed.spot_check_confirmed = true;
  EXPECT_EQ(back_trace_bits(confirmed), 1U << 12);
}

// Every summary figure's condition selects exactly the cases the summary counts.
TEST(BackTraceBits, ConditionsAgreeWithTheSummary) {
  const char* keys[] = {"never_visited",     "not_face_to_face",   "no_letter",
                        "app_not_installed", "app_not_registered", "alerts_off",
                        "alerts_lapsed",     "spot_confirmed"};
  for (const char* key : keys) {
    const auto condition = trace_condition(key);
    ASSERT_TRUE(condition) << key;
    for (uint32_t bits = 0; bits < (1U << 13); ++bits) {
      BackTraceSummary one;
      one.add(back_trace_from_bits(bits, std::nullopt));
      const std::string k = key;
      const int64_t counted = k == "never_visited"        ? one.never_visited
                              : k == "not_face_to_face"   ? one.not_face_to_face
                              : k == "no_letter"          ? one.no_letter
                              : k == "app_not_installed"  ? one.app_not_installed
                              : k == "app_not_registered" ? one.app_not_registered
                              : k == "alerts_off"         ? one.alerts_off
                              : k == "alerts_lapsed"      ? one.alerts_lapsed
                                                          : one.spot_confirmed;
      // Summaries count only known victims; the flags of unknown ones are never set.
      if ((bits & 1U) == 0 && bits != 0) {
        continue;
      }
      EXPECT_EQ(counted == 1, (bits & condition->mask) == condition->value)
          << key << " bits " << bits;
    }
  }
  EXPECT_FALSE(trace_condition("visited_twice"));
}

}  // namespace
}  // namespace fanzha::domain
