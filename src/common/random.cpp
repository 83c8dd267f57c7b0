#include "common/random.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace fanzha {

uint64_t Random::next_u64() {
  std::array<uint8_t, 8> bytes{};
  fill(bytes);
  uint64_t value = 0;
  for (uint8_t b : bytes) {
    value = (value << 8) | b;
  }
  return value;
}

uint64_t Random::uniform(uint64_t bound) {
  // Rejection sampling keeps the result unbiased for any bound.
  const uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  uint64_t value = next_u64();
  while (value >= limit) {
    value = next_u64();
  }
  return value % bound;
}

std::string Random::hex_token(size_t bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string raw(bytes, '\0');
  fill({reinterpret_cast<uint8_t*>(raw.data()), raw.size()});
  std::string out;
  out.reserve(bytes * 2);
  for (unsigned char c : raw) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0xF]);
  }
  return out;
}

SystemRandom::SystemRandom() {
  if (sodium_init() < 0) {
    throw std::runtime_error("libsodium failed to initialise");
  }
}

void SystemRandom::fill(std::span<uint8_t> out) { randombytes_buf(out.data(), out.size()); }

void SeededRandom::fill(std::span<uint8_t> out) {
  for (auto& b : out) {
    b = static_cast<uint8_t>(engine_() & 0xFF);
  }
}

}  // namespace fanzha
