// Randomness as the rest of fanzha sees it: an injected Random. Secrets (session tokens,
// generated passwords) come from SystemRandom (libsodium's CSPRNG); tests and the demo
// county use SeededRandom so that runs repeat. SystemRandom is thread-safe; SeededRandom
// is not.
#pragma once

#include <cstdint>
#include <random>
#include <span>
#include <string>

namespace fanzha {

class Random {
 public:
  virtual ~Random() = default;
  virtual void fill(std::span<uint8_t> out) = 0;

  uint64_t next_u64();
  // Uniform in [0, bound); bound > 0.
  uint64_t uniform(uint64_t bound);
  // `bytes` random bytes as lowercase hex (2 * bytes characters).
  std::string hex_token(size_t bytes);
};

class SystemRandom final : public Random {
 public:
  SystemRandom();
  void fill(std::span<uint8_t> out) override;
};

class SeededRandom final : public Random {
 public:
  explicit SeededRandom(uint64_t seed) : engine_(seed) {}
  void fill(std::span<uint8_t> out) override;

 private:
  std::mt19937_64 engine_;
};

}  // namespace fanzha
