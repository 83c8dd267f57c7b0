// The SQLite backend of the storage port: WAL journal, foreign keys on, a busy timeout,
// one writer connection (BEGIN IMMEDIATE transactions) and a pool of read-only readers.
// Thread-safe; see store/database.h for the ownership rules.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.h"

namespace fanzha::store {

class SqliteConnection;

struct SqliteOptions {
  int readers = 8;
  int busy_timeout_ms = 5000;
};

class SqliteDatabase final : public Database {
 public:
  // Opens (creating if needed) the database file at `path`. Throws fanzha::Error.
  explicit SqliteDatabase(const std::string& path, SqliteOptions options = {});
  ~SqliteDatabase() override;

  ConnectionLease read() override;

 protected:
  ConnectionLease begin_write() override;
  void commit_write(Connection& connection) override;
  void rollback_write(Connection& connection) noexcept override;

 private:
  std::unique_ptr<SqliteConnection> writer_;
  std::mutex writer_mutex_;

  std::vector<std::unique_ptr<SqliteConnection>> readers_;
  std::vector<SqliteConnection*> idle_readers_;
  std::mutex readers_mutex_;
  std::condition_variable reader_returned_;
};

}  // namespace fanzha::store
