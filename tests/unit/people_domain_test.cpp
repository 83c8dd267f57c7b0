#include <gtest/gtest.h>

#include "common/pii_cipher.h"
#include "domain/coverage.h"
#include "domain/person.h"
#include "domain/resident_id.h"
#include "domain/roster.h"

namespace fanzha::domain {
namespace {

constexpr DateNumber kToday = 20261122;

std::string with_check(const std::string& first17) {
  return first17 + resident_id_check_char(first17);
}

TEST(ResidentId, ValidNumbersGiveBirthDateAndSex) {
  // The GB 11643 example number.
  auto parsed = parse_resident_id("11010519491231002X", kToday);
  ASSERT_TRUE(std::holds_alternative<ResidentId>(parsed)) << std::get<std::string>(parsed);
  const auto id = std::get<ResidentId>(parsed);
  EXPECT_EQ(id.birth_date, 19491231);
  EXPECT_EQ(id.sex, Sex::kFemale);  // 17th digit 2 is even
  const auto male = parse_resident_id(with_check("34990119850317001"), kToday);
  ASSERT_TRUE(std::holds_alternative<ResidentId>(male));
  EXPECT_EQ(std::get<ResidentId>(male).sex, Sex::kMale);
  // A lowercase x and separators are accepted and normalised.
  const auto lower = parse_resident_id(" 110105 19491231 002x ", kToday);
  ASSERT_TRUE(std::holds_alternative<ResidentId>(lower));
  EXPECT_EQ(std::get<ResidentId>(lower).number, "11010519491231002X");
}

TEST(ResidentId, RejectsWrongNumbers) {
  auto problem = [](std::string_view text) {
    const auto parsed = parse_resident_id(text, kToday);
    return std::holds_alternative<std::string>(parsed);
  };
  EXPECT_TRUE(problem("110105194912310021"));             // wrong check digit
  EXPECT_TRUE(problem(with_check("34990119850231001")));  // 31 February
  EXPECT_TRUE(problem(with_check("34990118990101001")));  // before 1900
  EXPECT_TRUE(problem(with_check("34990120271231001")));  // born in the future
  EXPECT_TRUE(problem("349901850317001"));                // old 15-digit number
  EXPECT_TRUE(problem("3.49901198503E+17"));              // a number Excel rounded
  EXPECT_TRUE(problem("34990119850317001A"));
  EXPECT_TRUE(problem(""));
  // Messages never repeat the number.
  const auto parsed = parse_resident_id("110105194912310021", kToday);
  EXPECT_EQ(std::get<std::string>(parsed).find("110105"), std::string::npos);
}

TEST(ResidentId, LeapDaysAndAges) {
  EXPECT_TRUE(is_valid_date(20000229));
  EXPECT_FALSE(is_valid_date(19000229));
  EXPECT_FALSE(is_valid_date(20230229));
  EXPECT_EQ(age_on(19851122, 20261122), 41);
  EXPECT_EQ(age_on(19851123, 20261122), 40);
  EXPECT_EQ(age_on(20261122, 20261122), 0);
}

TEST(Phone, MobilesAndLandlines) {
  auto digits = [](std::string_view text) {
    const auto parsed = parse_phone(text);
    return std::holds_alternative<PhoneNumber>(parsed) ? std::get<PhoneNumber>(parsed).digits
                                                       : std::string("!");
  };
  EXPECT_EQ(digits("138 1234 5678"), "13812345678");
  EXPECT_EQ(digits("+86-138-1234-5678"), "13812345678");
  EXPECT_EQ(digits("8613812345678"), "13812345678");
  EXPECT_EQ(digits("0563-1234567"), "05631234567");
  EXPECT_EQ(digits("12812345678"), "!");
  EXPECT_EQ(digits("1381234567"), "!");
  EXPECT_EQ(digits("1.38123E+10"), "!");
}

TEST(Masking, ShowsOnlyTheEnds) {
  EXPECT_EQ(mask_resident_id("341822199001011234"), "3418**********1234");
  EXPECT_EQ(mask_phone("13812345678"), "138****5678");
  EXPECT_EQ(mask_phone("05631234567"), "0563*****67");
  EXPECT_EQ(mask_phone("123"), "***");
}

TEST(PiiCipher, RoundTripDetectsTamperingAndHashesByPurpose) {
  SeededRandom random(1);
  const auto cipher = PiiCipher::from_key_file_text(PiiCipher::new_key_file_text(random));
  const std::string sealed = cipher->encrypt("341822199001011234", random);
  EXPECT_EQ(sealed.find("341822199001011234"), std::string::npos);
  EXPECT_EQ(cipher->decrypt(sealed), "341822199001011234");
  EXPECT_NE(cipher->encrypt("341822199001011234", random), sealed);  // fresh nonce each time
  std::string altered = sealed;
  altered.back() ^= 1;
  EXPECT_FALSE(cipher->decrypt(altered));
  EXPECT_FALSE(cipher->decrypt("short"));
  EXPECT_EQ(cipher->lookup_hash("id", "13812345678"), cipher->lookup_hash("id", "13812345678"));
  EXPECT_NE(cipher->lookup_hash("id", "13812345678"), cipher->lookup_hash("phone", "13812345678"));
  EXPECT_EQ(cipher->lookup_hash("id", "x").size(), 16u);
  // Another key opens nothing and hashes differently.
  const auto other = PiiCipher::from_key_file_text(PiiCipher::new_key_file_text(random));
  EXPECT_FALSE(other->decrypt(sealed));
  EXPECT_NE(other->lookup_hash("id", "x"), cipher->lookup_hash("id", "x"));
  EXPECT_THROW(PiiCipher::from_key_file_text("not a key"), std::runtime_error);
}

TEST(PersonTags, ParseLabelsKeysAndSynonyms) {
  std::string unknown;
  const auto set = parse_person_tags("学生、外出务工, key_person；独居老人", &unknown);
  ASSERT_TRUE(set);
  EXPECT_EQ(*set, person_tag_bit(PersonTag::kStudent) | person_tag_bit(PersonTag::kWorkingAway) |
                      person_tag_bit(PersonTag::kKeyPerson) |
                      person_tag_bit(PersonTag::kElderlyAlone));
  EXPECT_FALSE(parse_person_tags("学生、外星人", &unknown));
  EXPECT_EQ(unknown, "外星人");
  EXPECT_EQ(parse_person_tags("", &unknown), 0u);
}

TEST(Roster, HeadersMapByNameInEitherLanguage) {
  const auto m = map_roster_headers(
      {"序号", "姓名", "公民身份号码", "联系电话", "户号", "与户主关系", "所属网格", "备注"}, {});
  EXPECT_EQ(m.columns.of(RosterField::kName), 1);
  EXPECT_EQ(m.columns.of(RosterField::kIdNumber), 2);
  EXPECT_EQ(m.columns.of(RosterField::kPhone), 3);
  EXPECT_EQ(m.columns.of(RosterField::kUnit), 6);
  EXPECT_EQ(m.unknown_headers, (std::vector<std::string>{"序号"}));
  EXPECT_TRUE(m.problems.empty());
  const auto chosen =
      map_roster_headers({"序号", "Name", "Household", "手机"}, {{"序号", "ignore"}});
  EXPECT_TRUE(chosen.unknown_headers.empty());
  EXPECT_EQ(chosen.ignored_headers, (std::vector<std::string>{"序号"}));
  EXPECT_EQ(chosen.columns.of(RosterField::kName), 1);
  const auto missing = map_roster_headers({"姓名", "电话", "手机号"}, {});
  EXPECT_EQ(missing.problems.size(), 2u);  // two phone columns, no 户号
}

TEST(Roster, RowsAreCheckedFieldByField) {
  const auto m =
      map_roster_headers({"姓名", "身份证号", "手机号", "户号", "与户主关系", "性别", "标签"}, {});
  const std::string id = with_check("34990119850317001");
  const auto ok = parse_roster_row(
      7, {"张伟", id, "138 1234 5678", "0012", "本人", "男", "外出务工"}, m.columns, kToday);
  ASSERT_TRUE(ok.record) << ok.errors[0].message;
  EXPECT_EQ(ok.record->line, 7);
  EXPECT_EQ(ok.record->phone, "13812345678");
  EXPECT_EQ(ok.record->relation, "户主");
  EXPECT_EQ(ok.record->birth_date, 19850317);
  const auto bad = parse_roster_row(8, {"", "110105194912310021", "12345", "", "", "女", "外星人"},
                                    m.columns, kToday);
  EXPECT_FALSE(bad.record);
  std::vector<std::string> fields;
  for (const auto& e : bad.errors) {
    EXPECT_EQ(e.line, 8);
    fields.push_back(e.field);
  }
  EXPECT_EQ(fields,
            (std::vector<std::string>{"name", "household_number", "id_number", "phone", "tags"}));
  const auto sex = parse_roster_row(9, {"张伟", id, "", "0012", "", "女", ""}, m.columns, kToday);
  ASSERT_EQ(sex.errors.size(), 1u);
  EXPECT_EQ(sex.errors[0].field, "sex");
}

TEST(Coverage, RatesAndRanksWithTiesAndBottomThree) {
  EXPECT_DOUBLE_EQ(coverage_rate(1, 4), 0.25);
  EXPECT_DOUBLE_EQ(coverage_rate(3, 0), 0.0);
  const std::vector<CoverageCounts> units = {
      {100, 90, 80, 70},  // 0: 90%
      {10, 9, 9, 9},      // 1: 90%, better face to face → ahead of 0
      {50, 10, 10, 10},   // 2: 20%
      {0, 0, 0, 0},       // 3: no households: not ranked
      {40, 20, 10, 5},    // 4: 50%
      {20, 4, 2, 2},      // 5: 20%, worse face to face than 2
      {30, 15, 5, 5},     // 6: 50%, worse face to face than 4
  };
  const auto ranks = rank_by_coverage(units);
  EXPECT_EQ(ranks[1].rank, 1);
  EXPECT_EQ(ranks[0].rank, 2);
  EXPECT_EQ(ranks[4].rank, 3);
  EXPECT_EQ(ranks[6].rank, 4);
  EXPECT_EQ(ranks[2].rank, 5);
  EXPECT_EQ(ranks[5].rank, 6);
  EXPECT_FALSE(ranks[3].rank);
  EXPECT_FALSE(ranks[3].bottom);
  EXPECT_TRUE(ranks[6].bottom && ranks[2].bottom && ranks[5].bottom);
  EXPECT_FALSE(ranks[4].bottom);
  // Exact ties share a rank (1/3 and 2/6 are equal), and a tie at the line is marked too.
  const auto tied =
      rank_by_coverage({{3, 1, 1, 1}, {6, 2, 2, 2}, {4, 4, 4, 4}, {5, 5, 5, 5}, {9, 0, 0, 0}});
  EXPECT_EQ(tied[0].rank, 3);
  EXPECT_EQ(tied[1].rank, 3);
  EXPECT_TRUE(tied[0].bottom && tied[1].bottom && tied[4].bottom);
  EXPECT_FALSE(tied[2].bottom || tied[3].bottom);
  // Three or fewer units: no bottom three to name.
  const auto few = rank_by_coverage({{10, 1, 1, 1}, {10, 2, 2, 2}});
  EXPECT_FALSE(few[0].bottom || few[1].bottom);
}

}  // namespace
}  // namespace fanzha::domain
