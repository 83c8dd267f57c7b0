// A token bucket per client address, for public endpoints (the scam-message check):
// each address may make `burst` requests at once and `per_minute` on average. Idle
// buckets are forgotten once the table grows past `max_clients`. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/clock.h"

namespace fanzha::service {

class RateLimiter {
 public:
  struct Options {
    double per_minute = 60;  // 0: no limit
    double burst = 20;
    size_t max_clients = 100'000;
  };
  RateLimiter(const Clock& clock, Options options);

  // 0 when the request may go ahead (a token is taken); otherwise the whole seconds to
  // wait until one is available.
  int64_t acquire(std::string_view client);

 private:
  struct Bucket {
    double tokens;
    int64_t updated_ms;
  };
  void forget_idle(int64_t now_ms);

  const Clock& clock_;
  Options options_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace fanzha::service
