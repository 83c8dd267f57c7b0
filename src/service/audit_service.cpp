#include "service/audit_service.h"

#include <algorithm>

#include "service/org_service.h"

namespace fanzha::service {

store::AuditPage AuditService::list(const Actor& actor, store::AuditFilter filter) {
  require(actor, domain::Capability::kAuditRead);
  filter.scope_path = actor.scope_path;
  filter.include_unscoped = actor.sees_whole_tree();
  filter.limit = std::clamp(filter.limit, 1, kMaxPageSize);
  filter.offset = std::max(filter.offset, 0);
  auto lease = ctx_.db.read();
  return store::AuditStore(*lease).list(filter);
}

}  // namespace fanzha::service
