#include <gtest/gtest.h>

#include "domain/org_kind.h"
#include "domain/org_path.h"

namespace fanzha::domain {
namespace {

TEST(OrgKind, KeysAndLabelsRoundTrip) {
  for (auto kind : all_org_kinds()) {
    EXPECT_EQ(parse_org_kind(org_kind_key(kind)), kind);
    EXPECT_EQ(parse_org_kind(org_kind_label(kind)), kind);
  }
  EXPECT_EQ(parse_org_kind(" 镇 "), OrgKind::kTownship);
  EXPECT_FALSE(parse_org_kind("hamlet"));
  EXPECT_EQ(all_org_kinds().size(), 16u);
}

TEST(OrgKind, TreeRules) {
  EXPECT_TRUE(org_kind_allowed_under(OrgKind::kCounty, std::nullopt));
  EXPECT_FALSE(org_kind_allowed_under(OrgKind::kTownship, std::nullopt));
  EXPECT_TRUE(org_kind_allowed_under(OrgKind::kTownship, OrgKind::kCounty));
  EXPECT_TRUE(org_kind_allowed_under(OrgKind::kCommunity, OrgKind::kStreet));
  EXPECT_TRUE(org_kind_allowed_under(OrgKind::kGrid, OrgKind::kVillage));
  EXPECT_TRUE(org_kind_allowed_under(OrgKind::kBuilding, OrgKind::kGrid));
  EXPECT_FALSE(org_kind_allowed_under(OrgKind::kVillage, OrgKind::kCounty));
  EXPECT_FALSE(org_kind_allowed_under(OrgKind::kGrid, OrgKind::kTownship));
  EXPECT_TRUE(org_kind_allowed_under(OrgKind::kClass, OrgKind::kCollege));
  EXPECT_FALSE(org_kind_allowed_under(OrgKind::kClass, OrgKind::kVillage));
  EXPECT_TRUE(org_kind_allowed_under(OrgKind::kBankBranch, OrgKind::kTownship));
  // Every kind but the county needs a parent, and every parent list is consistent.
  for (auto kind : all_org_kinds()) {
    EXPECT_EQ(allowed_parent_kinds(kind).empty(), kind == OrgKind::kCounty);
    for (auto parent : allowed_parent_kinds(kind)) {
      EXPECT_TRUE(org_kind_allowed_under(kind, parent));
    }
  }
}

TEST(OrgKind, Codes) {
  EXPECT_FALSE(check_org_code(OrgKind::kCounty, "341822"));
  EXPECT_TRUE(check_org_code(OrgKind::kCounty, "34182"));
  EXPECT_TRUE(check_org_code(OrgKind::kTownship, "34182210A"));
  EXPECT_FALSE(check_org_code(OrgKind::kVillage, "341822100201"));
  EXPECT_FALSE(check_org_code(OrgKind::kGrid, "341822100201101"));
  EXPECT_FALSE(check_org_code(OrgKind::kBankBranch, "341822-B01"));
  EXPECT_TRUE(check_org_code(OrgKind::kBankBranch, "银行01"));
  EXPECT_TRUE(check_org_code(OrgKind::kBankBranch, ""));
  EXPECT_TRUE(check_org_code(OrgKind::kSchool, std::string(33, 'a')));
}

TEST(OrgKind, Names) {
  EXPECT_FALSE(check_org_name("城关镇"));
  EXPECT_TRUE(check_org_name(""));
  EXPECT_TRUE(check_org_name(" 城关镇"));
  EXPECT_TRUE(check_org_name("城关\n镇"));
  EXPECT_TRUE(check_org_name("\xFF"));
  std::string long_name;
  for (int i = 0; i < 64; ++i) {
    long_name += "镇";
  }
  EXPECT_FALSE(check_org_name(long_name));
  EXPECT_TRUE(check_org_name(long_name + "镇"));
}

TEST(OrgPath, PrefixAndRange) {
  const std::string county = root_path(1);
  const std::string township = child_path(county, 12);
  const std::string village = child_path(township, 345);
  EXPECT_EQ(village, "/1/12/345/");
  EXPECT_TRUE(path_is_within(village, township));
  EXPECT_TRUE(path_is_within(township, township));
  EXPECT_FALSE(path_is_within(township, village));
  // "/1/1/" must not contain "/1/12/": the trailing slash keeps ids apart.
  EXPECT_FALSE(path_is_within(village, child_path(county, 1)));
  const std::string upper = path_upper_bound(township);
  EXPECT_EQ(upper, "/1/120");
  EXPECT_LT(village, upper);
  EXPECT_GE(village, township);
  EXPECT_GT(child_path(county, 13), upper);
  EXPECT_EQ(path_ids(village), (std::vector<int64_t>{1, 12, 345}));
  EXPECT_EQ(path_depth(county), 0);
  EXPECT_EQ(path_depth(village), 2);
  EXPECT_TRUE(path_is_within(village, kWholeTreePath));
}

}  // namespace
}  // namespace fanzha::domain
