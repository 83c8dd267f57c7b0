#include "cli/runtime.h"

#include <filesystem>
#include <iostream>

#include "store/migrations.h"
#include "store/sqlite/sqlite_database.h"

namespace fanzha::cli {

Runtime::Runtime(const std::string& db_path) {
  const auto parent = std::filesystem::path(db_path).parent_path();
  if (!parent.empty()) {
    std::filesystem::create_directories(parent);
  }
  db = std::make_unique<store::SqliteDatabase>(db_path);
  store::apply_migrations(*db, clock);
}

std::string read_stdin_line() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') {
    line.pop_back();
  }
  return line;
}

}  // namespace fanzha::cli
