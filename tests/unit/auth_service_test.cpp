#include "service/auth_service.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "common/error.h"
#include "service/user_service.h"
#include "store/session_store.h"
#include "test_env.h"

namespace fanzha::service {
namespace {

using domain::Role;
using testing::TestEnv;

class AuthServiceTest : public ::testing::Test {
 protected:
  AuthServiceTest() : auth_(env_.context()), users_(env_.context()) {
    env_.load_small_county();
    users_.create(system_actor(), {"zhang.wei", "张伟", Role::kVillage,
                                   env_.unit("349901100201").id, "Village-pass-2026", false});
  }

  LoginResult login(const std::string& password = "Village-pass-2026") {
    return auth_.login("zhang.wei", password, "127.0.0.1");
  }

  TestEnv env_;
  AuthService auth_;
  UserService users_;
};

TEST_F(AuthServiceTest, LoginOpensASessionScopedToTheUsersUnit) {
  const auto r = login();
  ASSERT_EQ(r.status, LoginStatus::kOk);
  EXPECT_EQ(r.token.size(), 64u);
  const auto session = auth_.authenticate(r.token, "127.0.0.1");
  ASSERT_TRUE(session);
  EXPECT_EQ(session->actor.username, "zhang.wei");
  EXPECT_EQ(session->actor.scope_path, env_.unit("349901100201").path);
  EXPECT_EQ(session->csrf_token, r.csrf_token);
  EXPECT_FALSE(auth_.authenticate(std::string(64, 'a'), "127.0.0.1"));
  EXPECT_FALSE(auth_.authenticate("short", "127.0.0.1"));
}

TEST_F(AuthServiceTest, TheDatabaseKeepsOnlyTheTokenDigest) {
  const auto r = login();
  auto lease = env_.db().read();
  EXPECT_FALSE(store::SessionStore(*lease).find(r.token));
  EXPECT_TRUE(store::SessionStore(*lease).find(token_digest(r.token)));
}

TEST_F(AuthServiceTest, SessionsExpireAfterInactivity) {
  const auto r = login();
  env_.clock().advance(29 * kMillisPerMinute);
  ASSERT_TRUE(auth_.authenticate(r.token, "x"));  // activity resets the idle timer
  env_.clock().advance(29 * kMillisPerMinute);
  ASSERT_TRUE(auth_.authenticate(r.token, "x"));
  env_.clock().advance(31 * kMillisPerMinute);
  EXPECT_FALSE(auth_.authenticate(r.token, "x"));
  // and it is gone for good, not only from the cache
  auto lease = env_.db().read();
  EXPECT_FALSE(store::SessionStore(*lease).find(token_digest(r.token)));
}

TEST_F(AuthServiceTest, ExpiryHoldsAcrossARestart) {
  const auto r = login();
  env_.clock().advance(10 * kMillisPerMinute);
  ASSERT_TRUE(auth_.authenticate(r.token, "x"));
  AuthService restarted(env_.context());
  EXPECT_TRUE(restarted.authenticate(r.token, "x"));
  env_.clock().advance(31 * kMillisPerMinute);
  EXPECT_FALSE(restarted.authenticate(r.token, "x"));
}

TEST_F(AuthServiceTest, FiveFailuresLockForFifteenMinutes) {
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(login("wrong-pass-1").status, LoginStatus::kBadCredentials);
  }
  EXPECT_EQ(login("wrong-pass-1").status, LoginStatus::kLocked);
  const auto locked = login();
  EXPECT_EQ(locked.status, LoginStatus::kLocked);
  EXPECT_EQ(locked.locked_until, testing::kTestStartMs + domain::kLockoutMs);
  env_.clock().advance(domain::kLockoutMs - 1);
  EXPECT_EQ(login().status, LoginStatus::kLocked);
  env_.clock().advance(1);
  // After the lock, one more failure does not lock again at once.
  EXPECT_EQ(login("wrong-pass-1").status, LoginStatus::kBadCredentials);
  EXPECT_EQ(login().status, LoginStatus::kOk);
}

TEST_F(AuthServiceTest, DisablingAUserEndsTheirSessions) {
  const auto r = login();
  ASSERT_TRUE(auth_.authenticate(r.token, "x"));
  const auto user = users_.get_by_username(system_actor(), "zhang.wei");
  UserChanges changes;
  changes.active = false;
  users_.update(system_actor(), user.id, changes);
  EXPECT_FALSE(auth_.authenticate(r.token, "x"));
  EXPECT_EQ(login().status, LoginStatus::kDisabled);
}

TEST_F(AuthServiceTest, MovingTheUsersUnitMovesTheirScope) {
  const auto r = login();
  OrgService org(env_.context());
  org.move(system_actor(), env_.unit("349901100201").id, env_.unit("349901101").id);
  const auto session = auth_.authenticate(r.token, "x");
  ASSERT_TRUE(session);
  EXPECT_EQ(session->actor.scope_path, env_.unit("349901100201").path);
}

TEST_F(AuthServiceTest, PasswordChangeClosesOtherSessions) {
  const auto first = login();
  const auto second = login();
  const auto session = auth_.authenticate(first.token, "x");
  ASSERT_TRUE(session);
  EXPECT_THROW(auth_.change_password(*session, "wrong-pass-1", "Another-pass-2026"), Error);
  auth_.change_password(*session, "Village-pass-2026", "Another-pass-2026");
  EXPECT_TRUE(auth_.authenticate(first.token, "x"));
  EXPECT_FALSE(auth_.authenticate(second.token, "x"));
  EXPECT_EQ(login().status, LoginStatus::kBadCredentials);
  EXPECT_EQ(login("Another-pass-2026").status, LoginStatus::kOk);
}

TEST_F(AuthServiceTest, NoPasswordOrTokenReachesTheDatabaseFile) {
  const auto r = login();
  std::ifstream in(env_.db_path(), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::ifstream wal(env_.db_path() + "-wal", std::ios::binary);
  bytes << wal.rdbuf();
  EXPECT_EQ(bytes.str().find("Village-pass-2026"), std::string::npos);
  EXPECT_EQ(bytes.str().find(r.token), std::string::npos);
}

}  // namespace
}  // namespace fanzha::service
