// Fraud cases as users see them. Registering a case checks it (domain::check_case),
// links the victim to a person in scope when known, traces it back against fanzha's own
// records as of the case date and stores that result with it, seals the suspect
// accounts and, for a large case, opens a rectification plan — one transaction, one
// audit entry. Who sees what: a case is visible where it happened and at the victim's
// unit or class; only roles with case.identity see the victim's identity and (through
// `unmask`, audited) account numbers; the victim ledger is theirs and the victim's own
// unit or school's. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/fraud_case.h"
#include "service/actor.h"
#include "service/context.h"
#include "store/case_store.h"

namespace fanzha::service {

// What the form, the API and the import send. Missing victim details come from the
// linked person (sex, age on the case date, group, their unit or class).
struct CaseInput {
  std::string case_number;
  int64_t reported_at = 0;
  int64_t occurred_at = 0;
  int64_t org_unit_id = 0;
  std::optional<int64_t> victim_person_id;
  std::string victim_name;  // a victim who is not a person in fanzha
  std::optional<int> victim_age;
  std::optional<domain::Sex> victim_sex;
  std::optional<domain::VictimGroup> victim_group;
  std::optional<int64_t> victim_unit_id;  // the unit or class the victim works or studies at
  std::optional<bool> victim_staff;       // staff there (a case inside the system)
  domain::FraudType fraud_type = domain::FraudType::kOnlineLoan;
  domain::CaseChannel channel = domain::CaseChannel::kOther;
  int64_t loss_fen = 0;
  int64_t stopped_fen = 0;
  int64_t returned_fen = 0;
  domain::CaseStatus status = domain::CaseStatus::kRegistered;
  std::vector<domain::SuspectAccount> suspect_accounts;  // clear numbers
  bool keep_accounts = false;  // an update that leaves the stored accounts as they are
  std::string notes;
};

struct AccountView {
  domain::SuspectAccountKind kind = domain::SuspectAccountKind::kBankCard;
  std::string number;  // masked, or clear from `unmask`
  std::string holder;
};

struct CaseView {
  store::CaseRow row;  // victim fields already masked when `identity` is false
  std::vector<AccountView> accounts;
  bool identity = false;  // the actor sees the victim's identity
  bool large = false;     // at or above the large-case threshold
  bool ledger_access = false;
  std::optional<store::RectificationRow> rectification;
};

struct CaseQuery {
  std::optional<int64_t> unit_id;  // default: the actor's own unit
  store::CaseFilter filter;        // scope_path and victim_unit_only are set by the service
};

struct CaseListView {
  std::vector<CaseView> cases;
  int64_t total = 0;
  int64_t loss_fen = 0;
};

enum class Upsert { kReject, kUpdate };

struct SaveResult {
  CaseView view;
  bool created = false;
  bool changed = false;  // false when an update found nothing to change
};

struct LedgerView {
  store::LedgerRow ledger;
  std::vector<store::FollowupRow> followups;
};

struct FollowupInput {
  std::optional<int64_t> visited_at;  // default: now
  std::string visitor_name;           // default: the actor's name
  bool support = false;
  std::string outcome;
};

struct RectificationInput {
  std::optional<int64_t> responsible_unit_id;
  std::optional<std::string> checklist_json;  // [{"item": "…", "done": true}]
  std::optional<std::string> plan;
  std::optional<std::string> due_on;  // yyyy-mm-dd
  std::optional<std::string> status;  // open, in_progress, done
};

class CaseService {
 public:
  explicit CaseService(ServiceContext context) : ctx_(context) {}

  SaveResult register_case(const Actor& actor, const CaseInput& input,
                           Upsert upsert = Upsert::kReject);
  CaseView update_case(const Actor& actor, int64_t id, const CaseInput& input);
  CaseView get_case(const Actor& actor, int64_t id);
  CaseListView list_cases(const Actor& actor, const CaseQuery& query);
  std::vector<AccountView> unmask_accounts(const Actor& actor, int64_t id,
                                           const std::string& reason);

  LedgerView ledger(const Actor& actor, int64_t case_id);
  LedgerView save_ledger(const Actor& actor, int64_t case_id, const store::LedgerRow& ledger);
  LedgerView add_followup(const Actor& actor, int64_t case_id, const FollowupInput& input);
  store::RectificationRow update_rectification(const Actor& actor, int64_t case_id,
                                               const RectificationInput& input);

  // The loss from which a case is large (setting `large_case_fen`).
  int64_t large_case_fen();
  void set_large_case_fen(const Actor& actor, int64_t fen);

  // The case's row in a transaction the caller holds (the importer's), as register_case.
  SaveResult save_in(store::Connection& c, const Actor& actor, const CaseInput& input,
                     Upsert upsert);

 private:
  CaseView view_of(store::Connection& c, const Actor& actor, store::CaseRow row);
  ServiceContext ctx_;
};

// Whether the actor may see a case stored with these unit paths (where it happened, the
// victim's unit or class).
bool case_visible(const Actor& actor, const store::CaseRow& row);

}  // namespace fanzha::service
