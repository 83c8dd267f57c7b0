// Time as the rest of fanzha sees it: epoch milliseconds (UTC), from an injected Clock.
// Nothing outside this header and clock.cpp reads the system time, so tests can pin it.
// Implementations are thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace fanzha {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since 1970-01-01T00:00:00Z.
  virtual int64_t now_ms() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t now_ms() const override;
};

// A clock that moves only when told to; for tests.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(int64_t start_ms) : now_(start_ms) {}
  int64_t now_ms() const override { return now_.load(); }
  void set(int64_t ms) { now_.store(ms); }
  void advance(int64_t ms) { now_.fetch_add(ms); }

 private:
  std::atomic<int64_t> now_;
};

constexpr int64_t kMillisPerSecond = 1000;
constexpr int64_t kMillisPerMinute = 60 * kMillisPerSecond;
constexpr int64_t kMillisPerHour = 60 * kMillisPerMinute;
constexpr int64_t kMillisPerDay = 24 * kMillisPerHour;

// The county's civil time zone (China Standard Time, no daylight saving). Applied only
// for display and for period boundaries; storage is always UTC.
constexpr int64_t kCountyUtcOffsetMs = 8 * kMillisPerHour;

// "YYYY-MM-DD HH:MM" in the county's time zone, for messages shown to people.
std::string format_county_time(int64_t epoch_ms);

}  // namespace fanzha
