#include "service/audit_trail.h"

#include "store/audit_store.h"

namespace fanzha::service {

void record_audit(store::Connection& connection, const Clock& clock, const Actor& actor,
                  const AuditEvent& event) {
  store::AuditRecord record;
  record.at = clock.now_ms();
  record.user_id = actor.user_id;
  record.username = actor.username;
  record.action = event.action;
  record.entity_type = event.entity_type;
  record.entity_id = event.entity_id;
  record.scope_path = event.scope_path;
  record.summary = event.summary.is_null() ? "{}" : event.summary.dump();
  record.client_addr = actor.client_addr;
  record.outcome = event.outcome;
  store::AuditStore(connection).insert(record);
}

}  // namespace fanzha::service
