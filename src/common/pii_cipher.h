// Protection of personal numbers at rest (ID numbers, phones, later bank accounts):
// authenticated encryption (libsodium crypto_secretbox, XSalsa20-Poly1305, a random
// nonce per value) so the clear text can be shown to those allowed, plus a keyed
// BLAKE2b hash so equal numbers can be found and de-duplicated without decrypting.
// The two keys come from a key file that never enters the database (cli/key_file.h).
// Thread-safe (read-only after construction).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/random.h"

namespace fanzha {

class PiiCipher {
 public:
  static constexpr size_t kKeyBytes = 32;
  using Key = std::array<uint8_t, kKeyBytes>;

  PiiCipher(const Key& encryption_key, const Key& lookup_key);
  ~PiiCipher();  // wipes the keys
  PiiCipher(const PiiCipher&) = delete;
  PiiCipher& operator=(const PiiCipher&) = delete;

  // nonce ‖ ciphertext ‖ tag, as bytes (stored as a BLOB).
  std::string encrypt(std::string_view clear, Random& random) const;
  // The clear text, or nullopt when the value was not sealed with this key (or altered).
  std::optional<std::string> decrypt(std::string_view sealed) const;
  // 16-byte keyed hash of `clear` within a purpose ("id", "phone"), so the same digits in
  // two fields do not collide.
  std::string lookup_hash(std::string_view purpose, std::string_view clear) const;

  // The text of a new key file: both keys, hex, one per line.
  static std::string new_key_file_text(Random& random);
  // Parses key file text; throws std::runtime_error when it is not one.
  static std::unique_ptr<PiiCipher> from_key_file_text(std::string_view text);

 private:
  Key encryption_key_;
  Key lookup_key_;
};

}  // namespace fanzha
