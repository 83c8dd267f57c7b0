#include "service/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace fanzha::service {

RateLimiter::RateLimiter(const Clock& clock, Options options) : clock_(clock), options_(options) {}

int64_t RateLimiter::acquire(std::string_view client) {
  if (options_.per_minute <= 0) {
    return 0;
  }
  const int64_t now = clock_.now_ms();
  const double per_ms = options_.per_minute / 60'000.0;
  std::lock_guard lock(mutex_);
  if (buckets_.size() >= options_.max_clients) {
    forget_idle(now);
  }
  auto [it, inserted] = buckets_.try_emplace(std::string(client), Bucket{options_.burst, now});
  Bucket& b = it->second;
  if (!inserted) {
    b.tokens =
        std::min(options_.burst, b.tokens + static_cast<double>(now - b.updated_ms) * per_ms);
    b.updated_ms = now;
  }
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return 0;
  }
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil((1 - b.tokens) / per_ms / 1000)));
}

void RateLimiter::forget_idle(int64_t now_ms) {
  const double per_ms = options_.per_minute / 60'000.0;
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    const double refilled =
        it->second.tokens + static_cast<double>(now_ms - it->second.updated_ms) * per_ms;
    it = refilled >= options_.burst ? buckets_.erase(it) : std::next(it);
  }
  if (buckets_.size() >= options_.max_clients) {
    buckets_.clear();  // a flood of addresses: start over rather than grow without bound
  }
}

}  // namespace fanzha::service
