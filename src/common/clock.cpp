#include "common/clock.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace fanzha {

int64_t SystemClock::now_ms() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string format_county_time(int64_t epoch_ms) {
  const std::time_t seconds =
      static_cast<std::time_t>((epoch_ms + kCountyUtcOffsetMs) / kMillisPerSecond);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char out[64];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min);
  return out;
}

}  // namespace fanzha
