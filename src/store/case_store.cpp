#include "store/case_store.h"

#include "domain/calendar.h"
#include "domain/org_path.h"
#include "store/like_pattern.h"

namespace fanzha::store {

using domain::FraudCase;

namespace {

#define FANZHA_CASE_COLUMNS                                                               \
  "c.id, c.case_number, c.reported_at, c.occurred_at, c.org_unit_id, c.victim_person_id," \
  " c.victim_name, c.victim_age, c.victim_sex, c.victim_group, c.victim_unit_id,"         \
  " c.inside_system, c.fraud_type, c.channel, c.loss_fen, c.stopped_fen, c.returned_fen," \
  " c.status, c.notes, c.trace_bits, c.trace_last_visit, c.created_by, c.created_at,"     \
  " c.updated_at, o.name, o.path, COALESCE(vu.name, ''), COALESCE(vu.path, ''),"          \
  " COALESCE(p.name, ''), EXISTS (SELECT 1 FROM case_rectification r WHERE r.case_id = c.id)"
constexpr const char* kCaseJoins =
    " FROM fraud_case c JOIN org_unit o ON o.id = c.org_unit_id"
    " LEFT JOIN org_unit vu ON vu.id = c.victim_unit_id"
    " LEFT JOIN person p ON p.id = c.victim_person_id";

template <typename E>
E parsed(std::optional<E> value, E fallback) {
  return value.value_or(fallback);
}

CaseRow read_case(Statement& s) {
  CaseRow r;
  FraudCase& c = r.fraud_case;
  c.id = s.get_int(0);
  c.case_number = s.get_text(1);
  c.reported_at = s.get_int(2);
  c.occurred_at = s.get_int(3);
  c.org_unit_id = s.get_int(4);
  c.victim_person_id = s.get_optional_int(5);
  r.victim_name = s.get_text(6);
  if (const auto age = s.get_optional_int(7)) {
    c.victim_age = static_cast<int>(*age);
  }
  c.victim_sex = parsed(domain::parse_sex(s.get_text(8)), domain::Sex::kUnknown);
  c.victim_group = parsed(domain::parse_victim_group(s.get_text(9)), domain::VictimGroup::kOther);
  r.victim_unit_id = s.get_optional_int(10);
  r.inside_system = s.get_bool(11);
  c.fraud_type = parsed(domain::parse_fraud_type(s.get_text(12)), domain::FraudType::kOnlineLoan);
  c.channel = parsed(domain::parse_case_channel(s.get_text(13)), domain::CaseChannel::kOther);
  c.loss_fen = s.get_int(14);
  c.stopped_fen = s.get_int(15);
  c.returned_fen = s.get_int(16);
  c.status = parsed(domain::parse_case_status(s.get_text(17)), domain::CaseStatus::kRegistered);
  c.notes = s.get_text(18);
  r.trace =
      domain::back_trace_from_bits(static_cast<uint32_t>(s.get_int(19)), s.get_optional_int(20));
  r.created_by = s.get_optional_int(21);
  r.created_at = s.get_int(22);
  r.updated_at = s.get_int(23);
  r.org_unit_name = s.get_text(24);
  r.org_unit_path = s.get_text(25);
  r.victim_unit_name = s.get_text(26);
  r.victim_unit_path = s.get_text(27);
  r.person_name = s.get_text(28);
  r.has_rectification = s.get_bool(29);
  return r;
}

// $1 … $17: what insert and update both write.
void bind_case(Statement& s, const CaseRow& r) {
  const FraudCase& c = r.fraud_case;
  s.bind(1, c.case_number)
      .bind(2, c.reported_at)
      .bind(3, c.occurred_at)
      .bind(4, int64_t{domain::county_day_number(c.occurred_at)})
      .bind(5, c.org_unit_id)
      .bind(6, c.victim_person_id)
      .bind(7, r.victim_name)
      .bind(8, c.victim_age)
      .bind(9, domain::sex_key(c.victim_sex))
      .bind(10, domain::victim_group_key(c.victim_group))
      .bind(11, r.victim_unit_id)
      .bind(12, r.inside_system)
      .bind(13, domain::fraud_type_key(c.fraud_type))
      .bind(14, domain::case_channel_key(c.channel))
      .bind(15, c.loss_fen)
      .bind(16, c.stopped_fen)
      .bind(17, c.returned_fen);
  s.bind(18, domain::case_status_key(c.status)).bind(19, c.notes);
}

// A WHERE clause built from the filter's set fields, with its bindings in order.
class Where {
 public:
  template <typename T>
  std::string param(T value) {
    binders_.push_back([value](Statement& s, int n) { s.bind(n, value); });
    return "$" + std::to_string(binders_.size());
  }
  void add(const std::string& condition) {
    text_ += (text_.empty() ? " WHERE " : " AND ") + condition;
  }
  const std::string& text() const { return text_; }
  int bind(Statement& s) const {
    for (size_t i = 0; i < binders_.size(); ++i) {
      binders_[i](s, static_cast<int>(i + 1));
    }
    return static_cast<int>(binders_.size());
  }

