// Password hashing with argon2id (libsodium crypto_pwhash). The encoded hash carries its
// own salt and parameters, so parameters can be raised later and old hashes still verify
// (and are re-hashed at the next successful login). Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace fanzha {

struct PasswordHashParams {
  // libsodium's "interactive" argon2id cost: 2 passes over 64 MiB.
  uint64_t ops_limit = 2;
  size_t mem_limit = size_t{64} << 20;
};

class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordHashParams params = {});

  std::string hash(std::string_view password) const;
  bool verify(std::string_view encoded_hash, std::string_view password) const;
  // True when the hash was made with other parameters than this hasher's.
  bool needs_rehash(std::string_view encoded_hash) const;

  const PasswordHashParams& params() const { return params_; }

 private:
  PasswordHashParams params_;
};

// A one-way digest (BLAKE2b-256, hex) of a session token: the database keeps only this,
// so a copy of the database does not hand out live sessions.
std::string token_digest(std::string_view token);

}  // namespace fanzha
