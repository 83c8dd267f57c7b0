// A deterministic synthetic county for demos, tests and benchmarks: 安澜县 with its
// streets and townships, villages and communities, grids, village groups and buildings,
// county departments, bank branches, telecom shops, enterprises, a middle school and a
// vocational college, and one account for every role. The same seed and household count
// always give the same county. Pure: no I/O (the CLI loads it through the services).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/org_import.h"
#include "domain/role.h"

namespace fanzha::demo {

struct DemoAccount {
  domain::Role role = domain::Role::kViewer;
  std::string username;
  std::string display_name;
  std::string unit_code;
  std::string password;
};

struct DemoCounty {
  std::vector<domain::OrgImportRow> units;  // parents before children
  std::vector<DemoAccount> accounts;
  int households = 0;  // the household count the grids were sized for
  // Households planned for each village group and building (unit code, count); they
  // add up to `households`.
  std::vector<std::pair<std::string, int>> household_plan;
};

inline constexpr uint64_t kDefaultDemoSeed = 1;
inline constexpr int kDefaultDemoHouseholds = 30000;

DemoCounty generate_demo_county(uint64_t seed, int households);

// The units as CSV in the org import format (code,parent_code,name,kind).
std::string demo_units_csv(const DemoCounty& county);

// Chinese numerals for 1…99 ("一", "十二", "三十五"), used in unit names.
std::string chinese_number(int n);

}  // namespace fanzha::demo
