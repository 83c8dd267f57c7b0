// The storage port of fanzha: a thin Database / Connection / Statement interface that
// the SQLite backend implements now and a PostgreSQL (libpq) backend can implement
// later. SQL written against it follows the portable subset: `$1…$n` placeholders,
// integers for money (fen) and time (epoch ms, UTC), RETURNING and ON CONFLICT.
//
// Ownership and threads: a Database is shared by all threads. A Connection belongs to
// one thread at a time — obtain it through `read()` (a pooled reader) or `write()` /
// `transact()` (the single writer). Statements belong to their Connection and must not
// outlive the lease they came from.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace fanzha::store {

class Statement {
 public:
  virtual ~Statement() = default;

  // Binds placeholder `$n` (1-based). Returns *this for chaining.
  virtual Statement& bind(int n, int64_t value) = 0;
  virtual Statement& bind(int n, std::string_view value) = 0;
  virtual Statement& bind_null(int n) = 0;
  // Binds bytes (encrypted values, hashes) as a BLOB.
  virtual Statement& bind_blob(int n, std::string_view bytes) = 0;
  Statement& bind(int n, int value) { return bind(n, static_cast<int64_t>(value)); }
  Statement& bind(int n, bool value) { return bind(n, static_cast<int64_t>(value ? 1 : 0)); }
  Statement& bind(int n, const char* value) { return bind(n, std::string_view(value)); }
  Statement& bind(int n, const std::string& value) { return bind(n, std::string_view(value)); }
  template <typename T>
  Statement& bind(int n, const std::optional<T>& value) {
    return value ? bind(n, *value) : bind_null(n);
  }
  // Binds $1, $2, … in order.
  template <typename... Args>
  Statement& bind_all(const Args&... args) {
    int n = 0;
    (bind(++n, args), ...);
    return *this;
  }

  // Advances to the next row; false when there are no more rows (or the statement was
  // not a query). Throws fanzha::Error on constraint violations and I/O failures.
  virtual bool step() = 0;
  // Runs a statement that returns no rows (or ignores them), then resets it so that it
  // can be bound and run again.
  void run() {
    while (step()) {
    }
    reset();
  }
  // Makes the statement ready to run again; bindings are cleared.
  virtual void reset() = 0;

  // Columns of the current row, 0-based.
  virtual bool is_null(int column) = 0;
  virtual int64_t get_int(int column) = 0;
  virtual std::string get_text(int column) = 0;
  virtual std::string get_blob(int column) = 0;
  std::optional<int64_t> get_optional_int(int column) {
    return is_null(column) ? std::nullopt : std::optional<int64_t>(get_int(column));
  }
  bool get_bool(int column) { return get_int(column) != 0; }
};

// A statement prepared by (and cached in) a Connection; reset when the handle goes away.
using StatementHandle = std::unique_ptr<Statement, std::function<void(Statement*)>>;

class Connection {
 public:
  virtual ~Connection() = default;
  // Prepares (or takes from the connection's cache) one SQL statement.
  virtual StatementHandle prepare(std::string_view sql) = 0;
  // Runs a script of statements without parameters (migrations).
  virtual void execute_script(std::string_view sql) = 0;
  // Rows changed by the last INSERT/UPDATE/DELETE.
  virtual int64_t changes() = 0;
};

// A connection lent by the Database; returned when the lease is destroyed.
class ConnectionLease {
 public:
  ConnectionLease(Connection* connection, std::function<void()> release)
      : connection_(connection), release_(std::move(release)) {}
  ConnectionLease(ConnectionLease&& other) noexcept
      : connection_(other.connection_), release_(std::move(other.release_)) {
    other.connection_ = nullptr;
    other.release_ = nullptr;
  }
  ConnectionLease(const ConnectionLease&) = delete;
  ConnectionLease& operator=(const ConnectionLease&) = delete;
  ConnectionLease& operator=(ConnectionLease&&) = delete;
  ~ConnectionLease() {
    if (release_) {
      release_();
    }
  }
  Connection& operator*() const { return *connection_; }
  Connection* operator->() const { return connection_; }

 private:
  Connection* connection_;
  std::function<void()> release_;
};

class Database {
 public:
  virtual ~Database() = default;

  // A reader connection from the pool (blocks while all are lent out). Reads see the
  // last committed state.
  virtual ConnectionLease read() = 0;

  // Runs `work` in one write transaction on the single writer connection: commits when
  // it returns, rolls back when it throws (and rethrows). Writers queue behind each other.
  template <typename Work>
  auto transact(Work&& work) -> decltype(work(std::declval<Connection&>())) {
    ConnectionLease lease = begin_write();
    try {
      if constexpr (std::is_void_v<decltype(work(*lease))>) {
        work(*lease);
        commit_write(*lease);
      } else {
        auto result = work(*lease);
        commit_write(*lease);
        return result;
      }
    } catch (...) {
      rollback_write(*lease);
      throw;
    }
  }

  // Like transact, for small writes that arrive many at a time (visits): concurrent
  // callers share one commit (group commit), each inside its own savepoint, so that a
  // durable commit (an fsync) serves many of them. Each caller still sees only its own
  // work succeed or fail, and returns only once its write is durable.
  template <typename Work>
  auto transact_grouped(Work&& work) -> decltype(work(std::declval<Connection&>())) {
    using Result = decltype(work(std::declval<Connection&>()));
    if constexpr (std::is_void_v<Result>) {
      run_grouped([&](Connection& c) { work(c); });
    } else {
      std::optional<Result> result;
      run_grouped([&](Connection& c) { result.emplace(work(c)); });
      return std::move(*result);
    }
  }

  // At most this many callers share one commit.
  static constexpr size_t kMaxGroupSize = 64;

 protected:
  // Takes the writer and starts a transaction that holds the write lock from the start
  // (BEGIN IMMEDIATE in SQLite).
  virtual ConnectionLease begin_write() = 0;
  virtual void commit_write(Connection& connection) = 0;
  virtual void rollback_write(Connection& connection) noexcept = 0;

 private:
  struct GroupedWrite {
    std::function<void(Connection&)> work;
    std::exception_ptr error;
    bool done = false;
  };
  void run_grouped(std::function<void(Connection&)> work);
  // Commits one group of queued writes (the caller holds no lock).
  void commit_group();

  std::mutex group_mutex_;
  std::condition_variable group_done_;
  std::deque<GroupedWrite*> group_queue_;
  bool group_leader_ = false;
};

}  // namespace fanzha::store
