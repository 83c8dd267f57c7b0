// An org unit as the rest of fanzha sees it. Plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/org_kind.h"

namespace fanzha::domain {

struct OrgUnit {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
  std::string code;
  std::string name;
  OrgKind kind = OrgKind::kCounty;
  std::string path;  // see org_path.h
  int depth = 0;
  bool active = true;
  int64_t child_count = 0;  // filled by queries that count children, else 0
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

}  // namespace fanzha::domain
