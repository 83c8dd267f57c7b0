#include <gtest/gtest.h>

#include <map>
#include <set>

#include "domain/role.h"
#include "domain/user.h"

namespace fanzha::domain {
namespace {

// The whole capability matrix, written out: changing a role's powers must change this.
TEST(RoleMatrix, EveryRoleAndCapability) {
  using C = Capability;
  const std::set<C> read_all = {C::kOrgRead,   C::kDashboardRead, C::kPersonRead,
                                C::kVisitRead, C::kAppRead,       C::kCaseRead};
  auto with = [&](std::initializer_list<C> more) {
    std::set<C> out = read_all;
    out.insert(more.begin(), more.end());
    return out;
  };
  const std::map<Role, std::set<C>> expected = {
      {Role::kAdmin,
       with({C::kOrgWrite, C::kUserRead, C::kUserWrite, C::kAuditRead, C::kPersonWrite,
             C::kPersonExport, C::kPiiUnmask, C::kCampaignWrite, C::kVisitWrite, C::kAppWrite,
             C::kAppManage, C::kSpotCheckManage, C::kSpotCheckCall, C::kCheckerManage,
             C::kCaseWrite, C::kCaseIdentity, C::kCaseManage})},
      {Role::kPolice,
       with({C::kPersonExport, C::kPiiUnmask, C::kAppWrite, C::kSpotCheckManage, C::kSpotCheckCall,
             C::kCheckerManage, C::kCaseWrite, C::kCaseIdentity, C::kCaseManage})},
      {Role::kStation, with({C::kPersonExport, C::kPiiUnmask, C::kVisitWrite, C::kAppWrite,
                             C::kSpotCheckCall, C::kCaseWrite, C::kCaseIdentity})},
      {Role::kTownship, with({C::kPersonWrite, C::kPersonExport, C::kVisitWrite, C::kAppWrite})},
      {Role::kVillage, with({C::kPersonWrite, C::kPersonExport, C::kVisitWrite, C::kAppWrite})},
      {Role::kUnit, with({C::kAppWrite})},
      {Role::kSchool, with({C::kAppWrite})},
      {Role::kViewer, read_all},
  };
  ASSERT_EQ(all_roles().size(), expected.size());
  for (auto role : all_roles()) {
    for (auto capability : all_capabilities()) {
      EXPECT_EQ(role_has(role, capability), expected.at(role).count(capability) == 1)
          << role_key(role) << " / " << capability_key(capability);
    }
  }
}

TEST(RoleMatrix, KeysRoundTrip) {
  for (auto role : all_roles()) {
    EXPECT_EQ(parse_role(role_key(role)), role);
    EXPECT_FALSE(role_label(role).empty());
    EXPECT_FALSE(role_allowed_kinds(role).empty());
  }
  EXPECT_FALSE(parse_role("mayor"));
}

TEST(RoleMatrix, BindingKinds) {
  EXPECT_TRUE(role_allowed_on(Role::kVillage, OrgKind::kGrid));
  EXPECT_FALSE(role_allowed_on(Role::kVillage, OrgKind::kTownship));
  EXPECT_TRUE(role_allowed_on(Role::kStation, OrgKind::kTownship));
  EXPECT_TRUE(role_allowed_on(Role::kSchool, OrgKind::kClass));
  EXPECT_FALSE(role_allowed_on(Role::kSchool, OrgKind::kVillage));
  EXPECT_TRUE(role_allowed_on(Role::kUnit, OrgKind::kBankBranch));
  EXPECT_FALSE(role_allowed_on(Role::kPolice, OrgKind::kVillage));
}

TEST(UserRules, Usernames) {
  EXPECT_FALSE(check_username("zhang.wei"));
  EXPECT_FALSE(check_username("li_2"));
  EXPECT_TRUE(check_username("ab"));
  EXPECT_TRUE(check_username("Zhang"));
  EXPECT_TRUE(check_username("1abc"));
  EXPECT_TRUE(check_username("zhang wei"));
  EXPECT_TRUE(check_username(std::string(33, 'a')));
}

TEST(UserRules, Passwords) {
  EXPECT_FALSE(check_password("Start-Pass-2026", "li"));
  EXPECT_TRUE(check_password("short1", "li"));
  EXPECT_TRUE(check_password("onlyletterspassword", "li"));
  EXPECT_TRUE(check_password("12345678901", "li"));
  EXPECT_TRUE(check_password("zhangwei-2026", "zhangwei"));
  EXPECT_TRUE(check_password(std::string(129, 'a') + "1", "li"));
  EXPECT_FALSE(check_password("密码很长很长很长1a的", "li"));  // counts characters, not bytes
}

TEST(UserRules, GeneratedPasswordsPassTheRules) {
  SeededRandom random(3);
  for (int i = 0; i < 200; ++i) {
    const auto password = generate_password(random);
    EXPECT_EQ(password.size(), 12u);
    EXPECT_FALSE(check_password(password, "someone")) << password;
    EXPECT_EQ(password.find_first_of("0O1lI"), std::string::npos);
  }
}

}  // namespace
}  // namespace fanzha::domain
