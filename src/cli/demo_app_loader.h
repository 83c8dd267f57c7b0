// Writes the demo county's app roster data while its people are loaded (inside the same
// transaction): each person's app observations, every unit's weekly roster submissions,
// promotion codes for the demo accounts (registrations checked in person in a village
// with a demo account count for that account), and the county's targets.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "demo/demo_app.h"
#include "demo/demo_county.h"
#include "demo/demo_people.h"
#include "domain/org_unit.h"
#include "store/app_store.h"
#include "store/org_store.h"

namespace fanzha::cli {

class DemoAppLoader {
 public:
  DemoAppLoader(store::Connection& connection, const demo::DemoCounty& county, uint64_t seed,
                int64_t now);

  // A person just written: `unit` is their household's unit, `village` its village.
  void person(int64_t person_id, const demo::DemoPerson& person, const domain::OrgUnit& village);
  // Writes the submissions' counts and bumps the app figures' version.
  void finish();

 private:
  struct Unit {
    int64_t id = 0;
    std::vector<int64_t> submission_at;  // per week ago; 0 when missing
    std::vector<bool> roster_weeks;
    std::vector<int64_t> submission_ids;
    double level[3] = {0, 0, 0};
  };
  Unit& unit(const std::string& code, int64_t id);

  store::Connection& c_;
  store::AppStore apps_;
  store::OrgStore org_;
  demo::DemoAppGenerator generator_;
  int64_t now_;
  int64_t this_monday_;  // epoch ms of this week's Monday, county time
  std::map<std::string, Unit> units_;
  std::map<int64_t, store::SubmissionRow> submissions_;  // by id
  std::unordered_map<std::string, int64_t> link_ids_;    // unit code → id
  std::unordered_map<int64_t, int64_t> promoter_of_village_;
};

}  // namespace fanzha::cli