 private:
  std::string text_;
  std::vector<std::function<void(Statement&, int)>> binders_;
};

Where case_where(const CaseFilter& f) {
  Where w;
  const std::string lo = w.param(f.scope_path);
  const std::string hi = w.param(domain::path_upper_bound(f.scope_path));
  const std::string by_victim = "(vu.path >= " + lo + " AND vu.path < " + hi + ")";
  if (f.victim_unit_only) {
    w.add(by_victim);
  } else if (f.scope_path != domain::kWholeTreePath) {
    w.add("((o.path >= " + lo + " AND o.path < " + hi + ") OR " + by_victim + ")");
  }
  if (f.first_day) {
    w.add("c.occurred_day >= " + w.param(int64_t{*f.first_day}));
  }
  if (f.last_day) {
    w.add("c.occurred_day <= " + w.param(int64_t{*f.last_day}));
  }
  if (f.fraud_type) {
    w.add("c.fraud_type = " + w.param(std::string(domain::fraud_type_key(*f.fraud_type))));
  }
  if (f.high_incidence_only) {
    std::string keys;
    for (const auto type : domain::all_fraud_types()) {
      if (domain::is_high_incidence(type)) {
        keys += (keys.empty() ? "" : ", ") + w.param(std::string(domain::fraud_type_key(type)));
      }
    }
    w.add("c.fraud_type IN (" + keys + ")");
  }
  if (f.victim_group) {
    w.add("c.victim_group = " + w.param(std::string(domain::victim_group_key(*f.victim_group))));
  }
  if (f.channel) {
    w.add("c.channel = " + w.param(std::string(domain::case_channel_key(*f.channel))));
  }
  if (f.status) {
    w.add("c.status = " + w.param(std::string(domain::case_status_key(*f.status))));
  }
  if (f.min_loss_fen) {
    w.add("c.loss_fen >= " + w.param(*f.min_loss_fen));
  }
  if (f.inside_system) {
    w.add("c.inside_system = " + w.param(int64_t{*f.inside_system ? 1 : 0}));
  }
  if (f.trace) {
    w.add("(c.trace_bits & " + w.param(int64_t{f.trace->mask}) +
          ") = " + w.param(int64_t{f.trace->value}));
  }
  if (!f.number_prefix.empty()) {
    w.add("c.case_number LIKE " + w.param(like_escape(f.number_prefix) + "%") + " ESCAPE '\\'");
  }
  return w;
}

}  // namespace

std::optional<CaseRow> CaseStore::find(int64_t id) {
  auto s = c_.prepare(std::string("SELECT " FANZHA_CASE_COLUMNS) + kCaseJoins + " WHERE c.id = $1");
  s->bind(1, id);
  if (!s->step()) {
    return std::nullopt;
  }
  return read_case(*s);
}

std::optional<int64_t> CaseStore::find_id_by_number(std::string_view case_number) {
  auto s = c_.prepare("SELECT id FROM fraud_case WHERE case_number = $1");
  s->bind(1, case_number);
  if (!s->step()) {
    return std::nullopt;
  }
  return s->get_int(0);
}

CasePage CaseStore::list(const CaseFilter& f) {
  const Where w = case_where(f);
  CasePage page;
  auto count = c_.prepare(std::string("SELECT COUNT(*), COALESCE(SUM(c.loss_fen), 0)") +
                          kCaseJoins + w.text());
  w.bind(*count);
  count->step();
  page.total = count->get_int(0);
  page.loss_fen = count->get_int(1);
  auto s = c_.prepare(std::string("SELECT " FANZHA_CASE_COLUMNS) + kCaseJoins + w.text() +
                      " ORDER BY c.occurred_at DESC, c.id DESC LIMIT " + std::to_string(f.limit) +
                      " OFFSET " + std::to_string(f.offset));
  w.bind(*s);
  while (s->step()) {
    page.cases.push_back(read_case(*s));
  }
  return page;
}

int64_t CaseStore::insert(const CaseRow& r, int64_t now) {
  auto s = c_.prepare(
      "INSERT INTO fraud_case (case_number, reported_at, occurred_at, occurred_day, org_unit_id,"
      " victim_person_id, victim_name, victim_age, victim_sex, victim_group, victim_unit_id,"
      " inside_system, fraud_type, channel, loss_fen, stopped_fen, returned_fen, status, notes,"
      " trace_bits, trace_last_visit, created_by, created_at, updated_at) VALUES ($1, $2, $3,"
      " $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,"
      " $22, $23, $23) RETURNING id");
  bind_case(*s, r);
  s->bind(20, int64_t{domain::back_trace_bits(r.trace)})
      .bind(21, r.trace.last_visit_at)
      .bind(22, r.created_by)
      .bind(23, now);
  s->step();
  const int64_t id = s->get_int(0);
  bump_version();
  return id;
}

void CaseStore::update(int64_t id, const CaseRow& r, int64_t now) {
  auto s = c_.prepare(
      "UPDATE fraud_case SET case_number = $1, reported_at = $2, occurred_at = $3,"
      " occurred_day = $4, org_unit_id = $5, victim_person_id = $6, victim_name = $7,"
      " victim_age = $8, victim_sex = $9, victim_group = $10, victim_unit_id = $11,"
      " inside_system = $12, fraud_type = $13, channel = $14, loss_fen = $15,"
      " stopped_fen = $16, returned_fen = $17, status = $18, notes = $19, updated_at = $20,"
      " trace_bits = $22, trace_last_visit = $23 WHERE id = $21");
  bind_case(*s, r);
  s->bind(20, now).bind(21, id);
  s->bind(22, int64_t{domain::back_trace_bits(r.trace)}).bind(23, r.trace.last_visit_at);
  s->run();
  bump_version();
}

void CaseStore::rename(int64_t id, std::string_view case_number) {
  c_.prepare("UPDATE fraud_case SET case_number = $1 WHERE id = $2")
      ->bind_all(case_number, id)
      .run();
}

std::vector<SealedAccount> CaseStore::accounts(int64_t case_id) {
  auto s = c_.prepare(
      "SELECT kind, number_cipher, number_hash, number_masked, holder FROM case_account"
      " WHERE case_id = $1 ORDER BY seq");
  s->bind(1, case_id);
  std::vector<SealedAccount> out;
  while (s->step()) {
    SealedAccount a;
    a.kind = parsed(domain::parse_suspect_account_kind(s->get_text(0)),
                    domain::SuspectAccountKind::kBankCard);
    a.cipher = s->get_blob(1);
    a.hash = s->get_blob(2);
    a.masked = s->get_text(3);
    a.holder = s->get_text(4);
    out.push_back(std::move(a));
  }
  return out;
}

void CaseStore::replace_accounts(int64_t case_id, const std::vector<SealedAccount>& accounts) {
  c_.prepare("DELETE FROM case_account WHERE case_id = $1")->bind(1, case_id).run();
  auto s = c_.prepare(
      "INSERT INTO case_account (case_id, seq, kind, number_cipher, number_hash, number_masked,"
      " holder) VALUES ($1, $2, $3, $4, $5, $6, $7)");
  for (size_t i = 0; i < accounts.size(); ++i) {
    const auto& a = accounts[i];
    s->bind_all(case_id, static_cast<int64_t>(i), domain::suspect_account_kind_key(a.kind));
    s->bind_blob(4, a.cipher).bind_blob(5, a.hash).bind(6, a.masked).bind(7, a.holder);
    s->run();
  }
}

std::optional<LedgerRow> CaseStore::ledger(int64_t case_id) {
  auto s = c_.prepare(
      "SELECT account, family, money_source, plan, updated_at FROM victim_ledger"
      " WHERE case_id = $1");
  s->bind(1, case_id);
  if (!s->step()) {
    return std::nullopt;
  }
  return LedgerRow{s->get_text(0), s->get_text(1), s->get_text(2), s->get_text(3), s->get_int(4)};
}

void CaseStore::save_ledger(int64_t case_id, const LedgerRow& l, int64_t now) {
  c_.prepare(
        "INSERT INTO victim_ledger (case_id, account, family, money_source, plan, updated_at)"
        " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (case_id) DO UPDATE SET"
        " account = excluded.account, family = excluded.family,"
        " money_source = excluded.money_source, plan = excluded.plan,"
        " updated_at = excluded.updated_at")
      ->bind_all(case_id, l.account, l.family, l.money_source, l.plan, now)
      .run();
}

std::vector<FollowupRow> CaseStore::followups(int64_t case_id) {
  auto s = c_.prepare(
      "SELECT id, visited_at, visitor_name, support, outcome, created_by, created_at"
      " FROM victim_followup WHERE case_id = $1 ORDER BY visited_at, id");
  s->bind(1, case_id);
  std::vector<FollowupRow> out;
  while (s->step()) {
    out.push_back({s->get_int(0), s->get_int(1), s->get_text(2), s->get_bool(3), s->get_text(4),
                   s->get_optional_int(5), s->get_int(6)});
  }
  return out;
}

int64_t CaseStore::insert_followup(int64_t case_id, const FollowupRow& f, int64_t now) {
  auto s = c_.prepare(
      "INSERT INTO victim_followup (case_id, visited_at, visitor_name, support, outcome,"
      " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id");
  s->bind_all(case_id, f.visited_at, f.visitor_name, f.support, f.outcome, f.created_by, now);
  s->step();
  return s->get_int(0);
}

std::optional<RectificationRow> CaseStore::rectification(int64_t case_id) {
  auto s = c_.prepare(
      "SELECT r.responsible_unit_id, u.name, r.checklist, r.plan, r.due_day, r.status,"
      " r.updated_at FROM case_rectification r JOIN org_unit u ON u.id = r.responsible_unit_id"
      " WHERE r.case_id = $1");
  s->bind(1, case_id);
  if (!s->step()) {
    return std::nullopt;
  }
  return RectificationRow{s->get_int(0),
                          s->get_text(1),
                          s->get_text(2),
                          s->get_text(3),
                          static_cast<domain::DateNumber>(s->get_int(4)),
                          s->get_text(5),
                          s->get_int(6)};
}

void CaseStore::save_rectification(int64_t case_id, const RectificationRow& r, int64_t now) {
  c_.prepare(
        "INSERT INTO case_rectification (case_id, responsible_unit_id, checklist, plan, due_day,"
        " status, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (case_id) DO UPDATE"
        " SET responsible_unit_id = excluded.responsible_unit_id, checklist = excluded.checklist,"
        " plan = excluded.plan, due_day = excluded.due_day, status = excluded.status,"
        " updated_at = excluded.updated_at")
      ->bind_all(case_id, r.responsible_unit_id, r.checklist_json, r.plan, int64_t{r.due_day},
                 r.status, now)
      .run();
}

namespace {

#define FANZHA_CASE_TARGET_COLUMNS                                                   \
  "t.id, t.org_unit_id, t.period_kind, t.first_day, t.last_day, t.measure, t.scope," \
  " t.reduction_permille, t.created_at"

CaseTargetRow read_case_target(Statement& s) {
  CaseTargetRow t;
  t.id = s.get_int(0);
  t.org_unit_id = s.get_int(1);
  t.period.kind = domain::parse_period_kind(s.get_text(2)).value_or(domain::PeriodKind::kRange);
  t.period.first = static_cast<domain::DateNumber>(s.get_int(3));
  t.period.last = static_cast<domain::DateNumber>(s.get_int(4));
  t.target.measure =
      s.get_text(5) == "loss" ? domain::CaseMeasure::kLoss : domain::CaseMeasure::kCases;
  t.target.scope = s.get_text(6) == "high_incidence" ? domain::CaseScope::kHighIncidence
                                                     : domain::CaseScope::kAllTypes;
  t.target.reduction_permille = static_cast<int>(s.get_int(7));
  t.created_at = s.get_int(8);
  return t;
}

}  // namespace

std::vector<CaseTargetRow> CaseStore::targets_for(std::string_view path) {
  // A unit's own targets and those of its ancestors ("the county's −30 % applies to every
  // township"), and those of units below it.
  auto s = c_.prepare("SELECT " FANZHA_CASE_TARGET_COLUMNS
                      " FROM case_target t JOIN org_unit u ON u.id = t.org_unit_id"
                      " WHERE ($1 LIKE u.path || '%') OR (u.path >= $1 AND u.path < $2)"
                      " ORDER BY u.depth, t.first_day, t.id");
  s->bind_all(path, domain::path_upper_bound(path));
  std::vector<CaseTargetRow> out;
  while (s->step()) {
    out.push_back(read_case_target(*s));
  }
  return out;
}

std::optional<CaseTargetRow> CaseStore::find_target(int64_t id) {
  auto s = c_.prepare("SELECT " FANZHA_CASE_TARGET_COLUMNS " FROM case_target t WHERE t.id = $1");
  s->bind(1, id);
  if (!s->step()) {
    return std::nullopt;
  }
  return read_case_target(*s);
}

int64_t CaseStore::insert_target(const CaseTargetRow& t, int64_t now) {
  auto s = c_.prepare(
      "INSERT INTO case_target (org_unit_id, period_kind, first_day, last_day, measure, scope,"
      " reduction_permille, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id");
  s->bind_all(
      t.org_unit_id, domain::period_kind_key(t.period.kind), int64_t{t.period.first},
      int64_t{t.period.last},
      std::string_view(t.target.measure == domain::CaseMeasure::kLoss ? "loss" : "cases"),
      std::string_view(t.target.scope == domain::CaseScope::kHighIncidence ? "high_incidence"
                                                                           : "all_types"),
      int64_t{t.target.reduction_permille}, now);
  s->step();
  return s->get_int(0);
}

void CaseStore::delete_target(int64_t id) {
  c_.prepare("DELETE FROM case_target WHERE id = $1")->bind(1, id).run();
}

std::optional<int64_t> CaseStore::household_of(int64_t person_id) {
  auto s = c_.prepare("SELECT household_id FROM person WHERE id = $1");
  s->bind(1, person_id);
  if (!s->step()) {
    return std::nullopt;
  }
  return s->get_int(0);
}

std::vector<domain::VisitFact> CaseStore::household_visits(int64_t household_id) {
  auto s = c_.prepare(
      "SELECT visited_at, face_to_face, letter_signed FROM visit WHERE household_id = $1");
  s->bind(1, household_id);
  std::vector<domain::VisitFact> out;
  while (s->step()) {
    out.push_back({s->get_int(0), s->get_bool(1), s->get_bool(2)});
  }
  return out;
}

std::vector<domain::SpotCheckFact> CaseStore::spot_checks_of(int64_t person_id) {
  auto s = c_.prepare(
      "SELECT called_at, outcome FROM spot_check_item WHERE person_id = $1"
      " AND outcome IS NOT NULL AND called_at IS NOT NULL");
  s->bind(1, person_id);
  std::vector<domain::SpotCheckFact> out;
  while (s->step()) {
    const auto outcome = domain::parse_call_outcome(s->get_text(1));
    if (outcome) {
      out.push_back({s->get_int(0), *outcome});
    }
  }
  return out;
}

void CaseStore::scan_facts(const std::function<void(const CaseFactRow&)>& each, int64_t after_id,
                           int64_t since) {
  const std::string where = after_id < 0 ? ""
                                         : " WHERE id > " + std::to_string(after_id) +
                                               " OR updated_at >= " + std::to_string(since);
  auto s = c_.prepare(
      "SELECT id, occurred_day, org_unit_id, victim_unit_id, inside_system,"
      " victim_person_id IS NOT NULL, fraud_type, victim_group, channel, loss_fen, stopped_fen,"
      " returned_fen, trace_bits, updated_at FROM fraud_case" +
      (where.empty() ? std::string(" ORDER BY id") : where));
  CaseFactRow r;
  while (s->step()) {
    r.id = s->get_int(0);
    r.occurred_day = static_cast<domain::DateNumber>(s->get_int(1));
    r.org_unit_id = s->get_int(2);
    r.victim_unit_id = s->get_optional_int(3);
    r.inside_system = s->get_bool(4);
    r.victim_known = s->get_bool(5);
    r.fraud_type = parsed(domain::parse_fraud_type(s->get_text(6)), domain::FraudType::kOnlineLoan);
    r.victim_group =
        parsed(domain::parse_victim_group(s->get_text(7)), domain::VictimGroup::kOther);
    r.channel = parsed(domain::parse_case_channel(s->get_text(8)), domain::CaseChannel::kOther);
    r.loss_fen = s->get_int(9);
    r.stopped_fen = s->get_int(10);
    r.returned_fen = s->get_int(11);
    r.trace_bits = static_cast<uint32_t>(s->get_int(12));
    r.updated_at = s->get_int(13);
    each(r);
  }
}

int64_t CaseStore::version() {
  auto s = c_.prepare("SELECT version FROM change_counter WHERE name = 'cases'");
  return s->step() ? s->get_int(0) : 0;
}

void CaseStore::bump_version() {
  c_.prepare("UPDATE change_counter SET version = version + 1 WHERE name = 'cases'")->run();
}

}  // namespace fanzha::store
