// The demo county's residents and the door-to-door campaign: households in every
// village group and building, 1–6 members each (about 3.3 on average: 300,000
// households give about a million people), with realistic names, valid resident ID
// numbers (region 349901), phones, relations and tags, and visits at uneven coverage
// (some villages nearly done, others far behind). Deterministic for a seed; pure —
// records go to a callback, the CLI writes them.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "demo/demo_county.h"
#include "domain/fraud_type.h"
#include "domain/person.h"
#include "domain/visit.h"

namespace fanzha::demo {

struct DemoPerson {
  std::string name;
  std::string id_number;  // valid 18-character number
  std::string phone;      // "" for about a quarter of people
  domain::Sex sex = domain::Sex::kUnknown;
  domain::DateNumber birth_date = 0;
  std::string relation;
  domain::PersonTagSet tags = 0;
  std::string link_unit_code;  // a class (students) or a sector unit (staff), or ""
  domain::LinkRole link_role = domain::LinkRole::kNone;
};

struct DemoVisit {
  int days_ago = 0;  // 0 = today
  int minute_of_day = 0;
  bool face_to_face = false;
  bool letter_signed = false;
  domain::FraudTypeSet topics = 0;
  domain::VisitMaterialSet materials = 0;
  std::vector<int> members_met;  // indexes into DemoHousehold::members
};

struct DemoHousehold {
  std::string unit_code;  // the village group or building it belongs to
  std::string number;     // 户号, unique in its village
  std::string address;
  std::vector<DemoPerson> members;
  std::vector<DemoVisit> visits;
};

// The demo campaign runs from 30 days before "today" to 120 days after.
inline constexpr int kDemoCampaignDaysBefore = 30;
inline constexpr int kDemoCampaignDaysAfter = 120;
inline constexpr std::string_view kDemoCampaignName = "冬春防范电信网络诈骗集中宣传";

// Calls `emit` for each household of the county (county.households of them), in unit
// order. `today` (yyyymmdd) anchors ages.
void generate_demo_households(const DemoCounty& county, uint64_t seed, domain::DateNumber today,
                              const std::function<void(const DemoHousehold&)>& emit);

}  // namespace fanzha::demo
