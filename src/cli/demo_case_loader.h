// Loads the demo county's two-year case history (demo/demo_cases.h) through the case
// service, as the police would register them: each case's victim linked to the demo
// resident it names, traced back against their visits and app facts, large cases with a
// rectification plan. One transaction; runs after the residents are written.
#pragma once

#include <cstdint>
#include <vector>

#include "cli/runtime.h"
#include "demo/demo_county.h"
#include "demo/demo_people.h"

namespace fanzha::cli {

// `member_ids[h][m]` is the person id of member m of households[h].
int64_t load_demo_cases(Runtime& runtime, const demo::DemoCounty& county, uint64_t seed,
                        const std::vector<demo::DemoHousehold>& households,
                        const std::vector<std::vector<int64_t>>& member_ids);

}  // namespace fanzha::cli
