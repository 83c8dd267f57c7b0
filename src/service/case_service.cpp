#include "service/case_service.h"

#include <algorithm>

#include "common/text.h"
#include "domain/calendar.h"
#include "domain/money.h"
#include "domain/org_path.h"
#include "service/app_settings.h"
#include "service/audit_trail.h"
#include "store/app_store.h"
#include "store/org_store.h"
#include "store/people_store.h"

namespace fanzha::service {

using domain::Capability;
using domain::FraudCase;
using domain::OrgKind;

namespace {

constexpr std::string_view kAccountPurpose = "account";
constexpr std::string_view kLargeCaseKey = "large_case_fen";
constexpr size_t kMaxCaseReasonChars = 200;
constexpr size_t kMaxVictimNameChars = 32;
constexpr int kRectificationDays = 30;

[[noreturn]] void case_not_found() {
  throw Error(ErrorCode::kNotFound, "案件不存在或不在您的管辖范围内");
}

domain::OrgUnit existing_unit(store::OrgStore& units, int64_t id, const char* field) {
  const auto unit = units.find(id);
  if (!unit || !unit->active) {
    throw Error(ErrorCode::kNotFound, "所选单位不存在或已停用", field);
  }
  return *unit;
}

bool is_workplace(OrgKind kind) {
  return kind == OrgKind::kDepartment || kind == OrgKind::kBankBranch ||
         kind == OrgKind::kTelecomShop || kind == OrgKind::kEnterprise ||
         kind == OrgKind::kSchool || kind == OrgKind::kCollege || kind == OrgKind::kClass;
}

// The victim's details filled in from the linked person, then checked.
void fill_victim(store::Connection& c, const Actor& actor, const CaseInput& in,
                 store::CaseRow& row) {
  FraudCase& fc = row.fraud_case;
  const domain::DateNumber day = domain::county_day_number(in.occurred_at);
  std::optional<domain::Person> person;
  if (in.victim_person_id) {
    store::PeopleStore people(c);
    bool visible = false;
    for (const auto& path : people.person_unit_paths(*in.victim_person_id)) {
      visible = visible || actor.can_see(path);
    }
    person = visible ? people.find_person(*in.victim_person_id) : std::nullopt;
    if (!person) {
      throw Error(ErrorCode::kNotFound, "受害人不存在或不在您的管辖范围内", "victim_person_id");
    }
  }
  fc.victim_person_id = in.victim_person_id;
  row.victim_name = person ? "" : std::string(trim(in.victim_name));
  if (utf8_length(row.victim_name) > kMaxVictimNameChars || has_control_chars(row.victim_name)) {
    throw Error(ErrorCode::kInvalidValue, "受害人姓名不超过32个字", "victim_name");
  }
  fc.victim_sex = in.victim_sex.value_or(person ? person->sex : domain::Sex::kUnknown);
  fc.victim_age = in.victim_age;
  if (!fc.victim_age && person && person->birth_date != 0 && day != 0) {
    fc.victim_age = domain::age_on(person->birth_date, day);
  }
  bool staff = in.victim_staff.value_or(false);
  row.victim_unit_id = in.victim_unit_id;
  if (person && person->link_unit_id &&
      (person->link_role == domain::LinkRole::kStaff ||
       person->link_role == domain::LinkRole::kStudent)) {
    row.victim_unit_id = row.victim_unit_id.value_or(*person->link_unit_id);
    staff = staff || (!in.victim_staff && person->link_role == domain::LinkRole::kStaff);
  }
  domain::VictimGroup group = domain::default_victim_group(fc.victim_age);
  if (person && (person->tags & domain::person_tag_bit(domain::PersonTag::kStudent)) != 0) {
    group = domain::VictimGroup::kStudent;
  }
  fc.victim_group = in.victim_group.value_or(group);
  staff = staff || fc.victim_group == domain::VictimGroup::kPublicStaff;
  if (row.victim_unit_id) {
    store::OrgStore units(c);
    const auto unit = existing_unit(units, *row.victim_unit_id, "victim_unit_id");
    if (!is_workplace(unit.kind)) {
      throw Error(ErrorCode::kInvalidValue, "受害人单位应为单位、学校或班级", "victim_unit_id");
    }
  }
  row.inside_system = row.victim_unit_id.has_value() && staff;
}

// The back-trace as of the case date, from the victim's records today.
domain::BackTrace trace_of(store::Connection& c, const FraudCase& fc) {
  domain::VictimRecords records;
  if (!fc.victim_person_id) {
    return domain::back_trace(records, fc.occurred_at, domain::kDefaultAlertsLapseDays);
  }
  store::CaseStore cases(c);
  store::AppStore apps(c);
  const auto household = cases.household_of(*fc.victim_person_id);
  const auto visits =
      household ? cases.household_visits(*household) : std::vector<domain::VisitFact>{};
  const auto observations = apps.observations_of(*fc.victim_person_id);
  const auto spot_checks = cases.spot_checks_of(*fc.victim_person_id);
  records.person_known = true;
  records.household_visits = visits;
  records.app_observations = observations;
  records.spot_checks = spot_checks;
  return domain::back_trace(records, fc.occurred_at, load_app_settings(apps).alerts_lapse_days);
}

std::vector<store::SealedAccount> seal_accounts(const PiiCipher& pii, Random& random,
                                                const std::vector<domain::SuspectAccount>& in) {
  std::vector<store::SealedAccount> out;
  for (const auto& a : in) {
    const std::string number(trim(a.number));
    out.push_back({a.kind, pii.encrypt(number, random), pii.lookup_hash(kAccountPurpose, number),
                   domain::mask_account_number(number), std::string(trim(a.holder))});
  }
  return out;
}

// The township or street above a unit (the unit responsible for rectification), or the
// unit itself.
int64_t responsible_unit(store::OrgStore& units, const domain::OrgUnit& unit) {
  for (const int64_t id : domain::path_ids(unit.path)) {
    const auto u = units.find(id);
    if (u && (u->kind == OrgKind::kTownship || u->kind == OrgKind::kStreet)) {
      return u->id;
    }
  }
  return unit.id;
}

nlohmann::json case_summary(const store::CaseRow& r) {
  const FraudCase& c = r.fraud_case;
  return {{"case_number", c.case_number},
          {"org_unit_id", c.org_unit_id},
          {"fraud_type", domain::fraud_type_key(c.fraud_type)},
          {"loss_fen", c.loss_fen},
          {"stopped_fen", c.stopped_fen},
          {"returned_fen", c.returned_fen},
          {"status", domain::case_status_key(c.status)},
          {"victim_person_id", c.victim_person_id ? nlohmann::json(*c.victim_person_id) : nullptr}};
}

// `accounts_b` null: the accounts are not compared (they stay as stored).
bool same_case(const store::CaseRow& a, const store::CaseRow& b,
               const std::vector<store::SealedAccount>& accounts_a,
               const std::vector<domain::SuspectAccount>* accounts_b_or_null,
               const PiiCipher& pii) {
  const FraudCase& x = a.fraud_case;
  const FraudCase& y = b.fraud_case;
  const std::vector<domain::SuspectAccount> none;
  const auto& accounts_b = accounts_b_or_null ? *accounts_b_or_null : none;
  if (accounts_b_or_null && accounts_a.size() != accounts_b.size()) {
    return false;
  }
  for (size_t i = 0; accounts_b_or_null && i < accounts_a.size(); ++i) {
    if (accounts_a[i].kind != accounts_b[i].kind ||
        accounts_a[i].holder != trim(accounts_b[i].holder) ||
        accounts_a[i].hash != pii.lookup_hash(kAccountPurpose, trim(accounts_b[i].number))) {
      return false;
    }
  }
  return x.reported_at == y.reported_at && x.occurred_at == y.occurred_at &&
         x.org_unit_id == y.org_unit_id && x.victim_person_id == y.victim_person_id &&
         x.victim_age == y.victim_age && x.victim_sex == y.victim_sex &&
         x.victim_group == y.victim_group && x.fraud_type == y.fraud_type &&
         x.channel == y.channel && x.loss_fen == y.loss_fen && x.stopped_fen == y.stopped_fen &&
         x.returned_fen == y.returned_fen && x.status == y.status && x.notes == y.notes &&
         a.victim_name == b.victim_name && a.victim_unit_id == b.victim_unit_id &&
         a.inside_system == b.inside_system;
}

int64_t large_case_fen_in(store::Connection& c) {
  const auto text = store::AppStore(c).setting(kLargeCaseKey);
  const auto fen = text ? parse_int64(*text) : std::nullopt;
  return fen && *fen > 0 ? *fen : domain::kDefaultLargeCaseFen;
}

// What a full back-trace of a large case goes through (逐案倒查清单).
std::string default_checklist() {
  nlohmann::json items = nlohmann::json::array();
  for (const char* item :
       {"核查受害人家庭入户走访和承诺书签订情况", "核查国家反诈中心APP安装、注册和预警开启情况",
        "核查所在单位、村（社区）宣传覆盖情况", "约谈责任单位负责人", "开展针对性补课宣传",
        "形成倒查报告并上报"}) {
    items.push_back({{"item", item}, {"done", false}});
  }
  return items.dump();
}

}  // namespace

bool case_visible(const Actor& actor, const store::CaseRow& row) {
  return actor.can_see(row.org_unit_path) ||
         (!row.victim_unit_path.empty() && actor.can_see(row.victim_unit_path));
}

int64_t CaseService::large_case_fen() {
  auto lease = ctx_.db.read();
  return large_case_fen_in(*lease);
}

void CaseService::set_large_case_fen(const Actor& actor, int64_t fen) {
  require(actor, Capability::kCaseManage);
  if (fen <= 0 || fen > domain::kMaxFen) {
    throw Error(ErrorCode::kInvalidValue, "大案金额门槛应大于0", "large_case_fen");
  }
  ctx_.db.transact([&](store::Connection& c) {
    store::AppStore(c).set_setting(kLargeCaseKey, std::to_string(fen));
    record_audit(c, ctx_.clock, actor,
                 {"case.settings",
                  "setting",
                  std::string(kLargeCaseKey),
                  actor.scope_path,
                  {{"large_case_fen", fen}}});
  });
}

SaveResult CaseService::save_in(store::Connection& c, const Actor& actor, const CaseInput& in,
                                Upsert upsert) {
  store::CaseRow row;
  FraudCase& fc = row.fraud_case;
  fc.case_number = domain::normalize_case_number(in.case_number).value_or(in.case_number);
  fc.reported_at = in.reported_at;
  fc.occurred_at = in.occurred_at;
  fc.org_unit_id = in.org_unit_id;
  fc.fraud_type = in.fraud_type;
  fc.channel = in.channel;
  fc.loss_fen = in.loss_fen;
  fc.stopped_fen = in.stopped_fen;
  fc.returned_fen = in.returned_fen;
  fc.status = in.status;
  for (const auto& a : in.suspect_accounts) {
    fc.suspect_accounts.push_back(
        {a.kind, domain::normalize_account_number(a.kind, a.number), std::string(trim(a.holder))});
  }
  fc.notes = in.notes;
  const int64_t now = ctx_.clock.now_ms();
  if (const auto problem = domain::check_case(fc, now)) {
    throw Error(ErrorCode::kInvalidValue, problem->message, problem->field);
  }
  store::OrgStore units(c);
  const auto place = existing_unit(units, in.org_unit_id, "org_unit_id");
  if (!actor.can_see(place.path)) {
    throw Error(ErrorCode::kNotFound, "发案地不在您的管辖范围内", "org_unit_id");
  }
  fill_victim(c, actor, in, row);
  if (const auto problem = domain::check_case(fc, now)) {
    throw Error(ErrorCode::kInvalidValue, problem->message, problem->field);
  }
  store::CaseStore cases(c);
  const auto existing = cases.find_id_by_number(fc.case_number);
  if (existing && upsert == Upsert::kReject) {
    throw Error(ErrorCode::kDuplicate, "该案件编号已登记：" + fc.case_number, "case_number");
  }
  const auto sealed = seal_accounts(ctx_.pii, ctx_.random, fc.suspect_accounts);
  const std::vector<domain::SuspectAccount> accounts = std::move(fc.suspect_accounts);
  fc.suspect_accounts.clear();
  if (existing) {
    const auto before = *cases.find(*existing);
    if (!case_visible(actor, before)) {
      // The same answer wherever the existing case is: it may be outside the scope.
      throw Error(ErrorCode::kDuplicate, "该案件编号已登记：" + fc.case_number, "case_number");
    }
    // An edit without accounts keeps the stored ones (pages never hold them in clear).
    const auto stored = cases.accounts(*existing);
    if (same_case(before, row, stored, in.keep_accounts ? nullptr : &accounts, ctx_.pii)) {
      return {view_of(c, actor, before), false, false};
    }
    // The back-trace stays as registered unless the case now names another victim or
    // date: then it is traced again (records after the case date never count).
    const bool retrace = before.fraud_case.victim_person_id != fc.victim_person_id ||
                         before.fraud_case.occurred_at != fc.occurred_at;
    row.trace = retrace ? trace_of(c, fc) : before.trace;
    cases.update(*existing, row, now);
    if (!in.keep_accounts) {
      cases.replace_accounts(*existing, sealed);
    }
    auto after = *cases.find(*existing);
    record_audit(c, ctx_.clock, actor,
                 {"case.update",
                  "fraud_case",
                  std::to_string(*existing),
                  after.org_unit_path,
                  {{"before", case_summary(before)}, {"after", case_summary(after)}}});
    return {view_of(c, actor, std::move(after)), false, true};
  }
  row.trace = trace_of(c, fc);
  row.created_by = actor.user_id;
  const int64_t id = cases.insert(row, now);
  cases.replace_accounts(id, sealed);
  if (fc.loss_fen >= large_case_fen_in(c)) {
    store::RectificationRow plan;
    plan.responsible_unit_id = responsible_unit(units, place);
    plan.checklist_json = default_checklist();
    plan.due_day = domain::add_days(domain::county_day_number(now), kRectificationDays);
    cases.save_rectification(id, plan, now);
  }
  auto stored = *cases.find(id);
  record_audit(c, ctx_.clock, actor,
               {"case.create",
                "fraud_case",
                std::to_string(id),
                stored.org_unit_path,
                {{"after", case_summary(stored)}}});
  return {view_of(c, actor, std::move(stored)), true, true};
}

SaveResult CaseService::register_case(const Actor& actor, const CaseInput& input, Upsert upsert) {
  require(actor, Capability::kCaseWrite);
  return ctx_.db.transact([&](store::Connection& c) { return save_in(c, actor, input, upsert); });
}

CaseView CaseService::update_case(const Actor& actor, int64_t id, const CaseInput& input) {
  require(actor, Capability::kCaseWrite);
  return ctx_.db.transact([&](store::Connection& c) {
    store::CaseStore cases(c);
    const auto before = cases.find(id);
    if (!before || !case_visible(actor, *before)) {
      case_not_found();
    }
    const auto number = domain::normalize_case_number(input.case_number);
    const auto other = number ? cases.find_id_by_number(*number) : std::nullopt;
    if (other && *other != id) {
      throw Error(ErrorCode::kDuplicate, "该案件编号已登记：" + *number, "case_number");
    }
    // Renumbering is an update of this case, found by its old number.
    if (number && *number != before->fraud_case.case_number) {
      cases.rename(id, *number);
    }
    return save_in(c, actor, input, Upsert::kUpdate).view;
  });
}

CaseView CaseService::get_case(const Actor& actor, int64_t id) {
  require(actor, Capability::kCaseRead);
  auto lease = ctx_.db.read();
  auto row = store::CaseStore(*lease).find(id);
  if (!row || !case_visible(actor, *row)) {
    case_not_found();
  }
  return view_of(*lease, actor, std::move(*row));
}

CaseListView CaseService::list_cases(const Actor& actor, const CaseQuery& query) {
  require(actor, Capability::kCaseRead);
  auto lease = ctx_.db.read();
  store::Connection& c = *lease;
  {
    store::CaseFilter f = query.filter;
    f.scope_path = actor.scope_path;
    if (query.unit_id) {
      const auto unit = store::OrgStore(c).find(*query.unit_id);
      if (!unit || !actor.can_see(unit->path)) {
        throw Error(ErrorCode::kNotFound, "组织不存在或不在您的管辖范围内", "unit_id");
      }
      f.scope_path = unit->path;
    }
    // Units and schools see the cases of their own staff and students only.
    f.victim_unit_only = actor.role == domain::Role::kUnit || actor.role == domain::Role::kSchool;
    f.limit = std::clamp(f.limit, 1, 500);
    f.offset = std::max(f.offset, 0);
    auto page = store::CaseStore(c).list(f);
    CaseListView out{{}, page.total, page.loss_fen};
    for (auto& row : page.cases) {
      out.cases.push_back(view_of(c, actor, std::move(row)));
    }
    return out;
  }
}

std::vector<AccountView> CaseService::unmask_accounts(const Actor& actor, int64_t id,
                                                      const std::string& reason) {
  require(actor, Capability::kCaseIdentity);
  const std::string why(trim(reason));
  if (why.empty() || utf8_length(why) > kMaxCaseReasonChars) {
    throw Error(ErrorCode::kInvalidValue, "请填写查看原因（不超过200字）", "reason");
  }
  return ctx_.db.transact([&](store::Connection& c) {
    store::CaseStore cases(c);
    const auto row = cases.find(id);
    if (!row || !case_visible(actor, *row)) {
      case_not_found();
    }
    std::vector<AccountView> out;
    for (const auto& a : cases.accounts(id)) {
      const auto clear = ctx_.pii.decrypt(a.cipher);
      if (!clear) {
        throw Error(ErrorCode::kInternal, "涉案账号无法解密：密钥与数据库不匹配");
      }
      out.push_back({a.kind, *clear, a.holder});
    }
    record_audit(c, ctx_.clock, actor,
                 {"case.unmask",
                  "fraud_case",
                  std::to_string(id),
                  row->org_unit_path,
                  {{"reason", why}, {"accounts", out.size()}}});
    return out;
  });
}

CaseView CaseService::view_of(store::Connection& c, const Actor& actor, store::CaseRow row) {
  CaseView v;
  v.identity = domain::role_has(actor.role, Capability::kCaseIdentity);
  v.ledger_access =
      v.identity || ((actor.role == domain::Role::kUnit || actor.role == domain::Role::kSchool) &&
                     !row.victim_unit_path.empty() && actor.can_see(row.victim_unit_path));
  v.large = row.fraud_case.loss_fen >= large_case_fen_in(c);
  store::CaseStore cases(c);
  for (const auto& a : cases.accounts(row.fraud_case.id)) {
    v.accounts.push_back({a.kind, v.identity ? a.masked : std::string(), a.holder});
  }
  if (row.has_rectification) {
    v.rectification = cases.rectification(row.fraud_case.id);
  }
  if (!v.identity) {
    row.fraud_case.victim_person_id.reset();
    row.victim_name = domain::mask_person_name(row.victim_name);
    row.person_name = domain::mask_person_name(row.person_name);
  }
  v.row = std::move(row);
  return v;
}

}  // namespace fanzha::service
