#include "demo/demo_county.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "domain/org_import.h"

namespace fanzha::demo {
namespace {

using domain::OrgKind;

std::map<OrgKind, int> count_kinds(const DemoCounty& county) {
  std::map<OrgKind, int> counts;
  for (const auto& u : county.units) {
    ++counts[u.kind];
  }
  return counts;
}

TEST(DemoCounty, SameSeedSameCounty) {
  const auto a = generate_demo_county(1, 30000);
  const auto b = generate_demo_county(1, 30000);
  EXPECT_EQ(demo_units_csv(a), demo_units_csv(b));
  ASSERT_EQ(a.accounts.size(), b.accounts.size());
  for (size_t i = 0; i < a.accounts.size(); ++i) {
    EXPECT_EQ(a.accounts[i].password, b.accounts[i].password);
  }
  EXPECT_NE(demo_units_csv(a), demo_units_csv(generate_demo_county(2, 30000)));
}

TEST(DemoCounty, HasTheShapeOfACounty) {
  const auto county = generate_demo_county(kDefaultDemoSeed, kDefaultDemoHouseholds);
  auto counts = count_kinds(county);
  EXPECT_EQ(counts[OrgKind::kCounty], 1);
  EXPECT_EQ(counts[OrgKind::kTownship] + counts[OrgKind::kStreet], 12);
  EXPECT_EQ(counts[OrgKind::kVillage] + counts[OrgKind::kCommunity], 150);
  EXPECT_EQ(counts[OrgKind::kDepartment], 12);
  EXPECT_GE(counts[OrgKind::kBankBranch], 6);
  EXPECT_GE(counts[OrgKind::kClass], 18);
  EXPECT_GT(counts[OrgKind::kGrid], 150);
  EXPECT_GT(counts[OrgKind::kVillageGroup], 150);
  EXPECT_LT(county.units.size(), 3000u);  // small enough to build in seconds
  std::set<std::string> names;
  for (const auto& u : county.units) {
    if (u.kind == OrgKind::kVillage) {
      EXPECT_TRUE(names.insert(u.name).second) << u.name;
    }
  }
}

TEST(DemoCounty, MoreHouseholdsMeanMoreGrids) {
  const auto small = count_kinds(generate_demo_county(1, 30000));
  const auto large = count_kinds(generate_demo_county(1, 300000));
  EXPECT_GT(large.at(OrgKind::kGrid), 5 * small.at(OrgKind::kGrid));
  EXPECT_EQ(large.at(OrgKind::kVillage), small.at(OrgKind::kVillage));
}

TEST(DemoCounty, EveryRowPassesTheImportRulesAndEveryRoleHasAnAccount) {
  for (int households : {0, 30000, 300000}) {
    const auto county = generate_demo_county(7, households);
    const auto result = domain::plan_org_import(
        demo_units_csv(county), [](std::string_view) { return std::nullopt; }, {"/", true});
    ASSERT_TRUE(result.errors.empty())
        << households << ": line " << result.errors[0].line << " " << result.errors[0].message;
    EXPECT_EQ(result.plan.creates.size(), county.units.size());
    std::set<domain::Role> roles;
    std::set<std::string> codes;
    for (const auto& u : county.units) {
      codes.insert(u.code);
    }
    for (const auto& a : county.accounts) {
      roles.insert(a.role);
      EXPECT_TRUE(codes.count(a.unit_code)) << a.username;
      EXPECT_TRUE(domain::role_allowed_on(a.role, [&] {
        for (const auto& u : county.units) {
          if (u.code == a.unit_code) {
            return u.kind;
          }
        }
        return OrgKind::kCounty;
      }()));
    }
    EXPECT_EQ(roles.size(), domain::all_roles().size());
  }
}

TEST(DemoCounty, ChineseNumbers) {
  EXPECT_EQ(chinese_number(1), "一");
  EXPECT_EQ(chinese_number(10), "十");
  EXPECT_EQ(chinese_number(12), "十二");
  EXPECT_EQ(chinese_number(30), "三十");
  EXPECT_EQ(chinese_number(47), "四十七");
}

}  // namespace
}  // namespace fanzha::demo
