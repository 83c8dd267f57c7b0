// Personal numbers on their way into storage: each is encrypted (for the few allowed to
// see it), hashed with the lookup key (for exact search and de-duplication) and masked
// (for everyone else). The clear text stops here.
#pragma once

#include <string>
#include <string_view>

#include "common/pii_cipher.h"
#include "common/random.h"
#include "domain/resident_id.h"

namespace fanzha::service {

struct SealedNumber {
  std::string cipher;
  std::string hash;
  std::string masked;
};

inline constexpr std::string_view kIdPurpose = "id";
inline constexpr std::string_view kPhonePurpose = "phone";

inline SealedNumber seal_id_number(const PiiCipher& pii, Random& random, std::string_view number) {
  if (number.empty()) {
    return {};
  }
  return {pii.encrypt(number, random), pii.lookup_hash(kIdPurpose, number),
          domain::mask_resident_id(number)};
}

inline SealedNumber seal_phone(const PiiCipher& pii, Random& random, std::string_view digits) {
  if (digits.empty()) {
    return {};
  }
  return {pii.encrypt(digits, random), pii.lookup_hash(kPhonePurpose, digits),
          domain::mask_phone(digits)};
}

}  // namespace fanzha::service
