// The cost of a login: argon2id with the parameters fanzha uses (libsodium's
// "interactive" limits: 2 passes over 64 MiB), alone and as a whole AuthService::login
// (look-up, verify, session and audit rows in one transaction).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "common/clock.h"
#include "common/password.h"
#include "common/random.h"
#include "service/auth_service.h"
#include "service/org_service.h"
#include "service/user_service.h"
#include "store/migrations.h"
#include "store/sqlite/sqlite_database.h"

namespace fanzha {
namespace {

void BM_Argon2idVerify(benchmark::State& state) {
  const PasswordHasher hasher;
  const std::string hash = hasher.hash("Correct-horse-2026");
  for (auto _ : state) {
    benchmark::DoNotOptimize(hasher.verify(hash, "Correct-horse-2026"));
  }
  state.counters["ops_limit"] = static_cast<double>(hasher.params().ops_limit);
  state.counters["mem_MiB"] = static_cast<double>(hasher.params().mem_limit >> 20);
}
BENCHMARK(BM_Argon2idVerify)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_Login(benchmark::State& state) {
  std::string pattern = (std::filesystem::temp_directory_path() / "fanzha-bench-XXXXXX").string();
  const std::string dir = mkdtemp(pattern.data());
  store::SqliteDatabase db(dir + "/login.db");
  SystemClock clock;
  SystemRandom random;
  PasswordHasher hasher;
  service::AuthEpoch epoch;
  const auto pii = PiiCipher::from_key_file_text(PiiCipher::new_key_file_text(random));
  service::ServiceContext ctx{db, clock, random, hasher, epoch, *pii, dir + "/files"};
  store::apply_migrations(db, clock);
  service::OrgService(ctx).import_csv(service::system_actor(),
                                      "code,parent_code,name,kind\n349901,,安澜县,county\n");
  int64_t unit_id = 0;
  {
    auto lease = db.read();
    unit_id = store::OrgStore(*lease).find_by_code("349901")->id;
  }
  service::UserService(ctx).create(service::system_actor(), {"bench", "压测", domain::Role::kAdmin,
                                                             unit_id, "Correct-horse-2026", false});
  service::AuthService auth(ctx);
  for (auto _ : state) {
    const auto r = auth.login("bench", "Correct-horse-2026", "127.0.0.1");
    if (r.status != service::LoginStatus::kOk) {
      state.SkipWithError("login failed");
    }
  }
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_Login)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
}  // namespace fanzha

BENCHMARK_MAIN();
