// SQL for fraud cases: the case rows with their frozen back-trace, the suspect accounts
// (arriving sealed: cipher, keyed hash, masked form — this layer never sees a clear
// number), the victim ledger and its follow-up visits, rectification plans and case
// targets. Every write bumps the 'cases' change counter so the in-memory case index
// reloads. Works on a Connection lent by the caller; not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/back_trace.h"
#include "domain/case_targets.h"
#include "domain/fraud_case.h"
#include "domain/period.h"
#include "store/database.h"

namespace fanzha::store {

struct SealedAccount {
  domain::SuspectAccountKind kind = domain::SuspectAccountKind::kBankCard;
  std::string cipher, hash, masked;
  std::string holder;
};

// A case as stored. `fraud_case.suspect_accounts` stays empty: accounts are sealed apart.
struct CaseRow {
  domain::FraudCase fraud_case;
  std::string victim_name;  // a victim who is not a person in fanzha
  std::optional<int64_t> victim_unit_id;
  bool inside_system = false;
  domain::BackTrace trace;
  std::optional<int64_t> created_by;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  // Read only (joins).
  std::string org_unit_name, org_unit_path;
  std::string victim_unit_name, victim_unit_path;
  std::string person_name;  // the linked person's name
  bool has_rectification = false;
};

struct CaseFilter {
  std::string scope_path;  // cases where, or whose victim's unit, is within this path
  std::optional<domain::DateNumber> first_day, last_day;  // occurred, county days
  std::optional<domain::FraudType> fraud_type;
  bool high_incidence_only = false;
  std::optional<domain::VictimGroup> victim_group;
  std::optional<domain::CaseChannel> channel;
  std::optional<domain::CaseStatus> status;
  std::optional<int64_t> min_loss_fen;
  std::optional<bool> inside_system;
  std::optional<domain::TraceCondition> trace;  // only cases whose back-trace matches
  std::string number_prefix;
  // Only cases whose victim's unit is within the scope (units and schools see these).
  bool victim_unit_only = false;
  int limit = 50;
  int offset = 0;
};

struct CasePage {
  std::vector<CaseRow> cases;
  int64_t total = 0;
  int64_t loss_fen = 0;  // over all matching cases, not only the page
};

struct LedgerRow {
  std::string account, family, money_source, plan;
  int64_t updated_at = 0;
};

struct FollowupRow {
  int64_t id = 0;
  int64_t visited_at = 0;
  std::string visitor_name;
  bool support = false;
  std::string outcome;
  std::optional<int64_t> created_by;
  int64_t created_at = 0;
};

struct RectificationRow {
  int64_t responsible_unit_id = 0;
  std::string responsible_unit_name;  // read only
  std::string checklist_json = "[]";
  std::string plan;
  domain::DateNumber due_day = 0;
  std::string status = "open";  // open, in_progress, done
  int64_t updated_at = 0;
};

struct CaseTargetRow {
  int64_t id = 0;
  int64_t org_unit_id = 0;
  domain::Period period;
  domain::CaseTarget target;
  int64_t created_at = 0;
};

// What the case index keeps of every case (one row per case, in id order).
struct CaseFactRow {
  int64_t id = 0;
  int64_t updated_at = 0;
  domain::DateNumber occurred_day = 0;
  int64_t org_unit_id = 0;
  std::optional<int64_t> victim_unit_id;
  bool inside_system = false;
  bool victim_known = false;
  domain::FraudType fraud_type = domain::FraudType::kOnlineLoan;
  domain::VictimGroup victim_group = domain::VictimGroup::kOther;
  domain::CaseChannel channel = domain::CaseChannel::kOther;
  int64_t loss_fen = 0;
  int64_t stopped_fen = 0;
  int64_t returned_fen = 0;
  uint32_t trace_bits = 0;
};

class CaseStore {
 public:
  explicit CaseStore(Connection& connection) : c_(connection) {}

  std::optional<CaseRow> find(int64_t id);
  std::optional<int64_t> find_id_by_number(std::string_view case_number);
  CasePage list(const CaseFilter& filter);
  int64_t insert(const CaseRow& row, int64_t now);
  // Updates what an edit may change (the creator stays as it was).
  void update(int64_t id, const CaseRow& row, int64_t now);
  void rename(int64_t id, std::string_view case_number);

  std::vector<SealedAccount> accounts(int64_t case_id);
  void replace_accounts(int64_t case_id, const std::vector<SealedAccount>& accounts);

  std::optional<LedgerRow> ledger(int64_t case_id);
  void save_ledger(int64_t case_id, const LedgerRow& ledger, int64_t now);
  std::vector<FollowupRow> followups(int64_t case_id);
  int64_t insert_followup(int64_t case_id, const FollowupRow& followup, int64_t now);

  std::optional<RectificationRow> rectification(int64_t case_id);
  void save_rectification(int64_t case_id, const RectificationRow& row, int64_t now);

  // Targets set on units within `path` or above it (the ones that apply there).
  std::vector<CaseTargetRow> targets_for(std::string_view path);
  std::optional<CaseTargetRow> find_target(int64_t id);
  int64_t insert_target(const CaseTargetRow& row, int64_t now);
  void delete_target(int64_t id);

  // The household a linked victim lives in (for the back-trace).
  std::optional<int64_t> household_of(int64_t person_id);
  std::vector<domain::VisitFact> household_visits(int64_t household_id);
  std::vector<domain::SpotCheckFact> spot_checks_of(int64_t person_id);

  // Every case; or, with `after_id`/`since`, only those with a larger id or updated at
  // or after `since` (epoch ms), for an index that appends what changed.
  void scan_facts(const std::function<void(const CaseFactRow&)>& each, int64_t after_id = -1,
                  int64_t since = 0);
  int64_t version();
  void bump_version();

 private:
  Connection& c_;
};

}  // namespace fanzha::store
