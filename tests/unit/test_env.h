// Unit-test support: a fresh migrated SQLite database in a temporary folder with a fixed
// clock, seeded randomness and a cheap password hasher, plus a small county to work on.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "common/clock.h"
#include "common/password.h"
#include "common/pii_cipher.h"
#include "common/random.h"
#include "service/context.h"
#include "service/org_service.h"
#include "service/user_service.h"
#include "store/migrations.h"
#include "store/org_store.h"
#include "store/sqlite/sqlite_database.h"
#include "store/user_store.h"

namespace fanzha::testing {

// The code of the fanzha::Error that `f` throws (a test failure when it throws none).
inline ErrorCode code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  ADD_FAILURE() << "no error";
  return ErrorCode::kInternal;
}

// 2026-03-01T00:00:00Z
inline constexpr int64_t kTestStartMs = 1772323200000;

class TestEnv {
 public:
  TestEnv()
      : dir_(make_dir()),
        db_(std::make_unique<store::SqliteDatabase>(dir_ + "/test.db")),
        clock_(kTestStartMs),
        random_(42),
        hasher_({1, 8 << 20}),
        pii_(make_key(1), make_key(2)) {
    store::apply_migrations(*db_, clock_);
  }
  ~TestEnv() {
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  service::ServiceContext context() {
    return service::ServiceContext{*db_, clock_, random_, hasher_, epoch_, pii_, dir_ + "/files"};
  }
  const PiiCipher& pii() const { return pii_; }
  store::Database& db() { return *db_; }
  FixedClock& clock() { return clock_; }
  const std::string& dir() const { return dir_; }
  std::string db_path() const { return dir_ + "/test.db"; }

  // County 349901 → 城关镇 349901100 → villages 349901100201, 349901100202 with a
  // grid each; 青山镇 349901101 → village 349901101201; a department.
  void load_small_county() {
    service::OrgService org(context());
    org.import_csv(service::system_actor(),
                   "code,parent_code,name,kind\n"
                   "349901,,安澜县,county\n"
                   "349901100,349901,城关镇,township\n"
                   "349901100201,349901100,杨柳村,village\n"
                   "349901100201101,349901100201,第一网格,grid\n"
                   "349901100202,349901100,桃园村,village\n"
                   "349901100202101,349901100202,第一网格,grid\n"
                   "349901101,349901,青山镇,township\n"
                   "349901101201,349901101,石门村,village\n"
                   "349901-D01,349901,县教育局,department\n");
  }

  domain::OrgUnit unit(const std::string& code) {
    auto lease = db_->read();
    return *store::OrgStore(*lease).find_by_code(code);
  }

  // An actor as the service layer sees a signed-in user bound to `code`; the user
  // exists in the database (visits and audit entries refer to it).
  service::Actor actor(domain::Role role, const std::string& code) {
    const auto u = unit(code);
    const std::string username = "tester" + std::to_string(++actors_);
    const auto user = db_->transact([&](store::Connection& c) {
      return store::UserStore(c).insert({username, "测试", role, u.id, "x", false},
                                        clock_.now_ms());
    });
    service::Actor a;
    a.user_id = user.id;
    a.username = username;
    a.role = role;
    a.unit_id = u.id;
    a.scope_path = u.path;
    a.client_addr = "127.0.0.1";
    return a;
  }

 private:
  static PiiCipher::Key make_key(uint8_t fill) {
    PiiCipher::Key key{};
    key.fill(fill);
    return key;
  }

  static std::string make_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "fanzha-unit-XXXXXX").string();
    return mkdtemp(pattern.data());
  }

  std::string dir_;
  std::unique_ptr<store::SqliteDatabase> db_;
  FixedClock clock_;
  SeededRandom random_;
  PasswordHasher hasher_;
  service::AuthEpoch epoch_;
  PiiCipher pii_;
  int actors_ = 0;
};

}  // namespace fanzha::testing
