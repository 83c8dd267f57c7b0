// What every service is built from: the database and the injected clock, randomness and
// password hasher. Owned by the caller (the server or a CLI command), which outlives the
// services. Thread-safe as its parts are.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "common/clock.h"
#include "common/password.h"
#include "common/pii_cipher.h"
#include "common/random.h"
#include "store/database.h"

namespace fanzha::service {

// Bumped whenever a change may alter who a signed-in user is or what they may see
// (a user's role, unit or active flag; a move or deactivation in the tree), so that
// cached sessions are reloaded.
class AuthEpoch {
 public:
  uint64_t current() const { return value_.load(std::memory_order_acquire); }
  void bump() { value_.fetch_add(1, std::memory_order_acq_rel); }

 private:
  std::atomic<uint64_t> value_{0};
};

struct ServiceContext {
  store::Database& db;
  const Clock& clock;
  Random& random;
  const PasswordHasher& hasher;
  AuthEpoch& auth_epoch;
  const PiiCipher& pii;
  // Where uploaded files (roster imports, visit photos) and generated files are kept.
  std::string files_dir;
};

}  // namespace fanzha::service
