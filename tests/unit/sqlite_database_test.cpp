#include <gtest/gtest.h>

#include <thread>

#include "common/error.h"
#include "test_env.h"

namespace fanzha::store {
namespace {

using testing::TestEnv;

TEST(SqliteDatabase, PlaceholdersAreNumberedNotPositional) {
  TestEnv env;
  auto lease = env.db().read();
  auto s = lease->prepare("SELECT $2 || '-' || $1 || '-' || $2");
  s->bind(1, "a").bind(2, "b");
  ASSERT_TRUE(s->step());
  EXPECT_EQ(s->get_text(0), "b-a-b");
}

TEST(SqliteDatabase, BindingAnUnknownPlaceholderIsAnError) {
  TestEnv env;
  auto lease = env.db().read();
  auto s = lease->prepare("SELECT $1");
  EXPECT_THROW(s->bind(2, int64_t{1}), Error);
}

TEST(SqliteDatabase, TransactionRollsBackWhenWorkThrows) {
  TestEnv env;
  env.load_small_county();
  EXPECT_THROW(env.db().transact([](Connection& c) {
    c.prepare("UPDATE org_unit SET name = 'x' WHERE code = '349901'")->run();
    throw Error(ErrorCode::kConflict, "stop");
  }),
               Error);
  EXPECT_EQ(env.unit("349901").name, "安澜县");
}

TEST(SqliteDatabase, ConstraintViolationsHaveCodes) {
  TestEnv env;
  env.load_small_county();
  try {
    env.db().transact([](Connection& c) {
      c.prepare("UPDATE org_unit SET code = '349901' WHERE code = '349901100'")->run();
    });
    FAIL() << "expected a duplicate";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kDuplicate);
  }
  try {
    env.db().transact([](Connection& c) {
      c.prepare("UPDATE org_unit SET parent_id = 99999 WHERE code = '349901100'")->run();
    });
    FAIL() << "expected a foreign key failure";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kConflict);
  }
}

TEST(SqliteDatabase, TheSameStatementMayRunNested) {
  TestEnv env;
  env.load_small_county();
  auto lease = env.db().read();
  const char* sql = "SELECT code FROM org_unit WHERE parent_id IS NULL OR parent_id = $1";
  auto outer = lease->prepare(sql);
  outer->bind(1, int64_t{0});
  int rows = 0;
  while (outer->step()) {
    auto inner = lease->prepare(sql);  // same SQL while the outer one is running
    inner->bind(1, env.unit("349901").id);
    while (inner->step()) {
      ++rows;
    }
  }
  EXPECT_EQ(rows, 4);  // for the one root: the root and its three children
}

TEST(SqliteDatabase, ReadersSeeOnlyCommittedWrites) {
  TestEnv env;
  env.load_small_county();
  std::atomic<bool> written{false};
  std::atomic<bool> checked{false};
  std::thread writer([&] {
    env.db().transact([&](Connection& c) {
      c.prepare("UPDATE org_unit SET name = '新名' WHERE code = '349901'")->run();
      written = true;
      while (!checked) {
        std::this_thread::yield();
      }
    });
  });
  while (!written) {
    std::this_thread::yield();
  }
  EXPECT_EQ(env.unit("349901").name, "安澜县");
  checked = true;
  writer.join();
  EXPECT_EQ(env.unit("349901").name, "新名");
}

TEST(Migrations, AreIdempotentAndVersioned) {
  TestEnv env;
  const int version = schema_version(env.db());
  EXPECT_EQ(version, embedded_migrations().back().version);
  const auto again = apply_migrations(env.db(), env.clock());
  EXPECT_EQ(again.applied, 0);
  EXPECT_EQ(again.from_version, version);
}

TEST(Migrations, RefuseADatabaseFromTheFuture) {
  TestEnv env;
  env.db().transact([](Connection& c) {
    c.prepare("INSERT INTO schema_migration (version, name, applied_at) VALUES (999, 'x', 0)")
        ->run();
  });
  EXPECT_THROW(apply_migrations(env.db(), env.clock()), Error);
}

}  // namespace
}  // namespace fanzha::store

namespace fanzha::store {
namespace {

TEST(GroupCommit, ConcurrentWritesShareCommitsAndFailAlone) {
  testing::TestEnv env;
  env.db().transact([](Connection& c) {
    c.execute_script("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT UNIQUE)");
  });
  constexpr int kThreads = 8;
  constexpr int kWritesPerThread = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWritesPerThread; ++i) {
        // Every tenth write repeats a text and must fail on the unique key, alone.
        const std::string text = i % 10 == 9 ? "same" : std::to_string(t) + "-" + std::to_string(i);
        try {
          const int64_t id = env.db().transact_grouped([&](Connection& c) {
            auto s = c.prepare("INSERT INTO note (text) VALUES ($1) RETURNING id");
            s->bind(1, text);
            s->step();
            return s->get_int(0);
          });
          EXPECT_GT(id, 0);
        } catch (const Error& e) {
          EXPECT_EQ(e.code(), ErrorCode::kDuplicate);
          ++failures;
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  auto lease = env.db().read();
  auto count = lease->prepare("SELECT COUNT(*) FROM note");
  count->step();
  // 45 distinct texts per thread, plus "same" once.
  EXPECT_EQ(count->get_int(0), kThreads * (kWritesPerThread - 5) + 1);
  EXPECT_EQ(failures.load(), kThreads * 5 - 1);
}

}  // namespace
}  // namespace fanzha::store
