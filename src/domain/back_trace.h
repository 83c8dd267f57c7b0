// Back-tracing a case (逐案倒查): what fanzha's own records said about the victim on the
// day of the case — had the household been visited, face to face; was a commitment
// letter signed; was the app installed, registered, alerts on (and not lapsed); had a
// spot check confirmed the victim's roster entry. The result is computed once, at
// registration, and stored with the case, so later records do not change it. The
// summary turns many results into the shares a township reads ("share of victims never
// visited"). Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "domain/app_status.h"
#include "domain/spot_check.h"

namespace fanzha::domain {

struct VisitFact {
  int64_t visited_at = 0;  // epoch ms
  bool face_to_face = false;
  bool letter_signed = false;
};

struct SpotCheckFact {
  int64_t called_at = 0;  // epoch ms
  CallOutcome outcome = CallOutcome::kConfirmed;
};

// The victim's records as the store reads them (any order; records after the case are
// ignored).
struct VictimRecords {
  bool person_known = false;  // the victim is a person in fanzha
  std::span<const VisitFact> household_visits;
  std::span<const AppObservation> app_observations;
  std::span<const SpotCheckFact> spot_checks;
};

struct BackTrace {
  bool person_known = false;
  bool visited = false;  // any visit to the household before the case
  bool visited_face_to_face = false;
  std::optional<int64_t> last_visit_at;
  bool letter_signed = false;
  AppState app;  // as of the case
  // The latest spot-check call before the case that checked the entry, and whether it
  // confirmed it.
  bool spot_checked = false;
  bool spot_check_confirmed = false;
  bool operator==(const BackTrace&) const = default;
};

BackTrace back_trace(const VictimRecords& records, int64_t occurred_at, int lapse_days);

// The result's flags as one integer, for storage (last_visit_at is kept apart); the
// bits never change meaning, so stored results stay readable.
uint32_t back_trace_bits(const BackTrace& t);
BackTrace back_trace_from_bits(uint32_t bits, std::optional<int64_t> last_visit_at);

// The cases a summary figure counts, as a condition on the stored bits: (bits & mask) ==
// value. Keys as in BackTraceSummary ("never_visited", "no_letter", "app_not_installed",
// "app_not_registered", "alerts_off", "alerts_lapsed", "not_face_to_face",
// "spot_confirmed"); nullopt for any other key.
struct TraceCondition {
  uint32_t mask = 0;
  uint32_t value = 0;
};
std::optional<TraceCondition> trace_condition(std::string_view key);

// Counts over many back-traces. The shares are of the victims fanzha knows
// (`known`); cases with an unknown victim are counted apart.
struct BackTraceSummary {
  int64_t cases = 0;
  int64_t known = 0;
  int64_t never_visited = 0;
  int64_t not_face_to_face = 0;  // visited, but never face to face
  int64_t no_letter = 0;
  int64_t app_not_installed = 0;
  int64_t app_not_registered = 0;
  int64_t alerts_off = 0;     // installed, alerts not on (lapsed included)
  int64_t alerts_lapsed = 0;  // alerts observed on, but too long before the case
  int64_t spot_confirmed = 0;

  // Adds `n` cases with this result.
  BackTraceSummary& add(const BackTrace& t, int64_t n = 1);
  // part ÷ known; 0 when no victim is known.
  double share(int64_t part) const {
    return known == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(known);
  }
};

}  // namespace fanzha::domain
