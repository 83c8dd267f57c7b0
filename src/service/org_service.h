// The org tree as users see it: every call is checked against the actor's role and
// scope (units outside the scope are "not found"), every write is validated, audited and
// done in one transaction. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/org_unit.h"
#include "service/actor.h"
#include "service/context.h"
#include "store/org_store.h"

namespace fanzha::service {

struct NewUnitInput {
  std::optional<int64_t> parent_id;  // nullopt creates a root (the system only)
  std::string code;
  std::string name;
  domain::OrgKind kind = domain::OrgKind::kCounty;
};

struct UnitChanges {
  std::optional<std::string> name;
  std::optional<bool> active;
};

struct OrgImportSummary {
  int created = 0;
  int renamed = 0;
  int unchanged = 0;
};

inline constexpr int kMaxPageSize = 500;

class OrgService {
 public:
  explicit OrgService(ServiceContext context) : ctx_(context) {}

  domain::OrgUnit get(const Actor& actor, int64_t id);
  std::vector<domain::OrgUnit> children(const Actor& actor, int64_t id, bool include_inactive);
  // From the actor's scope root down to the unit.
  std::vector<domain::OrgUnit> path(const Actor& actor, int64_t id);
  store::OrgPage subtree(const Actor& actor, int64_t id, std::optional<domain::OrgKind> kind,
                         int limit, int offset);
  store::OrgPage search(const Actor& actor, std::string_view query,
                        std::optional<domain::OrgKind> kind, int limit);

  domain::OrgUnit create(const Actor& actor, const NewUnitInput& input);
  domain::OrgUnit update(const Actor& actor, int64_t id, const UnitChanges& changes);
  domain::OrgUnit move(const Actor& actor, int64_t id, int64_t new_parent_id);
  void remove(const Actor& actor, int64_t id);
  // All-or-nothing import of `code,parent_code,name,kind` rows; throws import_rejected
  // with line-numbered details when any row is wrong.
  OrgImportSummary import_csv(const Actor& actor, std::string_view csv_text);

 private:
  // The unit, if it exists and lies in the actor's scope; else throws not_found.
  domain::OrgUnit visible(store::OrgStore& store, const Actor& actor, int64_t id) const;

  ServiceContext ctx_;
};

}  // namespace fanzha::service
