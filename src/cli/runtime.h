// What every CLI command needs: the opened (and migrated) database and the services'
// injected parts. One per command run; not shared between threads except as the
// services allow.
#pragma once

#include <memory>
#include <string>

#include "common/clock.h"
#include "common/password.h"
#include "common/random.h"
#include "service/context.h"
#include "store/database.h"

namespace fanzha::cli {

inline constexpr const char* kDefaultDbPath = "data/fanzha.db";

struct Runtime {
  // Opens the database at `db_path` (creating its folder and file when missing),
  // applies pending migrations and loads (or creates) the PII key file, by default
  // "<db_path>.key". Uploaded and generated files go to "<db_path>.files/".
  explicit Runtime(const std::string& db_path, const std::string& key_path = "");

  service::ServiceContext context() {
    return service::ServiceContext{*db, clock, random, hasher, epoch, *pii, files_dir};
  }

  SystemClock clock;
  SystemRandom random;
  PasswordHasher hasher;
  service::AuthEpoch epoch;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<PiiCipher> pii;
  std::string files_dir;
};

// Reads one line from standard input (a password given with --password-stdin).
std::string read_stdin_line();

}  // namespace fanzha::cli
