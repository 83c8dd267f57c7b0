#include "service/spot_check_service.h"

#include "common/text.h"
#include "domain/org_path.h"
#include "domain/person.h"
#include "service/audit_trail.h"
#include "service/org_service.h"
#include "store/org_store.h"
#include "store/people_store.h"
#include "store/user_store.h"

namespace fanzha::service {

using domain::Capability;

namespace {

constexpr size_t kMaxPlanNameChars = 64;
constexpr size_t kMaxCallNotesChars = 500;

[[noreturn]] void plan_not_found() {
  throw Error(ErrorCode::kNotFound, "抽查任务不存在或不在您的管辖范围内");
}

[[noreturn]] void item_not_found() {
  throw Error(ErrorCode::kNotFound, "抽查条目不存在或不在您的管辖范围内");
}

// A plan concerns the actor when it samples inside their scope (its unit is inside the
// scope, or above it: a county plan samples every township's villages).
bool plan_concerns(const Actor& actor, std::string_view plan_path) {
  return actor.can_see(plan_path) || domain::path_is_within(actor.scope_path, plan_path);
}

}  // namespace

bool SpotCheckService::works_plans(const Actor& actor) {
  return domain::role_has(actor.role, Capability::kSpotCheckManage) ||
         domain::role_has(actor.role, Capability::kSpotCheckCall);
}

store::SpotCheckPlanRow SpotCheckService::visible_plan(store::Connection& c, const Actor& actor,
                                                       int64_t id) {
  require(actor, Capability::kAppRead);
  store::AppStore store(c);
  const auto plan = store.find_plan(id);
  if (!plan) {
    plan_not_found();
  }
  const auto unit = store::OrgStore(c).find(plan->org_unit_id);
  if (!unit || !plan_concerns(actor, unit->path)) {
    plan_not_found();
  }
  if (!works_plans(actor) && !store.plan_called_within(id, actor.scope_path)) {
    plan_not_found();
  }
  return *plan;
}

std::vector<store::SpotCheckPlanRow> SpotCheckService::plans(const Actor& actor) {
  require(actor, Capability::kAppRead);
  auto lease = ctx_.db.read();
  store::AppStore store(*lease);
  std::vector<store::SpotCheckPlanRow> out;
  for (auto& plan : store.plans_within(actor.scope_path)) {
    if (works_plans(actor) || store.plan_called_within(plan.id, actor.scope_path)) {
      out.push_back(std::move(plan));
    }
  }
  return out;
}

store::SpotCheckPlanRow SpotCheckService::create_plan(const Actor& actor, const PlanInput& in) {
  require(actor, Capability::kSpotCheckManage);
  const std::string name(trim(in.name));
  if (name.empty()) {
    throw Error(ErrorCode::kMissingField, "请填写抽查任务名称", "name");
  }
  if (auto problem = domain::check_free_text(name, kMaxPlanNameChars, "任务名称")) {
    throw Error(ErrorCode::kInvalidValue, *problem, "name");
  }
  if (in.per_village < 1 || in.per_village > kMaxPerVillage) {
    throw Error(ErrorCode::kInvalidValue, "每村抽查条数应在 1 到 1000 之间", "per_village");
  }
  domain::OrgUnit unit;
  {
    auto lease = ctx_.db.read();
    const auto found = store::OrgStore(*lease).find(in.org_unit_id);
    if (!found || !actor.can_see(found->path)) {
      throw Error(ErrorCode::kNotFound, "组织不存在或不在您的管辖范围内", "org_unit_id");
    }
    unit = *found;
  }
  // Seeds stay below 2^53 so that every JSON reader (JavaScript's numbers) keeps them exact.
  const uint64_t seed = (in.seed ? *in.seed : ctx_.random.next_u64()) & kMaxSeed;
  const int64_t drawn_at = ctx_.clock.now_ms();
  const auto strata = index_.roster_entries(unit.path, drawn_at);
  const auto sample = domain::stratified_sample(strata, static_cast<size_t>(in.per_village), seed);
  const int64_t id = ctx_.db.transact([&](store::Connection& c) {
    store::AppStore store(c);
    store::SpotCheckPlanRow plan;
    plan.org_unit_id = unit.id;
    plan.name = name;
    plan.seed = static_cast<int64_t>(seed);
    plan.per_stratum = in.per_village;
    plan.drawn_at = drawn_at;
    plan.created_by = actor.user_id;
    plan.created_at = drawn_at;
    const int64_t id = store.insert_plan(plan);
    for (const auto& item : sample) {
      store.insert_item(id, item.item, item.stratum);
    }
    record_audit(c, ctx_.clock, actor,
                 {"spotcheck.create",
                  "spot_check_plan",
                  std::to_string(id),
                  unit.path,
                  {{"name", name},
                   {"seed", plan.seed},
                   {"per_village", in.per_village},
                   {"villages", strata.size()},
                   {"items", sample.size()}}});
    return id;
  });
  auto lease = ctx_.db.read();
  return *store::AppStore(*lease).find_plan(id);
}

PlanDetail SpotCheckService::plan(const Actor& actor, int64_t id) {
  auto lease = ctx_.db.read();
  store::AppStore store(*lease);
  PlanDetail out{visible_plan(*lease, actor, id), store.plan_strata(id, actor.scope_path)};
  if (!works_plans(actor)) {
    // Watchers learn nothing of the calls still to come.
    for (auto& village : out.villages) {
      village.items = village.called;
    }
    std::erase_if(out.villages, [](const auto& v) { return v.called == 0; });
  }
  return out;
}

ItemPage SpotCheckService::items(const Actor& actor, int64_t plan_id, const ItemQuery& q) {
  auto lease = ctx_.db.read();
  store::AppStore store(*lease);
  visible_plan(*lease, actor, plan_id);
  store::SpotCheckItemFilter f;
  f.plan_id = plan_id;
  f.scope_path = actor.scope_path;
  if (q.mine && actor.user_id) {
    f.assigned_to = actor.user_id;
  }
  f.called = works_plans(actor) ? q.called : std::optional(true);
  f.stratum_id = q.village_id;
  f.limit = std::clamp(q.limit, 1, kMaxPageSize);
  f.offset = std::max(0, q.offset);
  ItemPage page;
  page.items = store.items(f, &page.total);
  return page;
}

std::vector<domain::User> SpotCheckService::callers(const Actor& actor, int64_t plan_id) {
  require(actor, Capability::kSpotCheckManage);
  auto lease = ctx_.db.read();
  visible_plan(*lease, actor, plan_id);
  store::UserFilter filter;
  filter.scope_path = actor.scope_path;
  filter.active = true;
  filter.limit = 500;
  std::vector<domain::User> out;
  for (auto& user : store::UserStore(*lease).list(filter).users) {
    if (domain::role_has(user.role, Capability::kSpotCheckCall)) {
      out.push_back(std::move(user));
    }
  }
  return out;
}

int64_t SpotCheckService::assign(const Actor& actor, int64_t plan_id,
                                 const std::vector<int64_t>& user_ids) {
  require(actor, Capability::kSpotCheckManage);
  if (user_ids.empty()) {
    throw Error(ErrorCode::kMissingField, "请选择抽查人员", "user_ids");
  }
  return ctx_.db.transact([&](store::Connection& c) {
    store::AppStore store(c);
    const auto plan = visible_plan(c, actor, plan_id);
    if (plan.closed) {
      throw Error(ErrorCode::kConflict, "抽查任务已结束");
    }
    struct Caller {
      int64_t id;
      std::string path;
    };
    std::vector<Caller> callers;
    store::UserStore users(c);
    for (int64_t user_id : user_ids) {
      const auto credentials = users.find_credentials(user_id);
      if (!credentials || !actor.can_see(credentials->unit_path)) {
        throw Error(ErrorCode::kNotFound, "用户不存在或不在您的管辖范围内", "user_ids");
      }
      if (!credentials->user.active ||
          !domain::role_has(credentials->user.role, Capability::kSpotCheckCall)) {
        throw Error(ErrorCode::kInvalidValue,
                    "“" + credentials->user.display_name + "”的角色不能承担电话抽查", "user_ids");
      }
      callers.push_back({user_id, credentials->unit_path});
    }
    int64_t assigned = 0;
    size_t next = 0;
    for (const auto& [item, village_path] : store.unassigned_items(plan_id)) {
      // The next caller in turn who can see the item's village.
      for (size_t tried = 0; tried < callers.size(); ++tried) {
        const Caller& caller = callers[(next + tried) % callers.size()];
        if (domain::path_is_within(village_path, caller.path)) {
          store.assign_item(item, caller.id);
          next = (next + tried + 1) % callers.size();
          ++assigned;
          break;
        }
      }
    }
    record_audit(c, ctx_.clock, actor,
                 {"spotcheck.assign",
                  "spot_check_plan",
                  std::to_string(plan_id),
                  actor.scope_path,
                  {{"user_ids", user_ids}, {"assigned", assigned}}});
    return assigned;
  });
}

store::SpotCheckPlanRow SpotCheckService::close_plan(const Actor& actor, int64_t plan_id) {
  require(actor, Capability::kSpotCheckManage);
  ctx_.db.transact([&](store::Connection& c) {
    const auto plan = visible_plan(c, actor, plan_id);
    if (plan.closed) {
      throw Error(ErrorCode::kConflict, "抽查任务已结束");
    }
    store::AppStore(c).close_plan(plan_id);
    record_audit(c, ctx_.clock, actor,
                 {"spotcheck.close",
                  "spot_check_plan",
                  std::to_string(plan_id),
                  actor.scope_path,
                  {{"items", plan.items}, {"called", plan.called}}});
  });
  auto lease = ctx_.db.read();
  return *store::AppStore(*lease).find_plan(plan_id);
}

SpotCheckService::Callable SpotCheckService::callable_item(store::Connection& c, const Actor& actor,
                                                           int64_t item_id) {
  auto item = store::AppStore(c).find_item(item_id);
  if (!item) {
    item_not_found();
  }
  auto village = store::OrgStore(c).find(item->stratum_id);
  if (!village || !actor.can_see(village->path)) {
    item_not_found();
  }
  auto plan = visible_plan(c, actor, item->plan_id);
  if (!domain::role_has(actor.role, Capability::kSpotCheckManage) &&
      item->assigned_to != actor.user_id) {
    throw Error(ErrorCode::kForbidden, "该条目未分配给您");
  }
  return {std::move(*item), std::move(*village), std::move(plan)};
}

std::string SpotCheckService::dial(const Actor& actor, int64_t item_id) {
  require(actor, Capability::kSpotCheckCall);
  return ctx_.db.transact([&](store::Connection& c) {
    const auto [item, village, plan] = callable_item(c, actor, item_id);
    if (plan.closed) {
      throw Error(ErrorCode::kConflict, "抽查任务已结束");
    }
    const auto phone = ctx_.pii.decrypt(item.phone_cipher);
    if (item.phone_cipher.empty() || !phone) {
      throw Error(ErrorCode::kNotFound, "该人员没有登记手机号");
    }
    record_audit(c, ctx_.clock, actor,
                 {"spotcheck.dial",
                  "person",
                  std::to_string(item.person_id),
                  village.path,
                  {{"item_id", item_id}, {"name", item.person_name}, {"fields", {"phone"}}}});
    return *phone;
  });
}

store::SpotCheckItemRow SpotCheckService::record_outcome(const Actor& actor, int64_t item_id,
                                                         domain::CallOutcome outcome,
                                                         const std::string& notes) {
  require(actor, Capability::kSpotCheckCall);
  const std::string text(trim(notes));
  if (auto problem = domain::check_free_text(text, kMaxCallNotesChars, "备注")) {
    throw Error(ErrorCode::kInvalidValue, *problem, "notes");
  }
  ctx_.db.transact([&](store::Connection& c) {
    store::AppStore store(c);
    const auto [item, village, plan] = callable_item(c, actor, item_id);
    if (plan.closed) {
      throw Error(ErrorCode::kConflict, "抽查任务已结束");
    }
    // A call that reached nobody may be made again; a checked entry keeps its outcome.
    if (item.outcome && domain::counts_as_checked(*item.outcome)) {
      throw Error(ErrorCode::kConflict, "该条目已登记抽查结果");
    }
    const int64_t now = ctx_.clock.now_ms();
    const bool flagged = domain::found_false_entry(outcome);
    store.set_outcome(item_id, outcome, now, actor.user_id.value_or(0), text, flagged);
    store::AppFactRow fact;
    fact.person_id = item.person_id;
    fact.recorded_by = actor.user_id;
    fact.recorder_name = actor.display_name.empty() ? actor.username : actor.display_name;
    fact.created_at = now;
    fact.observation.observed_at = now;
    fact.observation.method = domain::AppMethod::kSpotCheck;
    if (domain::reverts_app_status(outcome)) {
      for (auto f : domain::all_app_facts()) {
        fact.observation.fact = f;
        fact.observation.value = false;
        store.insert_fact(fact);
      }
    } else if (outcome == domain::CallOutcome::kConfirmed) {
      fact.observation.fact = domain::AppFact::kInstalled;
      fact.observation.value = true;
      store.insert_fact(fact);
    }
    store.bump_version();
    record_audit(c, ctx_.clock, actor,
                 {"spotcheck.outcome",
                  "spot_check_item",
                  std::to_string(item_id),
                  village.path,
                  {{"plan_id", item.plan_id},
                   {"person_id", item.person_id},
                   {"outcome", domain::call_outcome_key(outcome)},
                   {"before", item.outcome ? nlohmann::json(domain::call_outcome_key(*item.outcome))
                                           : nlohmann::json()},
                   {"flagged", flagged},
                   {"status_reverted", domain::reverts_app_status(outcome)}}});
  });
  auto lease = ctx_.db.read();
  return *store::AppStore(*lease).find_item(item_id);
}

}  // namespace fanzha::service
