// Ranking sibling units by rates (a part of a whole, then a second and a third part as
// tie-breakers), compared exactly as fractions, with equal figures sharing a rank and
// the bottom three marked. Used for visit coverage and for app rates. Pure, thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace fanzha::domain {

struct RateCounts {
  int64_t whole = 0;               // e.g. households, or people aged 16–60
  std::array<int64_t, 3> parts{};  // compared in this order
};

struct Rank {
  std::optional<int> rank;  // 1 = best; none when `whole` is 0
  bool bottom = false;      // among the last three (only when more than three are ranked)
};

inline constexpr int kBottomCount = 3;

std::vector<Rank> rank_by_rates(std::span<const RateCounts> units);

}  // namespace fanzha::domain
