#include "cli/runtime.h"

#include <filesystem>
#include <iostream>

#include "cli/key_file.h"
#include "store/migrations.h"
#include "store/sqlite/sqlite_database.h"

namespace fanzha::cli {

Runtime::Runtime(const std::string& db_path, const std::string& key_path) {
  const auto parent = std::filesystem::path(db_path).parent_path();
  if (!parent.empty()) {
    std::filesystem::create_directories(parent);
  }
  db = std::make_unique<store::SqliteDatabase>(db_path);
  store::apply_migrations(*db, clock);
  pii = load_or_create_key_file(key_path.empty() ? default_key_path(db_path) : key_path, random);
  files_dir = std::filesystem::absolute(db_path).string() + ".files";
  std::filesystem::create_directories(files_dir);
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
