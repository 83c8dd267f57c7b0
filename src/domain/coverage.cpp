#include "domain/coverage.h"

#include <algorithm>
#include <numeric>

namespace fanzha::domain {

double coverage_rate(int64_t part, int64_t whole) {
  return whole <= 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

std::vector<CoverageRank> rank_by_coverage(const std::vector<CoverageCounts>& units) {
  std::vector<RateCounts> rates;
  rates.reserve(units.size());
  for (const auto& u : units) {
    rates.push_back({u.households, {u.visited, u.face_to_face, u.letters}});
  }
  return rank_by_rates(rates);
}

}  // namespace fanzha::domain
