#include "store/org_store.h"

#include <algorithm>
#include <tuple>

#include "common/error.h"
#include "domain/org_path.h"
#include "store/like_pattern.h"

namespace fanzha::store {

using domain::OrgKind;
using domain::OrgUnit;

namespace {

// Every unit read carries its number of children (an indexed count on parent_id).
#define FANZHA_UNIT_COLUMNS                                                             \
  "u.id, u.parent_id, u.code, u.name, u.kind, u.path, u.depth, u.active, u.created_at," \
  " u.updated_at, (SELECT COUNT(*) FROM org_unit c WHERE c.parent_id = u.id) AS child_count"

OrgUnit read_unit(Statement& s) {
  OrgUnit u;
  u.id = s.get_int(0);
  u.parent_id = s.get_optional_int(1);
  u.code = s.get_text(2);
  u.name = s.get_text(3);
  const auto kind = domain::parse_org_kind(s.get_text(4));
  if (!kind) {
    throw Error(ErrorCode::kInternal, "unknown org kind in database");
  }
  u.kind = *kind;
  u.path = s.get_text(5);
  u.depth = static_cast<int>(s.get_int(6));
  u.active = s.get_bool(7);
  u.created_at = s.get_int(8);
  u.updated_at = s.get_int(9);
  u.child_count = s.get_int(10);
  return u;
}

}  // namespace

std::optional<OrgUnit> OrgStore::find(int64_t id) {
  auto s = c_.prepare("SELECT " FANZHA_UNIT_COLUMNS " FROM org_unit u WHERE u.id = $1");
  s->bind(1, id);
  if (!s->step()) {
    return std::nullopt;
  }
  return read_unit(*s);
}

std::optional<OrgUnit> OrgStore::find_by_code(std::string_view code) {
  auto s = c_.prepare("SELECT " FANZHA_UNIT_COLUMNS " FROM org_unit u WHERE u.code = $1");
  s->bind(1, code);
  if (!s->step()) {
    return std::nullopt;
  }
  return read_unit(*s);
}

std::vector<OrgUnit> OrgStore::roots() {
  auto s = c_.prepare("SELECT " FANZHA_UNIT_COLUMNS
                      " FROM org_unit u WHERE u.parent_id IS NULL ORDER BY u.code");
  std::vector<OrgUnit> out;
  while (s->step()) {
    out.push_back(read_unit(*s));
  }
  return out;
}

std::vector<OrgUnit> OrgStore::children(int64_t parent_id, bool include_inactive) {
  auto s = c_.prepare("SELECT " FANZHA_UNIT_COLUMNS
                      " FROM org_unit u WHERE u.parent_id = $1 AND (u.active = 1 OR $2 = 1)");
  s->bind_all(parent_id, include_inactive);
  std::vector<OrgUnit> out;
  while (s->step()) {
    out.push_back(read_unit(*s));
  }
  // The geographic spine first (townships before departments and banks), then by code.
  std::sort(out.begin(), out.end(), [](const OrgUnit& a, const OrgUnit& b) {
    return std::tie(a.kind, a.code) < std::tie(b.kind, b.code);
  });
  return out;
}

std::vector<OrgUnit> OrgStore::find_many(const std::vector<int64_t>& ids) {
  std::vector<OrgUnit> out;
  out.reserve(ids.size());
  for (int64_t id : ids) {
    if (auto unit = find(id)) {
      out.push_back(std::move(*unit));
    }
  }
  return out;
}

OrgPage OrgStore::subtree(std::string_view path, std::optional<OrgKind> kind, int limit,
                          int offset) {
  const std::string upper = domain::path_upper_bound(path);
  const std::string kind_key = kind ? std::string(domain::org_kind_key(*kind)) : std::string();
  OrgPage page;
  auto count = c_.prepare(
      "SELECT COUNT(*) FROM org_unit u WHERE u.path > $1 AND u.path < $2"
      " AND ($3 = '' OR u.kind = $3)");
  count->bind_all(path, upper, kind_key);
  count->step();
  page.total = count->get_int(0);
  auto s = c_.prepare("SELECT " FANZHA_UNIT_COLUMNS
                      " FROM org_unit u WHERE u.path > $1 AND u.path < $2"
                      " AND ($3 = '' OR u.kind = $3) ORDER BY u.path LIMIT $4 OFFSET $5");
  s->bind_all(path, upper, kind_key, limit, offset);
  while (s->step()) {
    page.units.push_back(read_unit(*s));
  }
  return page;
}

OrgPage OrgStore::search(std::string_view scope_path, std::string_view query,
                         std::optional<OrgKind> kind, int limit) {
  const std::string upper = domain::path_upper_bound(scope_path);
  const std::string kind_key = kind ? std::string(domain::org_kind_key(*kind)) : std::string();
  const std::string contains = like_contains(query);
  const std::string prefix = like_escape(query) + "%";
  constexpr const char* kWhere =
      " FROM org_unit u WHERE u.path >= $1 AND u.path < $2 AND ($3 = '' OR u.kind = $3)"
      " AND (u.name LIKE $4 ESCAPE '\\' OR u.code LIKE $5 ESCAPE '\\')";
  OrgPage page;
  auto count = c_.prepare(std::string("SELECT COUNT(*)") + kWhere);
  count->bind_all(scope_path, upper, kind_key, contains, prefix);
  count->step();
  page.total = count->get_int(0);
  auto s = c_.prepare(std::string("SELECT " FANZHA_UNIT_COLUMNS) + kWhere +
                      " ORDER BY u.depth, u.code LIMIT $6");
  s->bind_all(scope_path, upper, kind_key, contains, prefix, limit);
  while (s->step()) {
    page.units.push_back(read_unit(*s));
  }
  return page;
}

std::vector<std::pair<OrgKind, int64_t>> OrgStore::count_by_kind(std::string_view path) {
  auto s = c_.prepare(
      "SELECT u.kind, COUNT(*) FROM org_unit u WHERE u.path >= $1 AND u.path < $2"
      " AND u.active = 1 GROUP BY u.kind");
  s->bind_all(path, domain::path_upper_bound(path));
  std::vector<std::pair<OrgKind, int64_t>> out;
  while (s->step()) {
    if (auto kind = domain::parse_org_kind(s->get_text(0))) {
      out.emplace_back(*kind, s->get_int(1));
    }
  }
  return out;
}

bool OrgStore::has_children(int64_t id) {
  auto s = c_.prepare("SELECT 1 FROM org_unit WHERE parent_id = $1 LIMIT 1");
  s->bind(1, id);
  return s->step();
}

OrgUnit OrgStore::insert(const OrgUnit* parent, const NewOrgUnit& unit, int64_t now) {
  // The path needs the new id: insert with a unique provisional path, then set it.
  auto s = c_.prepare(
      "INSERT INTO org_unit (parent_id, code, name, kind, path, depth, active, created_at,"
      " updated_at) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7) RETURNING id");
  const std::optional<int64_t> parent_id = parent ? std::optional(parent->id) : std::nullopt;
  const std::string provisional = "pending:" + unit.code;
  const int depth = parent ? parent->depth + 1 : 0;
  s->bind_all(parent_id, unit.code, unit.name, domain::org_kind_key(unit.kind), provisional, depth,
              now);
  if (!s->step()) {
    throw Error(ErrorCode::kInternal, "insert returned no id");
  }
  OrgUnit out;
  out.id = s->get_int(0);
  s.reset();
  out.parent_id = parent_id;
  out.code = unit.code;
  out.name = unit.name;
  out.kind = unit.kind;
  out.path = parent ? domain::child_path(parent->path, out.id) : domain::root_path(out.id);
  out.depth = depth;
  out.active = true;
  out.created_at = now;
  out.updated_at = now;
  c_.prepare("UPDATE org_unit SET path = $1 WHERE id = $2")->bind_all(out.path, out.id).run();
  return out;
}

void OrgStore::rename(int64_t id, std::string_view name, int64_t now) {
  c_.prepare("UPDATE org_unit SET name = $1, updated_at = $2 WHERE id = $3")
      ->bind_all(name, now, id)
      .run();
}

int64_t OrgStore::set_active_subtree(std::string_view path, bool active, int64_t now) {
  c_.prepare(
        "UPDATE org_unit SET active = $1, updated_at = $2"
        " WHERE path >= $3 AND path < $4 AND active <> $1")
      ->bind_all(active, now, path, domain::path_upper_bound(path))
      .run();
  return c_.changes();
}

void OrgStore::move(const OrgUnit& unit, const OrgUnit& new_parent, int64_t now) {
  const std::string new_path = domain::child_path(new_parent.path, unit.id);
  const int depth_delta = new_parent.depth + 1 - unit.depth;
  c_.prepare(
        "UPDATE org_unit SET path = $1 || substr(path, $2), depth = depth + $3"
        " WHERE path >= $4 AND path < $5")
      ->bind_all(new_path, static_cast<int64_t>(unit.path.size()) + 1, depth_delta, unit.path,
                 domain::path_upper_bound(unit.path))
      .run();
  c_.prepare("UPDATE org_unit SET parent_id = $1, updated_at = $2 WHERE id = $3")
      ->bind_all(new_parent.id, now, unit.id)
      .run();
}

void OrgStore::remove(int64_t id) {
  c_.prepare("DELETE FROM org_unit WHERE id = $1")->bind(1, id).run();
}

}  // namespace fanzha::store
