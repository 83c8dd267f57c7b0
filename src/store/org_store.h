// SQL for the org tree. An OrgStore works on one Connection lent by the caller (a reader,
// or the writer inside a transaction), so the caller decides the transaction. No scope
// checks here: the service layer passes the caller's scope path where it matters.
// Not thread-safe (neither is the Connection).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/org_unit.h"
#include "store/database.h"

namespace fanzha::store {

struct OrgPage {
  std::vector<domain::OrgUnit> units;
  int64_t total = 0;
};

struct NewOrgUnit {
  std::string code;
  std::string name;
  domain::OrgKind kind = domain::OrgKind::kCounty;
};

class OrgStore {
 public:
  explicit OrgStore(Connection& connection) : c_(connection) {}

  std::optional<domain::OrgUnit> find(int64_t id);
  std::optional<domain::OrgUnit> find_by_code(std::string_view code);
  // Direct children sorted by code, each with its child_count.
  std::vector<domain::OrgUnit> children(int64_t parent_id, bool include_inactive);
  // The units without a parent (a county, or a province above its counties).
  std::vector<domain::OrgUnit> roots();
  // The units with these ids, in the order given (missing ids are skipped).
  std::vector<domain::OrgUnit> find_many(const std::vector<int64_t>& ids);
  // Units strictly below `path`, in tree order, optionally of one kind.
  OrgPage subtree(std::string_view path, std::optional<domain::OrgKind> kind, int limit,
                  int offset);
  // Units within `scope_path` whose name contains `query` or whose code starts with it.
  OrgPage search(std::string_view scope_path, std::string_view query,
                 std::optional<domain::OrgKind> kind, int limit);
  // Number of units of each kind within `path` (the unit itself included).
  std::vector<std::pair<domain::OrgKind, int64_t>> count_by_kind(std::string_view path);
  bool has_children(int64_t id);

  // Inserts a unit under `parent` (nullptr for a root) and returns it.
  domain::OrgUnit insert(const domain::OrgUnit* parent, const NewOrgUnit& unit, int64_t now);
  void rename(int64_t id, std::string_view name, int64_t now);
  // Sets the active flag of the unit at `path` and everything below; returns how many
  // units changed.
  int64_t set_active_subtree(std::string_view path, bool active, int64_t now);
  // Moves `unit` (and its subtree) under `new_parent`, rewriting paths and depths.
  void move(const domain::OrgUnit& unit, const domain::OrgUnit& new_parent, int64_t now);
  void remove(int64_t id);

 private:
  Connection& c_;
};

}  // namespace fanzha::store
