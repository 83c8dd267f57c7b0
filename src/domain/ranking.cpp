#include "domain/ranking.h"

#include <algorithm>

namespace fanzha::domain {

namespace {

// a_part / a_whole compared with b_part / b_whole without floating point.
int compare_fraction(int64_t a_part, int64_t a_whole, int64_t b_part, int64_t b_whole) {
  const __int128 left = static_cast<__int128>(a_part) * b_whole;
  const __int128 right = static_cast<__int128>(b_part) * a_whole;
  return left < right ? -1 : (left > right ? 1 : 0);
}

// Negative when a ranks before b (higher rates).
int compare_units(const RateCounts& a, const RateCounts& b) {
  for (size_t i = 0; i < a.parts.size(); ++i) {
    if (int c = compare_fraction(a.parts[i], a.whole, b.parts[i], b.whole); c != 0) {
      return -c;
    }
  }
  return 0;
}

}  // namespace

std::vector<Rank> rank_by_rates(std::span<const RateCounts> units) {
  std::vector<size_t> order;
  for (size_t i = 0; i < units.size(); ++i) {
    if (units[i].whole > 0) {
      order.push_back(i);
    }
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return compare_units(units[a], units[b]) < 0; });
  std::vector<Rank> ranks(units.size());
  for (size_t position = 0; position < order.size(); ++position) {
    const size_t unit = order[position];
    if (position > 0 && compare_units(units[order[position - 1]], units[unit]) == 0) {
      ranks[unit].rank = ranks[order[position - 1]].rank;
    } else {
      ranks[unit].rank = static_cast<int>(position) + 1;
    }
  }
  const int ranked = static_cast<int>(order.size());
  if (ranked > kBottomCount) {
    // The last three places; a unit tied with the third-last place is marked as well.
    const size_t line = static_cast<size_t>(ranked - kBottomCount);
    for (size_t position = 0; position < order.size(); ++position) {
      ranks[order[position]].bottom =
          position >= line || compare_units(units[order[position]], units[order[line]]) == 0;
    }
  }
  return ranks;
}

}  // namespace fanzha::domain
