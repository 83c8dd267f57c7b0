// Households (户) and the people in them, as the rest of fanzha sees them: plain data,
// with personal numbers only in masked form. Plus the person tags the campaigns target
// and the link of a person to a unit or school class. Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/resident_id.h"

namespace fanzha::domain {

enum class PersonTag : uint8_t {
  kElderlyAlone,    // 60岁以上独居
  kStudent,         // 学生
  kFinanceStaff,    // 财务人员
  kEnterpriseHead,  // 企业负责人
  kShopOwner,       // 个体商户
  kWorkingAway,     // 外出务工
  kReturnee,        // 返乡人员
  kKeyPerson,       // 重点人员
};
using PersonTagSet = uint32_t;

std::span<const PersonTag> all_person_tags();
std::string_view person_tag_key(PersonTag tag);
std::string_view person_tag_label(PersonTag tag);
std::optional<PersonTag> parse_person_tag(std::string_view key_or_label);
inline PersonTagSet person_tag_bit(PersonTag tag) {
  return PersonTagSet{1} << static_cast<int>(tag);
}

// Parses "学生、外出务工" (separators , ， ; ； 、 / and spaces); nullopt names the first
// unknown part in `unknown`.
std::optional<PersonTagSet> parse_person_tags(std::string_view text, std::string* unknown);

// How a person is linked to a unit or school class besides their household.
enum class LinkRole : uint8_t { kNone, kStaff, kStudent, kParent };
std::string_view link_role_key(LinkRole role);    // "", "staff", "student", "parent"
std::string_view link_role_label(LinkRole role);  // "", "职工", "学生", "家长"
std::optional<LinkRole> parse_link_role(std::string_view key_or_label);

// The household head's relation; "本人" and "户主" both mean the head.
inline constexpr std::string_view kHeadRelation = "户主";
std::string normalize_relation(std::string_view relation);

struct Household {
  int64_t id = 0;
  int64_t org_unit_id = 0;  // a grid, village group, building, village or community
  std::string org_unit_name;
  int64_t village_unit_id =
      0;  // the village or community it belongs to (household numbers are unique there)
  std::string number;  // 户号
  std::string address;
  std::string head_name;  // the member whose relation is 户主, if any
  int64_t member_count = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct Person {
  int64_t id = 0;
  int64_t household_id = 0;
  std::string household_number;
  int64_t org_unit_id = 0;  // the household's unit
  std::string org_unit_name;
  std::string name;
  std::string id_masked;     // "" when no ID number is on file
  std::string phone_masked;  // "" when no phone is on file
  Sex sex = Sex::kUnknown;
  DateNumber birth_date = 0;  // 0 when unknown
  std::string relation;
  std::string address;
  PersonTagSet tags = 0;
  std::string notes;
  std::optional<int64_t> link_unit_id;
  std::string link_unit_name;
  LinkRole link_role = LinkRole::kNone;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

inline constexpr size_t kMaxRelationChars = 16;
inline constexpr size_t kMaxAddressChars = 128;
inline constexpr size_t kMaxNotesChars = 500;

// Text rules shared by forms and imports; each returns a message when the text is wrong.
std::optional<std::string> check_person_name(std::string_view name);
std::optional<std::string> check_household_number(std::string_view number);
std::optional<std::string> check_free_text(std::string_view text, size_t max_chars,
                                           std::string_view what);

}  // namespace fanzha::domain
