#include "service/org_service.h"

#include <gtest/gtest.h>

#include "common/error.h"
#include "store/audit_store.h"
#include "test_env.h"

namespace fanzha::service {
namespace {

using testing::code_of;

using domain::OrgKind;
using domain::Role;
using testing::TestEnv;

class OrgServiceTest : public ::testing::Test {
 protected:
  OrgServiceTest() : org_(env_.context()) { env_.load_small_county(); }

  int64_t audit_count() {
    auto lease = env_.db().read();
    store::AuditFilter f;
    f.scope_path = "/";
    f.include_unscoped = true;
    return store::AuditStore(*lease).list(f).total;
  }

  TestEnv env_;
  OrgService org_;
};

TEST_F(OrgServiceTest, ScopeHidesEverythingOutsideTheSubtree) {
  const Actor village = env_.actor(Role::kVillage, "349901100201");
  const auto neighbour = env_.unit("349901100202");
  EXPECT_EQ(code_of([&] { org_.get(village, neighbour.id); }), ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] { org_.children(village, neighbour.id, true); }), ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] { org_.path(village, env_.unit("349901100").id); }), ErrorCode::kNotFound);
  EXPECT_EQ(org_.search(village, "村", std::nullopt, 50).total, 1);
  const auto own = org_.path(village, env_.unit("349901100201101").id);
  ASSERT_EQ(own.size(), 2u);
  EXPECT_EQ(own[0].code, "349901100201");
}

TEST_F(OrgServiceTest, OnlyAdminsWrite) {
  const Actor township = env_.actor(Role::kTownship, "349901100");
  EXPECT_EQ(code_of([&] {
              org_.create(township, {env_.unit("349901100201").id, "349901100201102", "第二网格",
                                     OrgKind::kGrid});
            }),
            ErrorCode::kForbidden);
}

TEST_F(OrgServiceTest, CreateRecordsOneAuditEntryInTheSameTransaction) {
  const Actor admin = env_.actor(Role::kAdmin, "349901");
  const int64_t before = audit_count();
  const auto unit = org_.create(
      admin, {env_.unit("349901100201").id, "349901100201102", "第二网格", OrgKind::kGrid});
  EXPECT_EQ(unit.path, env_.unit("349901100201").path + std::to_string(unit.id) + "/");
  EXPECT_EQ(unit.created_at, testing::kTestStartMs);
  EXPECT_EQ(audit_count(), before + 1);
  // A refused create writes neither a unit nor an entry.
  EXPECT_EQ(code_of([&] {
              org_.create(
                  admin, {env_.unit("349901100201").id, "349901100201102", "重复", OrgKind::kGrid});
            }),
            ErrorCode::kDuplicate);
  EXPECT_EQ(audit_count(), before + 1);
}

TEST_F(OrgServiceTest, MoveRewritesTheWholeSubtreeAndRefusesCycles) {
  const Actor admin = env_.actor(Role::kAdmin, "349901");
  const auto village = env_.unit("349901100201");
  const auto target = env_.unit("349901101");
  EXPECT_EQ(code_of([&] { org_.move(admin, env_.unit("349901100").id, village.id); }),
            ErrorCode::kOrgCycle);
  EXPECT_EQ(code_of([&] { org_.move(admin, village.id, env_.unit("349901-D01").id); }),
            ErrorCode::kOrgKindMismatch);
  org_.move(admin, village.id, target.id);
  const auto grid = env_.unit("349901100201101");
  EXPECT_EQ(grid.path,
            target.path + std::to_string(village.id) + "/" + std::to_string(grid.id) + "/");
  EXPECT_EQ(grid.depth, 3);
  const Actor old_township = env_.actor(Role::kTownship, "349901100");
  EXPECT_EQ(code_of([&] { org_.get(old_township, grid.id); }), ErrorCode::kNotFound);
  const Actor new_township = env_.actor(Role::kTownship, "349901101");
  EXPECT_EQ(org_.get(new_township, grid.id).code, "349901100201101");
  EXPECT_EQ(org_.subtree(new_township, target.id, OrgKind::kGrid, 50, 0).total, 1);
}

TEST_F(OrgServiceTest, DeactivationCoversTheSubtreeAndReactivationNeedsAnActiveParent) {
  const Actor admin = env_.actor(Role::kAdmin, "349901");
  const auto township = env_.unit("349901100");
  org_.update(admin, township.id, {std::nullopt, false});
  EXPECT_FALSE(env_.unit("349901100201101").active);
  EXPECT_EQ(code_of([&] {
              org_.update(admin, env_.unit("349901100201").id, {std::nullopt, true});
            }),
            ErrorCode::kOrgInactive);
  org_.update(admin, township.id, {std::nullopt, true});
  EXPECT_TRUE(env_.unit("349901100201101").active);
}

TEST_F(OrgServiceTest, DeleteOnlyWhenEmpty) {
  const Actor admin = env_.actor(Role::kAdmin, "349901");
  EXPECT_EQ(code_of([&] { org_.remove(admin, env_.unit("349901100201").id); }),
            ErrorCode::kOrgNotEmpty);
  org_.remove(admin, env_.unit("349901100201101").id);
  org_.remove(admin, env_.unit("349901100201").id);
  auto lease = env_.db().read();
  EXPECT_FALSE(store::OrgStore(*lease).find_by_code("349901100201"));
}

TEST_F(OrgServiceTest, ImportIsAllOrNothing) {
  const Actor admin = env_.actor(Role::kAdmin, "349901");
  const int64_t before = audit_count();
  try {
    org_.import_csv(admin,
                    "code,parent_code,name,kind\n"
                    "349901100203,349901100,新村,village\n"
                    "349901100204,349901999,无上级,village\n");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kImportRejected);
    ASSERT_EQ(e.details().size(), 1u);
    EXPECT_EQ(e.details()[0].line, 3);
  }
  {
    auto lease = env_.db().read();
    EXPECT_FALSE(store::OrgStore(*lease).find_by_code("349901100203"));
  }
  EXPECT_EQ(audit_count(), before);
  const auto summary = org_.import_csv(admin,
                                       "code,parent_code,name,kind\n"
                                       "349901100203101,349901100203,第一网格,grid\n"
                                       "349901100203,349901100,新村,village\n");
  EXPECT_EQ(summary.created, 2);
  EXPECT_EQ(env_.unit("349901100203101").parent_id, env_.unit("349901100203").id);
}

}  // namespace
}  // namespace fanzha::service
