// Roles, capabilities and the one table that says which role may do what. Every check
// of "may this user do X" goes through `role_has`, and a unit test walks the whole
// matrix. Scope (which subtree) is separate: see service/actor.h. Pure, thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "domain/org_kind.h"

namespace fanzha::domain {

enum class Role {
  kAdmin,     // county safety office 县平安办: everything in scope, including users
  kPolice,    // police anti-fraud center 反诈中心
  kStation,   // police station 派出所
  kTownship,  // township / street 乡镇/街道
  kVillage,   // village / community cadre, grid worker 村(社区)干部/网格员
  kUnit,      // department, bank, telecom shop, enterprise 单位
  kSchool,    // school security office, counsellor 学校
  kViewer,    // read-only 只读
};

enum class Capability {
  kOrgRead,
  kOrgWrite,
  kUserRead,
  kUserWrite,
  kAuditRead,
  kDashboardRead,
  kPersonRead,       // households and people (masked) in scope
  kPersonWrite,      // add and edit them, import rosters
  kPersonExport,     // export lists as XLSX
  kPiiUnmask,        // see a person's ID number / phone in clear, per record, with a reason
  kCampaignWrite,    // create and edit campaigns
  kVisitRead,        // visits, progress and coverage
  kVisitWrite,       // record visits
  kAppRead,          // the app roster's figures, rankings, statuses in scope
  kAppWrite,         // record app checks, submit weekly rosters
  kAppManage,        // app targets and settings
  kSpotCheckManage,  // draw spot-check plans, assign callers, see every item
  kSpotCheckCall,    // call the spot-check items assigned to oneself
  kCheckerManage,    // reload the scam-message checker's rules and see their status
  kCaseRead,         // fraud cases in scope (victims masked), their statistics and bulletins
  kCaseWrite,        // register, edit and import cases
  kCaseIdentity,     // see victims' identities and suspect account numbers, victim ledgers
  kCaseManage,       // case targets and the large-case threshold
};

std::span<const Role> all_roles();
std::span<const Capability> all_capabilities();

std::string_view role_key(Role role);
std::string_view role_label(Role role);
std::optional<Role> parse_role(std::string_view key);

std::string_view capability_key(Capability capability);

bool role_has(Role role, Capability capability);

// The org kinds a user of this role may be bound to (a police station covers a
// township, a school counsellor a school, college or class, …).
std::span<const OrgKind> role_allowed_kinds(Role role);
bool role_allowed_on(Role role, OrgKind kind);

}  // namespace fanzha::domain
