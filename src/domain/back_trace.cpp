#include "domain/back_trace.h"

namespace fanzha::domain {

BackTrace back_trace(const VictimRecords& records, int64_t occurred_at, int lapse_days) {
  BackTrace t;
  t.person_known = records.person_known;
  if (!records.person_known) {
    return t;
  }
  for (const auto& v : records.household_visits) {
    if (v.visited_at > occurred_at) {
      continue;
    }
    t.visited = true;
    t.visited_face_to_face = t.visited_face_to_face || v.face_to_face;
    t.letter_signed = t.letter_signed || v.letter_signed;
    if (!t.last_visit_at || v.visited_at > *t.last_visit_at) {
      t.last_visit_at = v.visited_at;
    }
  }
  t.app = app_state_as_of(records.app_observations, occurred_at, lapse_days);
  const SpotCheckFact* latest = nullptr;
  for (const auto& c : records.spot_checks) {
    if (c.called_at <= occurred_at && counts_as_checked(c.outcome) &&
        (latest == nullptr || c.called_at > latest->called_at)) {
      latest = &c;
    }
  }
  if (latest != nullptr) {
    t.spot_checked = true;
    t.spot_check_confirmed = latest->outcome == CallOutcome::kConfirmed;
  }
  return t;
}

namespace {

// Bit positions of the stored flags: append only.
enum TraceBit : uint32_t {
  kTraceKnown,
  kTraceVisited,
  kTraceFaceToFace,
  kTraceLetter,
  kTraceInstalled,
  kTraceRegistered,
  kTraceAlertsOn,
  kTraceAlertsLapsed,
  kTraceInstalledStrong,
  kTraceRegisteredStrong,
  kTraceAlertsOnStrong,
  kTraceSpotChecked,
  kTraceSpotConfirmed,
};

constexpr uint32_t trace_bit(TraceBit b, bool on) { return on ? (uint32_t{1} << b) : 0; }
constexpr bool trace_has(uint32_t bits, TraceBit b) { return (bits >> b) & 1U; }

}  // namespace

uint32_t back_trace_bits(const BackTrace& t) {
  return trace_bit(kTraceKnown, t.person_known) | trace_bit(kTraceVisited, t.visited) |
         trace_bit(kTraceFaceToFace, t.visited_face_to_face) |
         trace_bit(kTraceLetter, t.letter_signed) | trace_bit(kTraceInstalled, t.app.installed) |
         trace_bit(kTraceRegistered, t.app.registered) |
         trace_bit(kTraceAlertsOn, t.app.alerts_on) |
         trace_bit(kTraceAlertsLapsed, t.app.alerts_lapsed) |
         trace_bit(kTraceInstalledStrong, t.app.installed_strong) |
         trace_bit(kTraceRegisteredStrong, t.app.registered_strong) |
         trace_bit(kTraceAlertsOnStrong, t.app.alerts_on_strong) |
         trace_bit(kTraceSpotChecked, t.spot_checked) |
         trace_bit(kTraceSpotConfirmed, t.spot_check_confirmed);
}

BackTrace back_trace_from_bits(uint32_t bits, std::optional<int64_t> last_visit_at) {
  BackTrace t;
  t.person_known = trace_has(bits, kTraceKnown);
  t.visited = trace_has(bits, kTraceVisited);
  t.visited_face_to_face = trace_has(bits, kTraceFaceToFace);
  t.letter_signed = trace_has(bits, kTraceLetter);
  t.last_visit_at = last_visit_at;
  t.app.installed = trace_has(bits, kTraceInstalled);
  t.app.registered = trace_has(bits, kTraceRegistered);
  t.app.alerts_on = trace_has(bits, kTraceAlertsOn);
  t.app.alerts_lapsed = trace_has(bits, kTraceAlertsLapsed);
  t.app.installed_strong = trace_has(bits, kTraceInstalledStrong);
  t.app.registered_strong = trace_has(bits, kTraceRegisteredStrong);
  t.app.alerts_on_strong = trace_has(bits, kTraceAlertsOnStrong);
  t.spot_checked = trace_has(bits, kTraceSpotChecked);
  t.spot_check_confirmed = trace_has(bits, kTraceSpotConfirmed);
  return t;
}

std::optional<TraceCondition> trace_condition(std::string_view key) {
  const auto on = [](TraceBit b) { return trace_bit(b, true); };
  const uint32_t known = on(kTraceKnown);
  // mask: the bits looked at; value: which of them must be set.
  if (key == "never_visited") {
    return TraceCondition{known | on(kTraceVisited), known};
  }
  if (key == "not_face_to_face") {
    return TraceCondition{on(kTraceVisited) | on(kTraceFaceToFace), on(kTraceVisited)};
  }
  if (key == "no_letter") {
    return TraceCondition{known | on(kTraceLetter), known};
  }
  if (key == "app_not_installed") {
    return TraceCondition{known | on(kTraceInstalled), known};
  }
  if (key == "app_not_registered") {
    return TraceCondition{known | on(kTraceRegistered), known};
  }
  if (key == "alerts_off") {
    return TraceCondition{on(kTraceInstalled) | on(kTraceAlertsOn), on(kTraceInstalled)};
  }
  if (key == "alerts_lapsed") {
    return TraceCondition{on(kTraceAlertsLapsed), on(kTraceAlertsLapsed)};
  }
  if (key == "spot_confirmed") {
    return TraceCondition{on(kTraceSpotConfirmed), on(kTraceSpotConfirmed)};
  }
  return std::nullopt;
}

BackTraceSummary& BackTraceSummary::add(const BackTrace& t, int64_t n) {
  cases += n;
  if (!t.person_known) {
    return *this;
  }
  const auto count = [n](bool yes) { return yes ? n : 0; };
  known += n;
  never_visited += count(!t.visited);
  not_face_to_face += count(t.visited && !t.visited_face_to_face);
  no_letter += count(!t.letter_signed);
  app_not_installed += count(!t.app.installed);
  app_not_registered += count(!t.app.registered);
  alerts_off += count(t.app.installed && !t.app.alerts_on);
  alerts_lapsed += count(t.app.alerts_lapsed);
  spot_confirmed += count(t.spot_check_confirmed);
  return *this;
}

}  // namespace fanzha::domain
