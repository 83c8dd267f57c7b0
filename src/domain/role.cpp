#include "domain/role.h"

#include <algorithm>
#include <array>

namespace fanzha::domain {

namespace {

using C = Capability;
using K = OrgKind;

struct RoleInfo {
  Role role;
  std::string_view key;
  std::string_view label;
};

constexpr std::array kRoles = {
    RoleInfo{Role::kAdmin, "admin", "县平安办管理员"},
    RoleInfo{Role::kPolice, "police", "公安反诈中心"},
    RoleInfo{Role::kStation, "station", "派出所"},
    RoleInfo{Role::kTownship, "township", "乡镇/街道"},
    RoleInfo{Role::kVillage, "village", "村(社区)/网格员"},
    RoleInfo{Role::kUnit, "unit", "单位"},
    RoleInfo{Role::kSchool, "school", "学校"},
    RoleInfo{Role::kViewer, "viewer", "只读"},
};

constexpr std::array kAllRoles = {Role::kAdmin,   Role::kPolice, Role::kStation, Role::kTownship,
                                  Role::kVillage, Role::kUnit,   Role::kSchool,  Role::kViewer};

constexpr std::array kCapabilityKeys = {
    std::pair{C::kOrgRead, std::string_view{"org.read"}},
    std::pair{C::kOrgWrite, std::string_view{"org.write"}},
    std::pair{C::kUserRead, std::string_view{"user.read"}},
    std::pair{C::kUserWrite, std::string_view{"user.write"}},
    std::pair{C::kAuditRead, std::string_view{"audit.read"}},
    std::pair{C::kDashboardRead, std::string_view{"dashboard.read"}},
    std::pair{C::kPersonRead, std::string_view{"person.read"}},
    std::pair{C::kPersonWrite, std::string_view{"person.write"}},
    std::pair{C::kPersonExport, std::string_view{"person.export"}},
    std::pair{C::kPiiUnmask, std::string_view{"pii.unmask"}},
    std::pair{C::kCampaignWrite, std::string_view{"campaign.write"}},
    std::pair{C::kVisitRead, std::string_view{"visit.read"}},
    std::pair{C::kVisitWrite, std::string_view{"visit.write"}},
    std::pair{C::kAppRead, std::string_view{"app.read"}},
    std::pair{C::kAppWrite, std::string_view{"app.write"}},
    std::pair{C::kAppManage, std::string_view{"app.manage"}},
    std::pair{C::kSpotCheckManage, std::string_view{"spotcheck.manage"}},
    std::pair{C::kSpotCheckCall, std::string_view{"spotcheck.call"}},
    std::pair{C::kCheckerManage, std::string_view{"checker.manage"}},
    std::pair{C::kCaseRead, std::string_view{"case.read"}},
    std::pair{C::kCaseWrite, std::string_view{"case.write"}},
    std::pair{C::kCaseIdentity, std::string_view{"case.identity"}},
    std::pair{C::kCaseManage, std::string_view{"case.manage"}},
};

constexpr std::array kAllCapabilities = {
    C::kOrgRead,       C::kOrgWrite,        C::kUserRead,      C::kUserWrite,     C::kAuditRead,
    C::kDashboardRead, C::kPersonRead,      C::kPersonWrite,   C::kPersonExport,  C::kPiiUnmask,
    C::kCampaignWrite, C::kVisitRead,       C::kVisitWrite,    C::kAppRead,       C::kAppWrite,
    C::kAppManage,     C::kSpotCheckManage, C::kSpotCheckCall, C::kCheckerManage, C::kCaseRead,
    C::kCaseWrite,     C::kCaseIdentity,    C::kCaseManage};

// The capability matrix: one row per role, one column per capability.
constexpr size_t kRoleCount = kAllRoles.size();
constexpr size_t kCapabilityCount = kAllCapabilities.size();
// Columns: org.read org.write user.read user.write audit.read dashboard.read |
//          person.read person.write person.export pii.unmask | campaign.write visit.read
//          visit.write | app.read app.write app.manage spotcheck.manage spotcheck.call |
//          checker.manage | case.read case.write case.identity case.manage
constexpr bool T = true;
constexpr bool F = false;
// clang-format off
constexpr bool kMatrix[kRoleCount][kCapabilityCount] = {
    /* admin    */ {T, T, T, T, T, T, /**/ T, T, T, T, /**/ T, T, T, /**/ T, T, T, T, T, /**/ T, /**/ T, T, T, T},
    /* police   */ {T, F, F, F, F, T, /**/ T, F, T, T, /**/ F, T, F, /**/ T, T, F, T, T, /**/ T, /**/ T, T, T, T},
    /* station  */ {T, F, F, F, F, T, /**/ T, F, T, T, /**/ F, T, T, /**/ T, T, F, F, T, /**/ F, /**/ T, T, T, F},
    /* township */ {T, F, F, F, F, T, /**/ T, T, T, F, /**/ F, T, T, /**/ T, T, F, F, F, /**/ F, /**/ T, F, F, F},
    /* village  */ {T, F, F, F, F, T, /**/ T, T, T, F, /**/ F, T, T, /**/ T, T, F, F, F, /**/ F, /**/ T, F, F, F},
    /* unit     */ {T, F, F, F, F, T, /**/ T, F, F, F, /**/ F, T, F, /**/ T, T, F, F, F, /**/ F, /**/ T, F, F, F},
    /* school   */ {T, F, F, F, F, T, /**/ T, F, F, F, /**/ F, T, F, /**/ T, T, F, F, F, /**/ F, /**/ T, F, F, F},
    /* viewer   */ {T, F, F, F, F, T, /**/ T, F, F, F, /**/ F, T, F, /**/ T, F, F, F, F, /**/ F, /**/ T, F, F, F},
};
// clang-format on

// Which org kinds each role's user may be bound to.
constexpr std::array kAnyKind = {K::kCounty,     K::kTownship,   K::kStreet,       K::kVillage,
                                 K::kCommunity,  K::kGrid,       K::kVillageGroup, K::kBuilding,
                                 K::kDepartment, K::kBankBranch, K::kTelecomShop,  K::kEnterprise,
                                 K::kSchool,     K::kCollege,    K::kClass,        K::kDorm};
constexpr std::array kAdminKinds = {K::kCounty, K::kTownship, K::kStreet};
constexpr std::array kPoliceKinds = {K::kCounty};
constexpr std::array kStationKinds = {K::kCounty, K::kTownship, K::kStreet};
constexpr std::array kTownshipKinds = {K::kTownship, K::kStreet};
constexpr std::array kVillageKinds = {K::kVillage, K::kCommunity, K::kGrid, K::kVillageGroup,
                                      K::kBuilding};
constexpr std::array kUnitKinds = {K::kDepartment, K::kBankBranch, K::kTelecomShop, K::kEnterprise};
constexpr std::array kSchoolKinds = {K::kSchool, K::kCollege, K::kClass};

const RoleInfo& info(Role role) { return kRoles[static_cast<size_t>(role)]; }

}  // namespace

std::span<const Role> all_roles() { return kAllRoles; }
std::span<const Capability> all_capabilities() { return kAllCapabilities; }

std::string_view role_key(Role role) { return info(role).key; }
std::string_view role_label(Role role) { return info(role).label; }

std::optional<Role> parse_role(std::string_view key) {
  for (const auto& r : kRoles) {
    if (key == r.key) {
      return r.role;
    }
  }
  return std::nullopt;
}

std::string_view capability_key(Capability capability) {
  return kCapabilityKeys[static_cast<size_t>(capability)].second;
}

bool role_has(Role role, Capability capability) {
  return kMatrix[static_cast<size_t>(role)][static_cast<size_t>(capability)];
}

std::span<const OrgKind> role_allowed_kinds(Role role) {
  switch (role) {
    case Role::kAdmin:
      return kAdminKinds;
    case Role::kPolice:
      return kPoliceKinds;
    case Role::kStation:
      return kStationKinds;
    case Role::kTownship:
      return kTownshipKinds;
    case Role::kVillage:
      return kVillageKinds;
    case Role::kUnit:
      return kUnitKinds;
    case Role::kSchool:
      return kSchoolKinds;
    case Role::kViewer:
      return kAnyKind;
  }
  return {};
}

bool role_allowed_on(Role role, OrgKind kind) {
  const auto kinds = role_allowed_kinds(role);
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

}  // namespace fanzha::domain
