// The home page's figures for the actor's subtree: units per kind, the same per child
// unit, and users per role. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "domain/org_unit.h"
#include "domain/user.h"
#include "service/actor.h"
#include "service/context.h"

namespace fanzha::service {

struct DashboardChild {
  domain::OrgUnit unit;
  std::map<domain::OrgKind, int64_t> counts;
};

struct Dashboard {
  domain::OrgUnit unit;
  std::map<domain::OrgKind, int64_t> counts;  // active units within the scope, by kind
  std::vector<DashboardChild> children;
  std::map<domain::Role, int64_t> users_by_role;  // active users within the scope
};

class DashboardService {
 public:
  explicit DashboardService(ServiceContext context) : ctx_(context) {}

  Dashboard summary(const Actor& actor);

 private:
  ServiceContext ctx_;
};

}  // namespace fanzha::service
