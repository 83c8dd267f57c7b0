// Reading the audit log: admins see the entries of their own subtree; admins of a whole
// tree also see entries that belong to no unit (failed logins with unknown names).
// Thread-safe.
#pragma once

#include "service/actor.h"
#include "service/context.h"
#include "store/audit_store.h"

namespace fanzha::service {

class AuditService {
 public:
  explicit AuditService(ServiceContext context) : ctx_(context) {}

  // `filter.scope_path` and `include_unscoped` are set from the actor.
  store::AuditPage list(const Actor& actor, store::AuditFilter filter);

 private:
  ServiceContext ctx_;
};

}  // namespace fanzha::service
