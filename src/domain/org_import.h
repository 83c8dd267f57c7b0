// Planning an org-tree import from CSV (`code,parent_code,name,kind`, Chinese headers
// 编码,上级编码,名称,类型 also accepted). The plan is all-or-nothing: either every row is
// valid and the plan lists what to create and rename, or the result lists every problem
// by line. Pure: existing units are looked up through a callback. Thread-compatible.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "domain/org_kind.h"

namespace fanzha::domain {

struct OrgImportRow {
  int line = 0;
  std::string code;
  std::string parent_code;  // empty for a root
  std::string name;
  OrgKind kind = OrgKind::kCounty;
};

// What the planner needs to know of a unit that already exists.
struct ExistingOrgUnit {
  int64_t id = 0;
  std::string parent_code;  // empty for a root
  std::string name;
  OrgKind kind = OrgKind::kCounty;
  std::string path;
  bool active = true;
};

using ExistingOrgLookup = std::function<std::optional<ExistingOrgUnit>(std::string_view code)>;

struct OrgImportPlan {
  std::vector<OrgImportRow> creates;  // every parent comes before its children
  struct Rename {
    int64_t id = 0;
    OrgImportRow row;
  };
  std::vector<Rename> renames;
  int unchanged = 0;
};

struct OrgImportResult {
  OrgImportPlan plan;
  std::vector<ErrorDetail> errors;  // empty when the plan may be applied
};

struct OrgImportScope {
  std::string scope_path;  // rows may only hang under units within this path
  bool may_create_roots = false;
};

// At most this many problems are reported; one more line says how many were left out.
inline constexpr size_t kMaxImportErrors = 200;

OrgImportResult plan_org_import(std::string_view csv_text, const ExistingOrgLookup& lookup,
                                const OrgImportScope& scope);

}  // namespace fanzha::domain
