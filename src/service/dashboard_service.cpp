#include "service/dashboard_service.h"

#include "store/org_store.h"
#include "store/user_store.h"

namespace fanzha::service {

Dashboard DashboardService::summary(const Actor& actor) {
  require(actor, domain::Capability::kDashboardRead);
  auto lease = ctx_.db.read();
  store::OrgStore units(*lease);
  const auto unit = units.find(actor.unit_id);
  if (!unit) {
    throw Error(ErrorCode::kNotFound, "您所在的组织不存在");
  }
  Dashboard d;
  d.unit = *unit;
  for (const auto& [kind, count] : units.count_by_kind(unit->path)) {
    d.counts[kind] = count;
  }
  for (auto& child : units.children(unit->id, /*include_inactive=*/false)) {
    DashboardChild entry;
    for (const auto& [kind, count] : units.count_by_kind(child.path)) {
      entry.counts[kind] = count;
    }
    entry.unit = std::move(child);
    d.children.push_back(std::move(entry));
  }
  d.unit.child_count = static_cast<int64_t>(d.children.size());
  for (const auto& [role, count] : store::UserStore(*lease).count_by_role(unit->path)) {
    d.users_by_role[role] = count;
  }
  return d;
}

}  // namespace fanzha::service
