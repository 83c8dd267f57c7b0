// Money as fanzha keeps it: integer fen (分, 1/100 yuan), never floating point — case
// losses, stopped and returned amounts are summed exactly. Parsing accepts what police
// exports and people type ("12,345.67", "￥500", "3000元", "1.5万", "12万元"); formatting
// gives the yuan figure or the 万元 figure bulletins print. Pure, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace fanzha::domain {

// The largest amount accepted: 100 billion yuan (far above any case), so that sums of
// millions of cases stay far inside int64.
inline constexpr int64_t kMaxFen = 10'000'000'000'000;

// Yuan text as fen, or a message a person can act on. Up to two decimals for yuan, six
// for 万; digits may be full-width; thousands separators must group by three. Negative
// amounts are rejected.
std::variant<int64_t, std::string> parse_yuan(std::string_view text);

// "12,345.67" (always two decimals).
std::string format_yuan(int64_t fen);
// "1.23" — the amount in 万元, rounded half away from zero to two decimals.
std::string format_wan_yuan(int64_t fen);

}  // namespace fanzha::domain
