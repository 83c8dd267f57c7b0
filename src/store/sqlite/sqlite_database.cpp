#include "store/sqlite/sqlite_database.h"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <chrono>
#include <string>
#include <unordered_map>

#include "common/error.h"

namespace fanzha::store {

namespace {

[[noreturn]] void throw_sqlite(sqlite3* db, int rc, std::string_view what) {
  const int extended = db ? sqlite3_extended_errcode(db) : rc;
  const std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  if ((rc & 0xFF) == SQLITE_CONSTRAINT) {
    if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
      throw Error(ErrorCode::kDuplicate, "记录已存在");
    }
    if (extended == SQLITE_CONSTRAINT_FOREIGNKEY) {
      throw Error(ErrorCode::kConflict, "记录仍被其他数据引用");
    }
  }
  // The detail names tables and columns only, never values, so it is safe to log.
  spdlog::error("sqlite {}: {} (code {})", what, detail, extended);
  throw Error(ErrorCode::kInternal, "数据库错误");
}

// About 16 MiB of WAL (4 KiB pages).
constexpr int64_t kRestartFrames = 4000;

}  // namespace

class SqliteStatement final : public Statement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {
    // Map $n to SQLite's parameter index: SQLite numbers "$name" parameters in order of
    // first appearance, which need not be numeric order.
    const int count = sqlite3_bind_parameter_count(stmt_);
    for (int i = 1; i <= count; ++i) {
      const char* name = sqlite3_bind_parameter_name(stmt_, i);
      if (name == nullptr || name[0] != '$') {
        throw Error(ErrorCode::kInternal, "SQL placeholders must be $1…$n");
      }
      const int n = std::stoi(name + 1);
      if (static_cast<int>(index_of_.size()) <= n) {
        index_of_.resize(n + 1, 0);
      }
      index_of_[n] = i;
    }
  }
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  Statement& bind(int n, int64_t value) override {
    check_bind(sqlite3_bind_int64(stmt_, index(n), value));
    return *this;
  }
  Statement& bind(int n, std::string_view value) override {
    check_bind(sqlite3_bind_text64(stmt_, index(n), value.data(), value.size(), SQLITE_TRANSIENT,
                                   SQLITE_UTF8));
    return *this;
  }
  Statement& bind_null(int n) override {
    check_bind(sqlite3_bind_null(stmt_, index(n)));
    return *this;
  }
  Statement& bind_blob(int n, std::string_view bytes) override {
    check_bind(sqlite3_bind_blob64(stmt_, index(n), bytes.data(), bytes.size(), SQLITE_TRANSIENT));
    return *this;
  }

  bool step() override {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
      return true;
    }
    if (rc == SQLITE_DONE) {
      return false;
    }
    sqlite3_reset(stmt_);
    throw_sqlite(db_, rc, "step");
  }

  bool is_null(int column) override { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  int64_t get_int(int column) override { return sqlite3_column_int64(stmt_, column); }
  std::string get_text(int column) override {
    const auto* text = sqlite3_column_text(stmt_, column);
    const int size = sqlite3_column_bytes(stmt_, column);
    return text ? std::string(reinterpret_cast<const char*>(text), size) : std::string();
  }
  std::string get_blob(int column) override {
    const auto* blob = sqlite3_column_blob(stmt_, column);
    const int size = sqlite3_column_bytes(stmt_, column);
    return blob ? std::string(static_cast<const char*>(blob), size) : std::string();
  }

  void reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  int index(int n) const {
    if (n <= 0 || n >= static_cast<int>(index_of_.size()) || index_of_[n] == 0) {
      throw Error(ErrorCode::kInternal, "SQL has no placeholder $" + std::to_string(n));
    }
    return index_of_[n];
  }
  void check_bind(int rc) {
    if (rc != SQLITE_OK) {
      throw_sqlite(db_, rc, "bind");
    }
  }

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::vector<int> index_of_;
};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, bool read_only, const SqliteOptions& options) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      db_ = nullptr;
      throw Error(ErrorCode::kInternal, "无法打开数据库 " + path + ": " + message);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, options.busy_timeout_ms);
    execute_script("PRAGMA foreign_keys = ON;");
    if (read_only) {
      execute_script("PRAGMA query_only = ON; PRAGMA cache_size = -" +
                     std::to_string(options.reader_cache_kib) + ";");
    } else {
      // WAL lets readers run beside the writer; FULL makes every commit durable. A large
      // page cache keeps a big transaction (a county-wide roster import) from spilling
      // pages to the WAL and reading them back over and over.
      execute_script("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -" +
                     std::to_string(options.writer_cache_kib) + "; PRAGMA wal_autocheckpoint = 0;");
    }
  }
  ~SqliteConnection() override {
    cache_.clear();
    sqlite3_close(db_);
  }

  StatementHandle prepare(std::string_view sql) override {
    auto it = cache_.find(std::string(sql));
    if (it == cache_.end()) {
      it = cache_.emplace(std::string(sql), CacheEntry{compile(sql), false}).first;
    }
    CacheEntry& entry = it->second;
    if (entry.in_use) {
      // The same SQL is already running on this connection (a nested use): give out a
      // private copy that is finalized when released.
      return StatementHandle(compile(sql).release(), [](Statement* s) { delete s; });
    }
    entry.in_use = true;
    return StatementHandle(entry.statement.get(), [&entry](Statement* s) {
      static_cast<SqliteStatement*>(s)->reset();
      entry.in_use = false;
    });
  }

  void execute_script(std::string_view sql) override {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      sqlite3_free(message);
      throw_sqlite(db_, rc, "exec");
    }
  }

  int64_t changes() override { return sqlite3_changes64(db_); }

 private:
  std::unique_ptr<SqliteStatement> compile(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
      throw_sqlite(db_, rc, "prepare");
    }
    return std::make_unique<SqliteStatement>(db_, stmt);
  }

  struct CacheEntry {
    std::unique_ptr<SqliteStatement> statement;
    bool in_use = false;
  };

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, CacheEntry> cache_;
};

