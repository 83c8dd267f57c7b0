#include "domain/person.h"

#include <array>

#include "common/text.h"

namespace fanzha::domain {

namespace {

struct TagInfo {
  PersonTag tag;
  std::string_view key;
  std::string_view label;
};

constexpr std::array kTags = {
    TagInfo{PersonTag::kElderlyAlone, "elderly_alone", "60岁以上独居"},
    TagInfo{PersonTag::kStudent, "student", "学生"},
    TagInfo{PersonTag::kFinanceStaff, "finance_staff", "财务人员"},
    TagInfo{PersonTag::kEnterpriseHead, "enterprise_head", "企业负责人"},
    TagInfo{PersonTag::kShopOwner, "shop_owner", "个体商户"},
    TagInfo{PersonTag::kWorkingAway, "working_away", "外出务工"},
    TagInfo{PersonTag::kReturnee, "returnee", "返乡人员"},
    TagInfo{PersonTag::kKeyPerson, "key_person", "重点人员"},
};
constexpr std::array kAllTags = {PersonTag::kElderlyAlone, PersonTag::kStudent,
                                 PersonTag::kFinanceStaff, PersonTag::kEnterpriseHead,
                                 PersonTag::kShopOwner,    PersonTag::kWorkingAway,
                                 PersonTag::kReturnee,     PersonTag::kKeyPerson};

// Other words people write in rosters for the same tags.
struct TagSynonym {
  std::string_view text;
  PersonTag tag;
};
constexpr std::array kTagSynonyms = {
    TagSynonym{"独居老人", PersonTag::kElderlyAlone},
    TagSynonym{"空巢老人", PersonTag::kElderlyAlone},
    TagSynonym{"在校生", PersonTag::kStudent},
    TagSynonym{"财务", PersonTag::kFinanceStaff},
    TagSynonym{"会计", PersonTag::kFinanceStaff},
    TagSynonym{"企业主", PersonTag::kEnterpriseHead},
    TagSynonym{"店主", PersonTag::kShopOwner},
    TagSynonym{"商户", PersonTag::kShopOwner},
    TagSynonym{"务工", PersonTag::kWorkingAway},
    TagSynonym{"外出", PersonTag::kWorkingAway},
    TagSynonym{"返乡", PersonTag::kReturnee},
    TagSynonym{"重点", PersonTag::kKeyPerson},
};

constexpr size_t kMaxPersonNameChars = 32;
constexpr size_t kMaxHouseholdNumberChars = 32;

}  // namespace

std::span<const PersonTag> all_person_tags() { return kAllTags; }
std::string_view person_tag_key(PersonTag tag) { return kTags[static_cast<size_t>(tag)].key; }
std::string_view person_tag_label(PersonTag tag) { return kTags[static_cast<size_t>(tag)].label; }

std::optional<PersonTag> parse_person_tag(std::string_view text) {
  text = trim(text);
  for (const auto& t : kTags) {
    if (text == t.key || text == t.label) {
      return t.tag;
    }
  }
  for (const auto& s : kTagSynonyms) {
    if (text == s.text) {
      return s.tag;
    }
  }
  return std::nullopt;
}

std::optional<PersonTagSet> parse_person_tags(std::string_view text, std::string* unknown) {
  static constexpr std::array<std::string_view, 9> kSeparators = {
      ",", "，", ";", "；", "、", "/", " ", "\xE3\x80\x80", "|"};
  PersonTagSet set = 0;
  while (!text.empty()) {
    size_t cut = text.size();
    size_t width = 0;
    for (auto sep : kSeparators) {
      const size_t at = text.find(sep);
      if (at < cut) {
        cut = at;
        width = sep.size();
      }
    }
    const std::string_view part = trim(text.substr(0, cut));
    text = cut == text.size() ? std::string_view() : text.substr(cut + width);
    if (part.empty()) {
      continue;
    }
    const auto tag = parse_person_tag(part);
    if (!tag) {
      if (unknown) {
        *unknown = std::string(part);
      }
      return std::nullopt;
    }
    set |= person_tag_bit(*tag);
  }
  return set;
}

std::string_view link_role_key(LinkRole role) {
  switch (role) {
    case LinkRole::kStaff:
      return "staff";
    case LinkRole::kStudent:
      return "student";
    case LinkRole::kParent:
      return "parent";
    case LinkRole::kNone:
      break;
  }
  return "";
}

std::string_view link_role_label(LinkRole role) {
  switch (role) {
    case LinkRole::kStaff:
      return "职工";
    case LinkRole::kStudent:
      return "学生";
    case LinkRole::kParent:
      return "家长";
    case LinkRole::kNone:
      break;
  }
  return "";
}

std::optional<LinkRole> parse_link_role(std::string_view text) {
  text = trim(text);
  if (text.empty()) {
    return LinkRole::kNone;
  }
  for (auto role : {LinkRole::kStaff, LinkRole::kStudent, LinkRole::kParent}) {
    if (text == link_role_key(role) || text == link_role_label(role)) {
      return role;
    }
  }
  if (text == "教职工" || text == "员工" || text == "干部职工") {
    return LinkRole::kStaff;
  }
  return std::nullopt;
}

std::string normalize_relation(std::string_view relation) {
  relation = trim(relation);
  if (relation == "本人" || relation == "户主" || relation == "户主本人") {
    return std::string(kHeadRelation);
  }
  return std::string(relation);
}

std::optional<std::string> check_free_text(std::string_view text, size_t max_chars,
                                           std::string_view what) {
  if (!is_valid_utf8(text)) {
    return std::string(what) + "包含无效字符";
  }
  if (utf8_length(text) > max_chars) {
    return std::string(what) + "最长" + std::to_string(max_chars) + "个字";
  }
  return std::nullopt;
}

std::optional<std::string> check_person_name(std::string_view name) {
  if (trim(name).empty()) {
    return "姓名不能为空";
  }
  if (has_control_chars(name)) {
    return "姓名不能包含换行或控制字符";
  }
  if (auto problem = check_free_text(name, kMaxPersonNameChars, "姓名")) {
    return problem;
  }
  return std::nullopt;
}

std::optional<std::string> check_household_number(std::string_view number) {
  if (trim(number).empty()) {
    return "户号不能为空";
  }
  if (has_control_chars(number)) {
    return "户号不能包含换行或控制字符";
  }
  return check_free_text(number, kMaxHouseholdNumberChars, "户号");
}

}  // namespace fanzha::domain
