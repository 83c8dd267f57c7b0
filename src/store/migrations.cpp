#include "store/migrations.h"

#include <spdlog/spdlog.h>

#include "common/error.h"

namespace fanzha::store {

namespace {

constexpr std::string_view kCreateMigrationTable =
    "CREATE TABLE IF NOT EXISTS schema_migration ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)";

int current_version(Connection& c) {
  auto q = c.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migration");
  q->step();
  return static_cast<int>(q->get_int(0));
}

}  // namespace

int schema_version(Database& db) {
  return db.transact([](Connection& c) {
    c.execute_script(kCreateMigrationTable);
    return current_version(c);
  });
}

MigrationReport apply_migrations(Database& db, const Clock& clock) {
  MigrationReport report;
  report.from_version = schema_version(db);
  report.to_version = report.from_version;
  const auto& migrations = embedded_migrations();
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  if (report.from_version > latest) {
    throw Error(ErrorCode::kConflict, "数据库版本 " + std::to_string(report.from_version) +
                                          " 比本程序支持的版本 " + std::to_string(latest) +
                                          " 新，请升级 fanzha");
  }
  for (const Migration& m : migrations) {
    if (m.version <= report.from_version) {
      continue;
    }
    db.transact([&](Connection& c) {
      // Re-check inside the write lock: another process may have migrated meanwhile.
      if (current_version(c) >= m.version) {
        return;
      }
      c.execute_script(m.sql);
      c.prepare("INSERT INTO schema_migration (version, name, applied_at) VALUES ($1, $2, $3)")
          ->bind_all(m.version, m.name, clock.now_ms())
          .run();
      ++report.applied;
      spdlog::info("applied migration {:03d}_{}", m.version, m.name);
    });
    report.to_version = m.version;
  }
  return report;
}

}  // namespace fanzha::store
