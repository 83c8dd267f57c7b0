// Coverage figures (domain.md "Figures"): visit coverage (入户率), face-to-face coverage
// and commitment rate over households, and the ranking of sibling units by them with
// the bottom three marked. Pure arithmetic on counts, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "domain/ranking.h"

namespace fanzha::domain {

struct CoverageCounts {
  int64_t households = 0;
  int64_t visited = 0;       // households with at least one visit in the campaign
  int64_t face_to_face = 0;  // … with a face-to-face visit
  int64_t letters = 0;       // … with the commitment letter signed

  CoverageCounts& operator+=(const CoverageCounts& other) {
    households += other.households;
    visited += other.visited;
    face_to_face += other.face_to_face;
    letters += other.letters;
    return *this;
  }
  bool operator==(const CoverageCounts&) const = default;
};

// part ÷ whole, 0 when there is nothing to cover.
double coverage_rate(int64_t part, int64_t whole);

using CoverageRank = Rank;

// Ranks units by visit coverage, then face-to-face coverage, then commitment rate
// (compared exactly, as fractions). The result is parallel to `units`.
std::vector<CoverageRank> rank_by_coverage(const std::vector<CoverageCounts>& units);

}  // namespace fanzha::domain
