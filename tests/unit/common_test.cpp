#include <gtest/gtest.h>

#include <set>

#include "common/clock.h"
#include "common/csv.h"
#include "common/error.h"
#include "common/password.h"
#include "common/random.h"
#include "common/text.h"

namespace fanzha {
namespace {

TEST(Csv, ReadsQuotedFieldsAndLineNumbers) {
  const auto r = parse_csv(
      "\xEF\xBB\xBF"
      "a,b,c\r\n"
      "1,\"x, y\",\"say \"\"hi\"\"\"\n"
      "\n"
      "2,\"two\nlines\",z\n"
      "3,,\n");
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.records.size(), 4u);
  EXPECT_EQ(r.records[0].fields, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(r.records[1].fields, (std::vector<std::string>{"1", "x, y", "say \"hi\""}));
  EXPECT_EQ(r.records[1].line, 2);
  EXPECT_EQ(r.records[2].line, 4);
  EXPECT_EQ(r.records[2].fields[1], "two\nlines");
  EXPECT_EQ(r.records[3].line, 6);
  EXPECT_EQ(r.records[3].fields, (std::vector<std::string>{"3", "", ""}));
}

TEST(Csv, LastLineWithoutNewline) {
  const auto r = parse_csv("a,b\n1,2");
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[1].fields[1], "2");
}

TEST(Csv, ReportsUnterminatedQuoteWithItsLine) {
  const auto r = parse_csv("a,b\n1,2\n3,\"open\n4,5\n");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error_line, 3);
}

TEST(Csv, ReportsStrayQuote) {
  EXPECT_TRUE(parse_csv("a,b\"c\n").error);
  EXPECT_TRUE(parse_csv("\"a\"b,c\n").error);
}

TEST(Csv, CursorYieldsOneRecordAtATime) {
  const std::string text =
      "\xEF\xBB\xBF"
      "a,b\r\n\r\n1,\"x\ny\"\n2,3";
  CsvCursor cursor(text);
  EXPECT_EQ(cursor.offset(), 3u);  // past the BOM
  EXPECT_EQ(cursor.size(), text.size());
  auto first = cursor.next();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->line, 1);
  EXPECT_EQ(first->fields, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(cursor.offset(), 8u);
  auto second = cursor.next();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->line, 3);
  EXPECT_EQ(second->fields, (std::vector<std::string>{"1", "x\ny"}));
  auto third = cursor.next();
  ASSERT_TRUE(third);
  EXPECT_EQ(third->line, 5);
  EXPECT_EQ(cursor.offset(), text.size());
  EXPECT_FALSE(cursor.next());
  EXPECT_FALSE(cursor.error());
}

TEST(Csv, CursorStopsAtTheFirstError) {
  CsvCursor cursor("a,b\n1,\"2\"x\n3,4\n");
  ASSERT_TRUE(cursor.next());
  EXPECT_FALSE(cursor.next());
  ASSERT_TRUE(cursor.error());
  EXPECT_EQ(cursor.error_line(), 2);
  EXPECT_FALSE(cursor.next());  // no records after an error
}

TEST(Text, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8("安澜县 abc"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xE5\xAE"));          // truncated
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_EQ(utf8_length("安澜县ab"), 5u);
}

TEST(Text, TrimAndControls) {
  EXPECT_EQ(trim("\xE3\x80\x80 城关镇\t "), "城关镇");
  EXPECT_TRUE(has_control_chars("a\nb"));
  EXPECT_TRUE(has_control_chars("a\xC2\x85"));
  EXPECT_FALSE(has_control_chars("城关镇 第一网格"));
  EXPECT_EQ(parse_int64("42"), 42);
  EXPECT_FALSE(parse_int64("42x"));
  EXPECT_FALSE(parse_int64(""));
  EXPECT_FALSE(parse_int64("99999999999999999999"));
}

TEST(ErrorRegistry, CodesAreUniqueAndMapped) {
  std::set<std::string_view> names;
#define FANZHA_CHECK_CODE(name, code, status, exit_code)              \
  EXPECT_TRUE(names.insert(error_code_name(ErrorCode::name)).second); \
  EXPECT_EQ(error_code_name(ErrorCode::name), code);                  \
  EXPECT_EQ(error_http_status(ErrorCode::name), status);              \
  EXPECT_GE(error_http_status(ErrorCode::name), 400);                 \
  EXPECT_NE(error_exit_code(ErrorCode::name), 0);
  FANZHA_ERROR_CODES(FANZHA_CHECK_CODE)
#undef FANZHA_CHECK_CODE
  EXPECT_EQ(error_http_status(ErrorCode::kNotFound), 404);
  EXPECT_EQ(error_http_status(ErrorCode::kImportRejected), 422);
}

TEST(Random, SeededIsRepeatableAndUniformStaysInRange) {
  SeededRandom a(7), b(7);
  EXPECT_EQ(a.hex_token(16), b.hex_token(16));
  std::vector<int> counts(6, 0);
  for (int i = 0; i < 6000; ++i) {
    const auto v = a.uniform(6);
    ASSERT_LT(v, 6u);
    ++counts[v];
  }
  for (int c : counts) {
    EXPECT_GT(c, 800);
    EXPECT_LT(c, 1200);
  }
  EXPECT_EQ(SystemRandom().hex_token(32).size(), 64u);
}

TEST(Clock, FormatsCountyTime) {
  // 2026-01-01T00:00:00Z is 08:00 in the county.
  EXPECT_EQ(format_county_time(1767225600000), "2026-01-01 08:00");
  FixedClock clock(1000);
  clock.advance(kMillisPerMinute);
  EXPECT_EQ(clock.now_ms(), 61000);
}

TEST(PasswordHasher, VerifiesAndNoticesParameterChanges) {
  const PasswordHasher cheap({1, 8 << 20});
  const std::string hash = cheap.hash("Correct-horse-1");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(cheap.verify(hash, "Correct-horse-1"));
  EXPECT_FALSE(cheap.verify(hash, "correct-horse-1"));
  EXPECT_NE(cheap.hash("Correct-horse-1"), hash);  // salted
  EXPECT_FALSE(cheap.needs_rehash(hash));
  EXPECT_TRUE(PasswordHasher({2, 8 << 20}).needs_rehash(hash));
}

TEST(TokenDigest, IsStableHexAndHidesTheToken) {
  const auto d = token_digest("abc");
  EXPECT_EQ(d.size(), 64u);
  EXPECT_EQ(d, token_digest("abc"));
  EXPECT_NE(d, token_digest("abd"));
  EXPECT_EQ(d.find("abc"), std::string::npos);
}

}  // namespace
}  // namespace fanzha
