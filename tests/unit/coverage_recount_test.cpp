// Coverage figures come from counters the visits keep; they must equal a brute-force
// recount from the raw visit and household rows, whatever the visits were.
#include <gtest/gtest.h>

#include <map>

#include "service/coverage_service.h"
#include "service/people_service.h"
#include "service/visit_service.h"
#include "store/org_store.h"
#include "test_env.h"

namespace fanzha::service {
namespace {

using domain::CoverageCounts;
using domain::Role;

class CoverageRecountTest : public ::testing::Test {
 protected:
  CoverageRecountTest() {
    env_.load_small_county();
    admin_ = env_.actor(Role::kAdmin, "349901");
  }

  // Brute force: per household, whether the campaign reached it, face to face, with the
  // letter, read from the visit rows; summed over the households of each unit subtree.
  CoverageCounts recount(int64_t campaign_id, const std::string& unit_code) {
    const auto root = env_.unit(unit_code);
    auto lease = env_.db().read();
    auto s = lease->prepare(
        "SELECT h.id, u.path,"
        " EXISTS (SELECT 1 FROM visit v WHERE v.household_id = h.id AND v.campaign_id = $1),"
        " EXISTS (SELECT 1 FROM visit v WHERE v.household_id = h.id AND v.campaign_id = $1 AND "
        "v.face_to_face = 1),"
        " EXISTS (SELECT 1 FROM visit v WHERE v.household_id = h.id AND v.campaign_id = $1 AND "
        "v.letter_signed = 1)"
        " FROM household h JOIN org_unit u ON u.id = h.org_unit_id");
    s->bind(1, campaign_id);
    CoverageCounts c;
    while (s->step()) {
      if (!s->get_text(1).starts_with(root.path)) {
        continue;
      }
      c.households += 1;
      c.visited += s->get_int(2);
      c.face_to_face += s->get_int(3);
      c.letters += s->get_int(4);
    }
    return c;
  }

  testing::TestEnv env_;
  Actor admin_;
};

TEST_F(CoverageRecountTest, CountersEqualARecountOnRandomVisits) {
  PeopleService people(env_.context());
  VisitService visits(env_.context());
  CoverageService coverage(env_.context());
  // Households in the four residential units.
  const std::vector<std::string> units = {"349901100201101", "349901100201", "349901100202101",
                                          "349901101201"};
  std::vector<int64_t> households;
  int number = 0;
  for (const auto& code : units) {
    for (int i = 0; i < 25; ++i) {
      households.push_back(
          people.create_household(admin_, {env_.unit(code).id, "H" + std::to_string(++number), ""})
              .id);
    }
  }
  const int64_t start = testing::kTestStartMs - 10 * kMillisPerDay;
  const auto first =
      visits.create_campaign(admin_, {std::nullopt, "甲活动", start, start + 60 * kMillisPerDay});
  const auto second =
      visits.create_campaign(admin_, {std::nullopt, "乙活动", start, start + 60 * kMillisPerDay});
  SeededRandom random(2026);
  for (int i = 0; i < 400; ++i) {
    VisitInput v;
    v.campaign_id = random.uniform(3) == 0 ? second.id : first.id;
    v.household_id = households[random.uniform(households.size())];
    v.visited_at = start + static_cast<int64_t>(random.uniform(10 * kMillisPerDay));
    v.face_to_face = random.uniform(3) != 0;
    v.letter_signed = random.uniform(2) == 0;
    visits.record_visit(admin_, v);
  }
  for (const auto& campaign : {first, second}) {
    for (const auto& code :
         {"349901", "349901100", "349901100201", "349901101", "349901100202101"}) {
      const auto report = coverage.coverage(admin_, campaign.id, env_.unit(code).id);
      EXPECT_EQ(report.total, recount(campaign.id, code)) << campaign.name << " " << code;
      CoverageCounts rows = report.direct.value_or(CoverageCounts{});
      for (const auto& child : report.children) {
        EXPECT_EQ(child.counts, recount(campaign.id, child.unit.code)) << child.unit.code;
        rows += child.counts;
      }
      // The rows (children, and households kept on the unit itself) add up to the total.
      EXPECT_EQ(rows, report.total) << code;
    }
  }
  // 25 households sit on the village 349901100201 itself, beside its grid.
  const auto village = coverage.coverage(admin_, first.id, env_.unit("349901100201").id);
  ASSERT_TRUE(village.direct.has_value());
  EXPECT_EQ(village.direct->households, 25);
  // The county's children: 城关镇 and 青山镇 are ranked, the department is left out.
  const auto county = coverage.coverage(admin_, first.id, std::nullopt);
  ASSERT_EQ(county.children.size(), 2u);
  EXPECT_TRUE(county.children[0].rank.rank.has_value());
  // The timeline ends at the totals.
  const auto days = coverage.timeline(admin_, first.id, std::nullopt);
  ASSERT_FALSE(days.empty());
  EXPECT_EQ(days.back().cumulative.visited, county.total.visited);
  EXPECT_EQ(days.back().cumulative.letters, county.total.letters);
}

TEST_F(CoverageRecountTest, VisitsAreScopedAndChecked) {
  PeopleService people(env_.context());
  VisitService visits(env_.context());
  const int64_t household =
      people.create_household(admin_, {env_.unit("349901100201101").id, "0001", ""}).id;
  const int64_t other =
      people.create_household(admin_, {env_.unit("349901100202101").id, "0001", ""}).id;
  const int64_t start = testing::kTestStartMs - kMillisPerDay;
  const auto campaign =
      visits.create_campaign(admin_, {std::nullopt, "活动", start, start + 30 * kMillisPerDay});
  const Actor village = env_.actor(Role::kVillage, "349901100201");
  VisitInput v;
  v.campaign_id = campaign.id;
  v.household_id = household;
  v.face_to_face = true;
  EXPECT_EQ(visits.record_visit(village, v).visitor_name, village.username);
  v.household_id = other;  // the neighbouring village's household
  EXPECT_THROW(visits.record_visit(village, v), Error);
  v.household_id = household;
  v.visited_at = start - kMillisPerDay;  // before the campaign
  EXPECT_THROW(visits.record_visit(village, v), Error);
  v.visited_at = testing::kTestStartMs + kMillisPerDay;  // tomorrow
  EXPECT_THROW(visits.record_visit(village, v), Error);
  const Actor viewer = env_.actor(Role::kViewer, "349901");
  v.visited_at.reset();
  EXPECT_THROW(visits.record_visit(viewer, v), Error);
}

}  // namespace
}  // namespace fanzha::service
