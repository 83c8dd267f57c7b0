// Money in integer fen: what police exports and people type, rejected input with a
// reason, exact sums and the yuan / 万元 figures bulletins print.
#include "domain/money.h"

#include <gtest/gtest.h>

namespace fanzha::domain {
namespace {

int64_t fen(std::string_view text) {
  const auto r = parse_yuan(text);
  EXPECT_TRUE(std::holds_alternative<int64_t>(r)) << text << ": " << std::get<std::string>(r);
  return std::holds_alternative<int64_t>(r) ? std::get<int64_t>(r) : -1;
}

bool rejected(std::string_view text) {
  return std::holds_alternative<std::string>(parse_yuan(text));
}

TEST(Money, ParsesWhatPeopleWrite) {
  EXPECT_EQ(fen("3000"), 300'000);
  EXPECT_EQ(fen("12,345.67"), 1'234'567);
  EXPECT_EQ(fen("12345.6"), 1'234'560);
  EXPECT_EQ(fen("3000元"), 300'000);
  EXPECT_EQ(fen("￥500"), 50'000);
  EXPECT_EQ(fen("¥ 0.01"), 1);
  EXPECT_EQ(fen("人民币1,000,000元"), 100'000'000);
  EXPECT_EQ(fen("1.5万"), 1'500'000);
  EXPECT_EQ(fen("12万元"), 12'000'000);
  EXPECT_EQ(fen("0.000001万"), 1);
  EXPECT_EQ(fen("１２３．４５"), 12'345);  // full-width
  EXPECT_EQ(fen("  880 "), 88'000);
  EXPECT_EQ(fen("0"), 0);
  EXPECT_EQ(fen("007"), 700);
}

TEST(Money, RejectsWithAReason) {
  EXPECT_TRUE(rejected(""));
  EXPECT_TRUE(rejected("-5"));
  EXPECT_TRUE(rejected("1.234"));  // below a fen
  EXPECT_TRUE(rejected("1.0000001万"));
  EXPECT_TRUE(rejected("12,34"));  // a misplaced separator
  EXPECT_TRUE(rejected(",123"));
  EXPECT_TRUE(rejected("1,2345"));
  EXPECT_TRUE(rejected("5."));
  EXPECT_TRUE(rejected(".5"));
  EXPECT_TRUE(rejected("三千"));
  EXPECT_TRUE(rejected("1e5"));
  EXPECT_TRUE(rejected("100000000001"));  // over 100 billion yuan
  EXPECT_TRUE(rejected("99999999999999999999999"));
  EXPECT_EQ(fen("100000000000"), kMaxFen);
}

TEST(Money, FormatsExactly) {
  EXPECT_EQ(format_yuan(1'234'567), "12,345.67");
  EXPECT_EQ(format_yuan(5), "0.05");
  EXPECT_EQ(format_yuan(100'000'000), "1,000,000.00");
  EXPECT_EQ(format_wan_yuan(1'234'567), "1.23");
  EXPECT_EQ(format_wan_yuan(1'235'000), "1.24");  // half rounds up
  EXPECT_EQ(format_wan_yuan(4'999), "0.00");
  EXPECT_EQ(format_wan_yuan(-1'235'000), "-1.24");
  EXPECT_EQ(format_wan_yuan(5'000'000'000), "5,000.00");
}

TEST(Money, SumsOfManyCasesStayExact) {
  // 500,000 cases of 0.10 yuan sum to exactly 50,000 yuan; doubles would drift.
  int64_t total = 0;
  double drifting = 0;
  for (int i = 0; i < 500'000; ++i) {
    total += fen("0.10");
    drifting += 0.10;
  }
  EXPECT_EQ(format_yuan(total), "50,000.00");
  EXPECT_NE(drifting, 50'000.0);
}

}  // namespace
}  // namespace fanzha::domain
