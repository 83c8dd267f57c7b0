// The kinds of org unit and the rules of the tree: which kind may sit under which, and
// what a kind's code looks like. Pure, thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace fanzha::domain {

enum class OrgKind {
  kCounty,
  kTownship,
  kStreet,
  kVillage,
  kCommunity,
  kGrid,
  kVillageGroup,
  kBuilding,
  kDepartment,
  kBankBranch,
  kTelecomShop,
  kEnterprise,
  kSchool,
  kCollege,
  kClass,
  kDorm,
};

// Every kind, in the order pages list them.
std::span<const OrgKind> all_org_kinds();

// Stable key used in the API, the database and CSV files, e.g. "village_group".
std::string_view org_kind_key(OrgKind kind);
// The Chinese label shown to people, e.g. "村民组".
std::string_view org_kind_label(OrgKind kind);
// Accepts the key or the Chinese label (and a few common synonyms such as "乡", "镇").
std::optional<OrgKind> parse_org_kind(std::string_view text);

// Whether a unit of `child` kind may sit under a parent of `parent` kind; a nullopt
// parent means the root of the tree.
bool org_kind_allowed_under(OrgKind child, std::optional<OrgKind> parent);
// The parent kinds `child` may sit under (empty for kinds that may only be a root).
std::span<const OrgKind> allowed_parent_kinds(OrgKind child);

// Geographic kinds carry administrative-division codes of a fixed number of digits.
std::optional<int> admin_code_digits(OrgKind kind);

// Checks a unit code for its kind; returns a message for people when it is wrong.
std::optional<std::string> check_org_code(OrgKind kind, std::string_view code);
// Checks a unit name (1-64 characters, no control characters, no outer spaces).
std::optional<std::string> check_org_name(std::string_view name);

}  // namespace fanzha::domain
