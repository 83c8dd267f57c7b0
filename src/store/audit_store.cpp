#include "store/audit_store.h"

#include "domain/org_path.h"

namespace fanzha::store {

void AuditStore::insert(const AuditRecord& r) {
  c_.prepare(
        "INSERT INTO audit_log (at, user_id, username, action, entity_type, entity_id,"
        " scope_path, summary, client_addr, outcome)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
      ->bind_all(r.at, r.user_id, r.username, r.action, r.entity_type, r.entity_id, r.scope_path,
                 r.summary, r.client_addr, r.outcome)
      .run();
}

AuditPage AuditStore::list(const AuditFilter& f) {
  const std::string upper = domain::path_upper_bound(f.scope_path);
  const bool action_prefix = !f.action.empty() && f.action.back() == '.';
  const std::string where =
      " FROM audit_log WHERE ((scope_path >= $1 AND scope_path < $2) OR ($3 = 1 AND scope_path = "
      "'/'))"
      " AND ($4 = '' OR username = $4)"
      " AND ($5 = '' OR action = $5 OR ($6 = 1 AND substr(action, 1, length($5)) = $5))"
      " AND ($7 = '' OR entity_type = $7) AND ($8 = '' OR entity_id = $8)"
      " AND ($9 < 0 OR at >= $9) AND ($10 < 0 OR at < $10)";
  auto bind_filters = [&](Statement& s) {
    s.bind_all(f.scope_path, upper, f.include_unscoped, f.username, f.action, action_prefix,
               f.entity_type, f.entity_id, f.from.value_or(-1), f.to.value_or(-1));
  };
  AuditPage page;
  auto count = c_.prepare("SELECT COUNT(*)" + where);
  bind_filters(*count);
  count->step();
  page.total = count->get_int(0);
  auto s = c_.prepare(
      "SELECT id, at, user_id, username, action, entity_type, entity_id, scope_path, summary,"
      " client_addr, outcome" +
      where + " ORDER BY id DESC LIMIT $11 OFFSET $12");
  bind_filters(*s);
  s->bind(11, f.limit).bind(12, f.offset);
  while (s->step()) {
    AuditRecord r;
    r.id = s->get_int(0);
    r.at = s->get_int(1);
    r.user_id = s->get_optional_int(2);
    r.username = s->get_text(3);
    r.action = s->get_text(4);
    r.entity_type = s->get_text(5);
    r.entity_id = s->get_text(6);
    r.scope_path = s->get_text(7);
    r.summary = s->get_text(8);
    r.client_addr = s->get_text(9);
    r.outcome = s->get_text(10);
    page.entries.push_back(std::move(r));
  }
  return page;
}

}  // namespace fanzha::store
