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

BackTraceSummary& BackTraceSummary::add(const BackTrace& t) {
  ++cases;
  if (!t.person_known) {
    return *this;
  }
  ++known;
  never_visited += t.visited ? 0 : 1;
  not_face_to_face += t.visited && !t.visited_face_to_face ? 1 : 0;
  no_letter += t.letter_signed ? 0 : 1;
  app_not_installed += t.app.installed ? 0 : 1;
  app_not_registered += t.app.registered ? 0 : 1;
  alerts_off += t.app.installed && !t.app.alerts_on ? 1 : 0;
  alerts_lapsed += t.app.alerts_lapsed ? 1 : 0;
  spot_confirmed += t.spot_check_confirmed ? 1 : 0;
  return *this;
}

}  // namespace fanzha::domain
