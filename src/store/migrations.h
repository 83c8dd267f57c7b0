// Versioned schema migrations. Each migration is a SQL file under store/migrations/
// (NNN_name.sql), embedded into the binary at build time and applied in version order,
// each in its own transaction, by `fanzha migrate` and at server start-up.
#pragma once

#include <string_view>
#include <vector>

#include "common/clock.h"
#include "store/database.h"

namespace fanzha::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

const std::vector<Migration>& embedded_migrations();

struct MigrationReport {
  int from_version = 0;
  int to_version = 0;
  int applied = 0;
};

// Applies every migration newer than the database's version. Throws fanzha::Error when
// the database was written by a newer fanzha (its version is unknown here).
MigrationReport apply_migrations(Database& db, const Clock& clock);

// The version the database is at (0 for a new file).
int schema_version(Database& db);

}  // namespace fanzha::store
