#include "domain/coverage.h"

#include <algorithm>
#include <numeric>

namespace fanzha::domain {

namespace {

// a_part / a_whole compared with b_part / b_whole without floating point.
int compare_fraction(int64_t a_part, int64_t a_whole, int64_t b_part, int64_t b_whole) {
  const __int128 left = static_cast<__int128>(a_part) * b_whole;
  const __int128 right = static_cast<__int128>(b_part) * a_whole;
  return left < right ? -1 : (left > right ? 1 : 0);
}

// Negative when a ranks before b (covers more).
int compare_units(const CoverageCounts& a, const CoverageCounts& b) {
  if (int c = compare_fraction(a.visited, a.households, b.visited, b.households); c != 0) {
    return -c;
  }
  if (int c = compare_fraction(a.face_to_face, a.households, b.face_to_face, b.households);
      c != 0) {
    return -c;
  }
  return -compare_fraction(a.letters, a.households, b.letters, b.households);
}

}  // namespace

double coverage_rate(int64_t part, int64_t whole) {
  return whole <= 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

std::vector<CoverageRank> rank_by_coverage(const std::vector<CoverageCounts>& units) {
  std::vector<size_t> order;
  for (size_t i = 0; i < units.size(); ++i) {
    if (units[i].households > 0) {
      order.push_back(i);
    }
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return compare_units(units[a], units[b]) < 0; });
  std::vector<CoverageRank> ranks(units.size());
  const int ranked = static_cast<int>(order.size());
  for (size_t position = 0; position < order.size(); ++position) {
    const size_t unit = order[position];
    if (position > 0 && compare_units(units[order[position - 1]], units[unit]) == 0) {
      ranks[unit].rank = ranks[order[position - 1]].rank;
    } else {
      ranks[unit].rank = static_cast<int>(position) + 1;
    }
  }
  if (ranked > kBottomCount) {
    // The last three places; a unit tied with the third-last place is marked as well.
    const int threshold = ranked - kBottomCount + 1;
    for (size_t unit : order) {
      const int position_rank = *ranks[unit].rank;
      ranks[unit].bottom =
          position_rank >= threshold ||
          (compare_units(units[unit], units[order[static_cast<size_t>(threshold - 1)]]) == 0);
    }
  }
  return ranks;
}

}  // namespace fanzha::domain
