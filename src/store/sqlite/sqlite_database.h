// The SQLite backend of the storage port: WAL journal, foreign keys on, a busy timeout,
// one writer connection (BEGIN IMMEDIATE transactions), a pool of read-only readers and
// a background thread that checkpoints the WAL.
// Thread-safe; see store/database.h for the ownership rules.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/database.h"

namespace fanzha::store {

class SqliteConnection;

struct SqliteOptions {
  int readers = 8;
  int busy_timeout_ms = 5000;
  // Page cache per connection (SQLite's default is 2 MiB). Memory is taken only as pages
  // are used.
  int writer_cache_kib = 256 * 1024;
  int reader_cache_kib = 32 * 1024;
  // Checkpoints (copying the WAL back into the database file) run on a background
  // thread this often, so that no committing request waits for one; hot pages
  // (counters, index tails) are copied once per interval, not once per commit.
  int checkpoint_interval_ms = 250;
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

  void checkpoint_loop(int interval_ms);
  std::unique_ptr<SqliteConnection> checkpointer_;
  std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_wake_;
  bool stopping_ = false;
  std::thread checkpoint_thread_;
};

}  // namespace fanzha::store
