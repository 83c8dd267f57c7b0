#include "domain/org_import.h"

#include <gtest/gtest.h>

#include <map>

#include "domain/org_path.h"

namespace fanzha::domain {
namespace {

// An existing tree: county 1 "349901" → township 2 "349901100" → village 3.
class OrgImportTest : public ::testing::Test {
 protected:
  OrgImportTest() {
    existing_["349901"] = {1, "", "安澜县", OrgKind::kCounty, "/1/", true};
    existing_["349901100"] = {2, "349901", "城关镇", OrgKind::kTownship, "/1/2/", true};
    existing_["349901100201"] = {3, "349901100", "杨柳村", OrgKind::kVillage, "/1/2/3/", true};
    existing_["349901101"] = {4, "349901", "青山镇", OrgKind::kTownship, "/1/4/", false};
  }

  OrgImportResult plan(const std::string& csv, std::string scope = "/1/", bool roots = false) {
    lookups_ = 0;
    return plan_org_import(csv,
                           [this](std::string_view code) -> std::optional<ExistingOrgUnit> {
                             ++lookups_;
                             auto it = existing_.find(std::string(code));
                             return it == existing_.end() ? std::nullopt
                                                          : std::optional(it->second);
                           },
                           {std::move(scope), roots});
  }

  static std::vector<int> lines(const OrgImportResult& r) {
    std::vector<int> out;
    for (const auto& e : r.errors) {
      out.push_back(e.line);
    }
    return out;
  }

  std::map<std::string, ExistingOrgUnit> existing_;
  int lookups_ = 0;
};

TEST_F(OrgImportTest, CreatesParentsBeforeChildrenWhateverTheFileOrder) {
  const auto ok = plan(
      "kind,name,code,parent_code\n"
      "building,1号楼,349901100202301,349901100202101\n"
      "grid,第一网格,349901100202101,349901100202\n"
      "village,桃园村,349901100202,349901100\n");
  ASSERT_TRUE(ok.errors.empty()) << ok.errors[0].message;
  ASSERT_EQ(ok.plan.creates.size(), 3u);
  EXPECT_EQ(ok.plan.creates[0].code, "349901100202");
  EXPECT_EQ(ok.plan.creates[1].code, "349901100202101");
  EXPECT_EQ(ok.plan.creates[2].code, "349901100202301");
  EXPECT_EQ(ok.plan.creates[2].line, 2);
}

TEST_F(OrgImportTest, ExistingRowsAreUnchangedOrRenamed) {
  const auto r = plan(
      "code,parent_code,name,kind\n"
      "349901100,349901,城关镇,township\n"
      "349901100201,349901100,杨柳新村,村\n");
  ASSERT_TRUE(r.errors.empty());
  EXPECT_EQ(r.plan.unchanged, 1);
  ASSERT_EQ(r.plan.renames.size(), 1u);
  EXPECT_EQ(r.plan.renames[0].id, 3);
  EXPECT_EQ(r.plan.renames[0].row.name, "杨柳新村");
  EXPECT_TRUE(r.plan.creates.empty());
}

TEST_F(OrgImportTest, EveryProblemIsReportedByLineAndNothingIsPlanned) {
  const auto r = plan(
      "code,parent_code,name,kind\n"
      "349901100202,349901100,好村,village\n"           // 2 fine
      "349901100203,349901999,无上级村,village\n"       // 3 unknown parent
      "349901100202,349901100,重复村,village\n"         // 4 duplicate of line 2
      "3499011002,349901100,短编码,village\n"           // 5 bad code
      "349901100204,349901100,,village\n"               // 6 empty name
      "349901100205,349901100,怪村,hamlet\n"            // 7 unknown kind
      "349901100206,349901100202,村下村,village\n"      // 8 village under village
      "349901100201,349901101,杨柳村,village\n"         // 9 existing unit, other parent
      "349901101201,349901101,停用乡的村,village\n"     // 10 parent inactive
      "349901100207101,3499011002,坏上级的网格,grid\n"  // 11 parent row was rejected
      "349901100208,349901100,少一列\n");               // 12 missing kind
  EXPECT_TRUE(r.plan.creates.empty());
  EXPECT_TRUE(r.plan.renames.empty());
  EXPECT_EQ(lines(r), (std::vector<int>{3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
  EXPECT_EQ(r.errors[0].field, "parent_code");
  EXPECT_EQ(r.errors[1].field, "code");
}

TEST_F(OrgImportTest, CyclesAmongNewRows) {
  const auto r = plan(
      "code,parent_code,name,kind\n"
      "349901100202101,349901100202102,甲,grid\n"
      "349901100202102,349901100202101,乙,grid\n");
  EXPECT_FALSE(r.errors.empty());
  EXPECT_TRUE(r.plan.creates.empty());
}

TEST_F(OrgImportTest, RespectsScopeAndRoots) {
  // A township's importer cannot hang rows under the county, nor see it exists.
  const auto outside =
      plan("code,parent_code,name,kind\n349901102,349901,新镇,township\n", "/1/2/");
  ASSERT_EQ(outside.errors.size(), 1u);
  EXPECT_EQ(outside.errors[0].field, "parent_code");
  // Codes taken outside the scope are reported without saying where.
  const auto taken = plan("code,parent_code,name,kind\n349901101,349901100201,x,grid\n", "/1/2/");
  EXPECT_FALSE(taken.errors.empty());
  // Roots only for the system.
  EXPECT_FALSE(plan("code,parent_code,name,kind\n349902,,邻县,county\n").errors.empty());
  const auto root = plan("code,parent_code,name,kind\n349902,,邻县,county\n", "/", true);
  EXPECT_TRUE(root.errors.empty());
  EXPECT_EQ(root.plan.creates.size(), 1u);
}

TEST_F(OrgImportTest, RejectsFilesThatAreNotCsvOfTheRightShape) {
  EXPECT_EQ(lines(plan("")), (std::vector<int>{1}));
  EXPECT_EQ(plan("code,name\n").errors.size(), 2u);  // two missing columns
  EXPECT_EQ(lines(plan("code,parent_code,name,kind\n")), (std::vector<int>{1}));
  EXPECT_EQ(plan("code,parent_code,name,kind\n\"x,1,2\n").errors.size(), 1u);
  EXPECT_EQ(plan("code,parent_code,name,kind\n\xFF\xFE,1,2,3\n").errors.size(), 1u);
}

TEST_F(OrgImportTest, CapsTheReport) {
  std::string csv = "code,parent_code,name,kind\n";
  for (int i = 0; i < 500; ++i) {
    csv += "bad,349901100,x,village\n";
  }
  const auto r = plan(csv);
  EXPECT_EQ(r.errors.size(), kMaxImportErrors + 1);
  EXPECT_EQ(r.errors.back().line, 0);
}

}  // namespace
}  // namespace fanzha::domain
