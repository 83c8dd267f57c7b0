// Materialized paths of the org tree. A unit's path lists the ids from the root down to
// the unit itself, each followed by '/': the root 7 has "/7/", its child 12 "/7/12/".
// "A is under B" is then a prefix test, and "all units under B" is the key range
// [path(B), path_upper_bound(path(B))) in any byte-ordered index (SQLite, or PostgreSQL
// with COLLATE "C"). Pure, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fanzha::domain {

// The path of the scope that holds every unit (used by the CLI and the system itself).
inline constexpr std::string_view kWholeTreePath = "/";

std::string child_path(std::string_view parent_path, int64_t id);
inline std::string root_path(int64_t id) { return child_path(kWholeTreePath, id); }

// True when `path` is `ancestor_path` itself or lies below it.
inline bool path_is_within(std::string_view path, std::string_view ancestor_path) {
  return path.starts_with(ancestor_path);
}

// The smallest string greater than every path that starts with `path` ('/' + 1 == '0').
std::string path_upper_bound(std::string_view path);

// Ids along the path, root first.
std::vector<int64_t> path_ids(std::string_view path);

// Depth of the unit: 0 for a root.
int path_depth(std::string_view path);

}  // namespace fanzha::domain