SqliteDatabase::SqliteDatabase(const std::string& path, SqliteOptions options) {
  writer_ = std::make_unique<SqliteConnection>(path, false, options);
  for (int i = 0; i < options.readers; ++i) {
    readers_.push_back(std::make_unique<SqliteConnection>(path, true, options));
    idle_readers_.push_back(readers_.back().get());
  }
  checkpointer_ = std::make_unique<SqliteConnection>(path, false, options);
  checkpoint_thread_ =
      std::thread([this, interval = options.checkpoint_interval_ms] { checkpoint_loop(interval); });
}

SqliteDatabase::~SqliteDatabase() {
  {
    std::lock_guard lock(checkpoint_mutex_);
    stopping_ = true;
  }
  checkpoint_wake_.notify_all();
  checkpoint_thread_.join();
  // A last full checkpoint folds the WAL into the file before the connections close.
  try {
    checkpointer_->execute_script("PRAGMA wal_checkpoint(TRUNCATE)");
  } catch (const std::exception& e) {
    spdlog::warn("final checkpoint: {}", e.what());
  }
}

void SqliteDatabase::checkpoint_loop(int interval_ms) {
  std::unique_lock lock(checkpoint_mutex_);
  while (!stopping_) {
    checkpoint_wake_.wait_for(lock, std::chrono::milliseconds(interval_ms),
                              [this] { return stopping_; });
    if (stopping_) {
      return;
    }
    lock.unlock();
    try {
      // PASSIVE copies what no reader still needs without blocking anyone. Under a
      // steady stream of writes it never catches up, so the WAL could grow without end:
      // past kRestartFrames a RESTART checkpoint holds writers back briefly and lets
      // the WAL start over from its beginning.
      auto passive = checkpointer_->prepare("PRAGMA wal_checkpoint(PASSIVE)");
      const int64_t frames = passive->step() ? passive->get_int(1) : 0;
      passive.reset();
      if (frames > kRestartFrames) {
        checkpointer_->execute_script("PRAGMA wal_checkpoint(RESTART)");
      }
    } catch (const std::exception& e) {
      spdlog::warn("checkpoint: {}", e.what());
    }
    lock.lock();
  }
}

ConnectionLease SqliteDatabase::read() {
  std::unique_lock lock(readers_mutex_);
  reader_returned_.wait(lock, [this] { return !idle_readers_.empty(); });
  SqliteConnection* connection = idle_readers_.back();
  idle_readers_.pop_back();
  return ConnectionLease(connection, [this, connection] {
    {
      std::lock_guard guard(readers_mutex_);
      idle_readers_.push_back(connection);
    }
    reader_returned_.notify_one();
  });
}

ConnectionLease SqliteDatabase::begin_write() {
  writer_mutex_.lock();
  try {
    writer_->execute_script("BEGIN IMMEDIATE");
  } catch (...) {
    writer_mutex_.unlock();
    throw;
  }
  return ConnectionLease(writer_.get(), [this] { writer_mutex_.unlock(); });
}

void SqliteDatabase::commit_write(Connection& connection) { connection.execute_script("COMMIT"); }

void SqliteDatabase::rollback_write(Connection& connection) noexcept {
  try {
    connection.execute_script("ROLLBACK");
  } catch (const std::exception& e) {
    spdlog::error("rollback failed: {}", e.what());
  }
}

}  // namespace fanzha::store
