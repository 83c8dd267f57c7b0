#include "domain/org_kind.h"

#include <algorithm>
#include <array>

#include "common/text.h"

namespace fanzha::domain {

namespace {

using K = OrgKind;

struct KindInfo {
  OrgKind kind;
  std::string_view key;
  std::string_view label;
  std::optional<int> code_digits;  // administrative-division code length, if geographic
};

constexpr std::array kKinds = {
    KindInfo{K::kCounty, "county", "县", 6},
    KindInfo{K::kTownship, "township", "乡镇", 9},
    KindInfo{K::kStreet, "street", "街道", 9},
    KindInfo{K::kVillage, "village", "村", 12},
    KindInfo{K::kCommunity, "community", "社区", 12},
    KindInfo{K::kGrid, "grid", "网格", 15},
    KindInfo{K::kVillageGroup, "village_group", "村民组", 15},
    KindInfo{K::kBuilding, "building", "楼栋", 15},
    KindInfo{K::kDepartment, "department", "县直单位", std::nullopt},
    KindInfo{K::kBankBranch, "bank_branch", "银行网点", std::nullopt},
    KindInfo{K::kTelecomShop, "telecom_shop", "营业厅", std::nullopt},
    KindInfo{K::kEnterprise, "enterprise", "企业", std::nullopt},
    KindInfo{K::kSchool, "school", "学校", std::nullopt},
    KindInfo{K::kCollege, "college", "学院/年级", std::nullopt},
    KindInfo{K::kClass, "class", "班级", std::nullopt},
    KindInfo{K::kDorm, "dorm", "宿舍", std::nullopt},
};

constexpr std::array kAllKinds = {K::kCounty,     K::kTownship,   K::kStreet,       K::kVillage,
                                  K::kCommunity,  K::kGrid,       K::kVillageGroup, K::kBuilding,
                                  K::kDepartment, K::kBankBranch, K::kTelecomShop,  K::kEnterprise,
                                  K::kSchool,     K::kCollege,    K::kClass,        K::kDorm};

// Which parents each kind accepts. The geographic spine is county → township/street →
// village/community → grid/village group/building; sector units hang under the county
// or a township; the school grid is school → college/grade → class → dorm.
constexpr std::array<K, 0> kNoParents{};
constexpr std::array kUnderCounty = {K::kCounty};
constexpr std::array kUnderTownship = {K::kTownship, K::kStreet};
constexpr std::array kUnderVillage = {K::kVillage, K::kCommunity};
constexpr std::array kUnderGridParent = {K::kVillage, K::kCommunity, K::kGrid};
constexpr std::array kUnderCountyOrTownship = {K::kCounty, K::kTownship, K::kStreet};
constexpr std::array kUnderSector = {K::kCounty, K::kTownship, K::kStreet, K::kDepartment};
constexpr std::array kUnderSchool = {K::kSchool};
constexpr std::array kUnderCollege = {K::kSchool, K::kCollege};
constexpr std::array kUnderDormParent = {K::kSchool, K::kCollege};

std::span<const K> parents_of(K kind) {
  switch (kind) {
    case K::kCounty:
      return kNoParents;
    case K::kTownship:
    case K::kStreet:
    case K::kDepartment:
      return kUnderCounty;
    case K::kVillage:
    case K::kCommunity:
      return kUnderTownship;
    case K::kGrid:
      return kUnderVillage;
    case K::kVillageGroup:
    case K::kBuilding:
      return kUnderGridParent;
    case K::kBankBranch:
    case K::kTelecomShop:
    case K::kEnterprise:
      return kUnderSector;
    case K::kSchool:
      return kUnderCountyOrTownship;
    case K::kCollege:
      return kUnderSchool;
    case K::kClass:
      return kUnderCollege;
    case K::kDorm:
      return kUnderDormParent;
  }
  return kNoParents;
}

const KindInfo& info(OrgKind kind) { return kKinds[static_cast<size_t>(kind)]; }

constexpr size_t kMaxNameChars = 64;
constexpr size_t kMaxCodeChars = 32;

}  // namespace

std::span<const OrgKind> all_org_kinds() { return kAllKinds; }

std::string_view org_kind_key(OrgKind kind) { return info(kind).key; }

std::string_view org_kind_label(OrgKind kind) { return info(kind).label; }

std::optional<OrgKind> parse_org_kind(std::string_view text) {
  text = trim(text);
  for (const auto& k : kKinds) {
    if (text == k.key || text == k.label) {
      return k.kind;
    }
  }
  struct Synonym {
    std::string_view text;
    OrgKind kind;
  };
  static constexpr Synonym kSynonyms[] = {
      {"乡", K::kTownship},         {"镇", K::kTownship},     {"居委会", K::kCommunity},
      {"村委会", K::kVillage},      {"组", K::kVillageGroup}, {"学院", K::kCollege},
      {"年级", K::kCollege},        {"班", K::kClass},        {"银行", K::kBankBranch},
      {"县直部门", K::kDepartment}, {"单位", K::kDepartment}, {"区县", K::kCounty}};
  for (const auto& s : kSynonyms) {
    if (text == s.text) {
      return s.kind;
    }
  }
  return std::nullopt;
}

bool org_kind_allowed_under(OrgKind child, std::optional<OrgKind> parent) {
  const auto parents = parents_of(child);
  if (!parent) {
    return parents.empty();
  }
  return std::find(parents.begin(), parents.end(), *parent) != parents.end();
}

std::span<const OrgKind> allowed_parent_kinds(OrgKind child) { return parents_of(child); }

std::optional<int> admin_code_digits(OrgKind kind) { return info(kind).code_digits; }

std::optional<std::string> check_org_code(OrgKind kind, std::string_view code) {
  if (code.empty()) {
    return "编码不能为空";
  }
  if (const auto digits = admin_code_digits(kind)) {
    const bool all_digits =
        std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!all_digits || code.size() != static_cast<size_t>(*digits)) {
      return std::string(org_kind_label(kind)) + "的编码应为" + std::to_string(*digits) +
             "位数字（行政区划代码）";
    }
    return std::nullopt;
  }
  if (code.size() > kMaxCodeChars) {
    return "编码最长32个字符";
  }
  const bool allowed = std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
           c == '_' || c == '.';
  });
  if (!allowed) {
    return "编码只能包含字母、数字和 - _ .";
  }
  return std::nullopt;
}

std::optional<std::string> check_org_name(std::string_view name) {
  if (name.empty()) {
    return "名称不能为空";
  }
  if (!is_valid_utf8(name)) {
    return "名称不是有效的 UTF-8 文本";
  }
  if (trim(name).size() != name.size()) {
    return "名称首尾不能有空格";
  }
  if (has_control_chars(name)) {
    return "名称不能包含换行或控制字符";
  }
  if (utf8_length(name) > kMaxNameChars) {
    return "名称最长64个字";
  }
  return std::nullopt;
}

}  // namespace fanzha::domain
