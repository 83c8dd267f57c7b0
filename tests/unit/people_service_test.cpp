#include "service/people_service.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "store/audit_store.h"
#include "test_env.h"

namespace fanzha::service {
namespace {

using testing::code_of;

using domain::Role;

std::string with_check(const std::string& first17) {
  return first17 + domain::resident_id_check_char(first17);
}

class PeopleServiceTest : public ::testing::Test {
 protected:
  PeopleServiceTest() : people_(env_.context()) {
    env_.load_small_county();
    admin_ = env_.actor(Role::kAdmin, "349901");
    village_ = env_.actor(Role::kVillage, "349901100201");
    household_ =
        people_.create_household(admin_, {env_.unit("349901100201101").id, "0001", "杨柳村1号"}).id;
  }

  PersonInput zhang() {
    PersonInput p;
    p.household_id = household_;
    p.name = "张伟";
    p.id_number = id_;
    p.phone = "13812345678";
    p.relation = "本人";
    return p;
  }

  testing::TestEnv env_;
  PeopleService people_;
  Actor admin_;
  Actor village_;
  int64_t household_ = 0;
  const std::string id_ = with_check("34990119850317001");
};

TEST_F(PeopleServiceTest, NumbersAreMaskedAndNeverStoredInClear) {
  const auto p = people_.create_person(village_, zhang());
  EXPECT_EQ(p.id_masked, "3499**********" + id_.substr(14));
  EXPECT_EQ(p.phone_masked, "138****5678");
  EXPECT_EQ(p.relation, "户主");
  EXPECT_EQ(p.birth_date, 19850317);
  EXPECT_EQ(p.sex, domain::Sex::kMale);
  EXPECT_EQ(people_.get_household(village_, household_).household.head_name, "张伟");
  // Neither the database file nor its write-ahead log holds the clear numbers.
  std::stringstream bytes;
  bytes << std::ifstream(env_.db_path(), std::ios::binary).rdbuf();
  bytes << std::ifstream(env_.db_path() + "-wal", std::ios::binary).rdbuf();
  EXPECT_EQ(bytes.str().find(id_), std::string::npos);
  EXPECT_EQ(bytes.str().find("13812345678"), std::string::npos);
}

TEST_F(PeopleServiceTest, FindByWholeNumbersThroughTheirHash) {
  people_.create_person(village_, zhang());
  PersonQuery q;
  q.query = id_;
  EXPECT_EQ(people_.list_people(village_, q).total, 1);
  q.query = "138 1234 5678";
  EXPECT_EQ(people_.list_people(village_, q).total, 1);
  q.query = "张";
  EXPECT_EQ(people_.list_people(village_, q).total, 1);
  q.query = id_.substr(0, 10);  // a part of a number matches nothing
  EXPECT_EQ(people_.list_people(village_, q).total, 0);
}

TEST_F(PeopleServiceTest, UnmaskNeedsTheRightRoleAndAReasonAndIsAudited) {
  const auto p = people_.create_person(village_, zhang());
  EXPECT_EQ(code_of([&] { people_.unmask(village_, p.id, "核查"); }), ErrorCode::kForbidden);
  const Actor police = env_.actor(Role::kPolice, "349901");
  EXPECT_EQ(code_of([&] { people_.unmask(police, p.id, "  "); }), ErrorCode::kMissingField);
  const auto numbers = people_.unmask(police, p.id, "预警劝阻核实身份");
  EXPECT_EQ(numbers.id_number, id_);
  EXPECT_EQ(numbers.phone, "13812345678");
  auto lease = env_.db().read();
  store::AuditFilter f;
  f.scope_path = "/";
  f.action = "person.unmask";
  const auto page = store::AuditStore(*lease).list(f);
  ASSERT_EQ(page.total, 1);
  EXPECT_NE(page.entries[0].summary.find("预警劝阻核实身份"), std::string::npos);
  EXPECT_EQ(page.entries[0].summary.find(id_), std::string::npos);
}

TEST_F(PeopleServiceTest, ScopeAndDuplicates) {
  const auto p = people_.create_person(village_, zhang());
  const Actor neighbour = env_.actor(Role::kVillage, "349901100202");
  EXPECT_EQ(code_of([&] { people_.get_person(neighbour, p.id); }), ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] { people_.get_household(neighbour, household_); }), ErrorCode::kNotFound);
  EXPECT_EQ(people_.list_people(neighbour, {}).total, 0);
  // The same ID number in another household is a duplicate, said the same way anywhere.
  const int64_t other =
      people_.create_household(admin_, {env_.unit("349901100202101").id, "0001", ""}).id;
  auto copy = zhang();
  copy.household_id = other;
  EXPECT_EQ(code_of([&] { people_.create_person(neighbour, copy); }), ErrorCode::kDuplicate);
  // Household numbers are unique per village, not per grid.
  EXPECT_EQ(code_of([&] {
              people_.create_household(admin_, {env_.unit("349901100201").id, "0001", ""});
            }),
            ErrorCode::kDuplicate);
  EXPECT_EQ(code_of([&] {
              people_.create_household(admin_, {env_.unit("349901100").id, "9", ""});
            }),
            ErrorCode::kOrgKindMismatch);
}

TEST_F(PeopleServiceTest, LinkedPeopleAreVisibleToTheirUnitButNotEditable) {
  auto input = zhang();
  input.link_unit_id = env_.unit("349901-D01").id;
  input.link_role = domain::LinkRole::kStaff;
  const auto p = people_.create_person(village_, input);
  const Actor unit = env_.actor(Role::kUnit, "349901-D01");
  EXPECT_EQ(people_.get_person(unit, p.id).link_unit_name, "县教育局");
  PersonQuery linked;
  linked.linked = true;
  EXPECT_EQ(people_.list_people(unit, linked).total, 1);
  EXPECT_EQ(people_.list_people(unit, {}).total, 0);
  PersonChanges change;
  change.notes = "x";
  EXPECT_EQ(code_of([&] { people_.update_person(unit, p.id, change); }), ErrorCode::kForbidden);
}

TEST_F(PeopleServiceTest, UpdatesMoveMembersAndKeepCountsRight) {
  const auto p = people_.create_person(village_, zhang());
  const int64_t second =
      people_.create_household(village_, {env_.unit("349901100201101").id, "0002", ""}).id;
  PersonChanges move;
  move.household_id = second;
  move.phone = "";
  const auto moved = people_.update_person(village_, p.id, move);
  EXPECT_EQ(moved.household_id, second);
  EXPECT_EQ(moved.phone_masked, "");
  EXPECT_EQ(people_.get_household(village_, household_).household.member_count, 0);
  EXPECT_EQ(people_.get_household(village_, second).household.member_count, 1);
  PersonChanges bad;
  bad.id_number = with_check("34990119850317001").substr(0, 17) + "0";
  if (bad.id_number == id_) {
    bad.id_number = id_.substr(0, 17) + "1";
  }
  EXPECT_EQ(code_of([&] { people_.update_person(village_, p.id, bad); }), ErrorCode::kInvalidValue);
}

}  // namespace
}  // namespace fanzha::service
