#include "domain/org_path.h"

#include <charconv>

namespace fanzha::domain {

std::string child_path(std::string_view parent_path, int64_t id) {
  std::string out(parent_path);
  out += std::to_string(id);
  out += '/';
  return out;
}

std::string path_upper_bound(std::string_view path) {
  std::string out(path);
  if (!out.empty() && out.back() == '/') {
    out.back() = '0';
  } else {
    out.push_back('\x7f');
  }
  return out;
}

std::vector<int64_t> path_ids(std::string_view path) {
  std::vector<int64_t> ids;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    int64_t id = 0;
    auto [ptr, ec] = std::from_chars(path.data() + i, path.data() + path.size(), id);
    if (ec != std::errc()) {
      break;
    }
    ids.push_back(id);
    i = static_cast<size_t>(ptr - path.data());
  }
  return ids;
}

int path_depth(std::string_view path) {
  int slashes = 0;
  for (char c : path) {
    slashes += c == '/' ? 1 : 0;
  }
  return slashes >= 2 ? slashes - 2 : 0;
}

}  // namespace fanzha::domain
