// Telephone spot checks of app rosters (电话抽查): a manager draws a plan — N roster
// entries per village, stratified, from a recorded seed, so the same draw can be made
// again — and deals its items to callers; a caller reveals an entry's phone (audited)
// and records the outcome. An entry found false is flagged and, when the call disproves
// the app status, the person's status is set back to "not installed" (a spot-check
// observation); a confirmation is a strong observation. Callers and managers see the
// plans of their scope; other roles (villages, townships) see a plan only once calls
// were made in their subtree, and only the called items. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/org_unit.h"
#include "domain/spot_check.h"
#include "domain/user.h"
#include "service/actor.h"
#include "service/app_index.h"
#include "service/context.h"
#include "store/app_store.h"

namespace fanzha::service {

struct PlanInput {
  int64_t org_unit_id = 0;
  std::string name;
  int per_village = 0;
  std::optional<uint64_t> seed;  // default: random (and recorded)
};

struct PlanDetail {
  store::SpotCheckPlanRow plan;
  std::vector<store::PlanStratumRow> villages;  // within the actor's scope
};

struct ItemQuery {
  bool mine = false;  // only the items assigned to the actor
  std::optional<bool> called;
  std::optional<int64_t> village_id;
  int limit = 50;
  int offset = 0;
};

struct ItemPage {
  std::vector<store::SpotCheckItemRow> items;
  int64_t total = 0;
};

inline constexpr int kMaxPerVillage = 1000;
inline constexpr uint64_t kMaxSeed = (uint64_t{1} << 53) - 1;

class SpotCheckService {
 public:
  SpotCheckService(ServiceContext context, AppIndex& index) : ctx_(context), index_(index) {}

  std::vector<store::SpotCheckPlanRow> plans(const Actor& actor);
  store::SpotCheckPlanRow create_plan(const Actor& actor, const PlanInput& input);
  PlanDetail plan(const Actor& actor, int64_t id);
  ItemPage items(const Actor& actor, int64_t plan_id, const ItemQuery& query);
  // The active users in the manager's scope who may be dealt items (spotcheck.call).
  std::vector<domain::User> callers(const Actor& actor, int64_t plan_id);
  // Deals the plan's unassigned items round-robin to the callers who can see them.
  int64_t assign(const Actor& actor, int64_t plan_id, const std::vector<int64_t>& user_ids);
  // Ends a plan: no more assignments or calls; its outcomes stay. Audited.
  store::SpotCheckPlanRow close_plan(const Actor& actor, int64_t plan_id);
  // The clear phone of an item, for its caller (or a manager); audited.
  std::string dial(const Actor& actor, int64_t item_id);
  store::SpotCheckItemRow record_outcome(const Actor& actor, int64_t item_id,
                                         domain::CallOutcome outcome, const std::string& notes);

 private:
  // Whether the actor works the plan (manager or caller) rather than only watching it.
  static bool works_plans(const Actor& actor);
  static store::SpotCheckPlanRow visible_plan(store::Connection& c, const Actor& actor, int64_t id);
  // An item the actor may call (assigned to them, or they manage), with its village and
  // plan; not_found outside the scope, forbidden when it is someone else's.
  struct Callable {
    store::SpotCheckItemRow item;
    domain::OrgUnit village;
    store::SpotCheckPlanRow plan;
  };
  static Callable callable_item(store::Connection& c, const Actor& actor, int64_t item_id);

  ServiceContext ctx_;
  AppIndex& index_;
};

}  // namespace fanzha::service
