// CaseService: the victim ledger (工作台账) with its follow-up visits, and the
// rectification plans of large cases.
#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "common/text.h"
#include "domain/calendar.h"
#include "domain/resident_id.h"
#include "service/audit_trail.h"
#include "service/case_service.h"
#include "store/org_store.h"

namespace fanzha::service {

namespace {

constexpr size_t kMaxLedgerChars = 2000;
constexpr size_t kMaxVisitorChars = 32;
constexpr size_t kMaxChecklistItems = 30;
constexpr size_t kMaxChecklistItemChars = 100;

constexpr std::array kMoneySources = {"", "savings", "loan", "borrowed", "company_funds", "other"};

void check_text(const std::string& text, size_t max_chars, const char* field, const char* what) {
  if (!is_valid_utf8(text) || utf8_length(text) > max_chars) {
    throw Error(ErrorCode::kInvalidValue,
                std::string(what) + "不超过" + std::to_string(max_chars) + "字", field);
  }
}

// The case, which the actor must be allowed to read the ledger of.
store::CaseRow ledger_case(store::CaseStore& cases, const Actor& actor, int64_t case_id) {
  const auto row = cases.find(case_id);
  if (!row || !case_visible(actor, *row)) {
    throw Error(ErrorCode::kNotFound, "案件不存在或不在您的管辖范围内");
  }
  const bool counsellor =
      (actor.role == domain::Role::kUnit || actor.role == domain::Role::kSchool) &&
      !row->victim_unit_path.empty() && actor.can_see(row->victim_unit_path);
  if (!domain::role_has(actor.role, domain::Capability::kCaseIdentity) && !counsellor) {
    throw Error(ErrorCode::kForbidden,
                "受害人工作台账仅限公安、派出所、平安办及受害人所在单位（学校）查看");
  }
  return *row;
}

LedgerView read_ledger(store::CaseStore& cases, int64_t case_id) {
  return {cases.ledger(case_id).value_or(store::LedgerRow{}), cases.followups(case_id)};
}

// Checks a checklist's JSON: an array of {"item": text, "done": bool}; returns it compact.
std::string checked_checklist(const std::string& text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  const auto bad = [] {
    throw Error(ErrorCode::kInvalidValue, "整改清单应为[{\"item\":\"…\",\"done\":true}]的列表",
                "checklist");
  };
  if (!json.is_array() || json.size() > kMaxChecklistItems) {
    bad();
  }
  for (const auto& entry : json) {
    if (!entry.is_object() || entry.size() != 2 || !entry.contains("item") ||
        !entry["item"].is_string() || !entry.contains("done") || !entry["done"].is_boolean()) {
      bad();
    }
    const auto item = entry["item"].get<std::string>();
    if (trim(item).empty() || utf8_length(item) > kMaxChecklistItemChars) {
      bad();
    }
  }
  return json.dump();
}

}  // namespace

LedgerView CaseService::ledger(const Actor& actor, int64_t case_id) {
  auto lease = ctx_.db.read();
  store::CaseStore cases(*lease);
  ledger_case(cases, actor, case_id);
  return read_ledger(cases, case_id);
}

LedgerView CaseService::save_ledger(const Actor& actor, int64_t case_id,
                                    const store::LedgerRow& in) {
  check_text(in.account, kMaxLedgerChars, "account", "案情简述");
  check_text(in.family, kMaxLedgerChars, "family", "家庭情况");
  check_text(in.plan, kMaxLedgerChars, "plan", "一人一策");
  if (std::find(kMoneySources.begin(), kMoneySources.end(), in.money_source) ==
      kMoneySources.end()) {
    throw Error(ErrorCode::kInvalidValue,
                "资金来源应为 savings、loan、borrowed、company_funds、other 或空", "money_source");
  }
  return ctx_.db.transact([&](store::Connection& c) {
    store::CaseStore cases(c);
    const auto row = ledger_case(cases, actor, case_id);
    cases.save_ledger(case_id, in, ctx_.clock.now_ms());
    record_audit(c, ctx_.clock, actor,
                 {"case.ledger",
                  "fraud_case",
                  std::to_string(case_id),
                  row.org_unit_path,
                  {{"money_source", in.money_source}}});
    return read_ledger(cases, case_id);
  });
}

LedgerView CaseService::add_followup(const Actor& actor, int64_t case_id, const FollowupInput& in) {
  const int64_t now = ctx_.clock.now_ms();
  store::FollowupRow f;
  f.visited_at = in.visited_at.value_or(now);
  f.visitor_name =
      std::string(trim(in.visitor_name.empty() ? actor.display_name : in.visitor_name));
  f.support = in.support;
  f.outcome = in.outcome;
  f.created_by = actor.user_id;
  if (f.visited_at <= 0 || f.visited_at > now) {
    throw Error(ErrorCode::kInvalidValue, "回访时间不能晚于当前时间", "visited_at");
  }
  if (f.visitor_name.empty()) {
    throw Error(ErrorCode::kMissingField, "请填写回访人", "visitor_name");
  }
  check_text(f.visitor_name, kMaxVisitorChars, "visitor_name", "回访人");
  check_text(f.outcome, kMaxLedgerChars, "outcome", "回访情况");
  return ctx_.db.transact([&](store::Connection& c) {
    store::CaseStore cases(c);
    const auto row = ledger_case(cases, actor, case_id);
    const int64_t id = cases.insert_followup(case_id, f, now);
    record_audit(c, ctx_.clock, actor,
                 {"case.followup",
                  "victim_followup",
                  std::to_string(id),
                  row.org_unit_path,
                  {{"case_id", case_id}, {"support", f.support}}});
    return read_ledger(cases, case_id);
  });
}

store::RectificationRow CaseService::update_rectification(const Actor& actor, int64_t case_id,
                                                          const RectificationInput& in) {
  return ctx_.db.transact([&](store::Connection& c) {
    store::CaseStore cases(c);
    const auto row = cases.find(case_id);
    if (!row || !case_visible(actor, *row)) {
      throw Error(ErrorCode::kNotFound, "案件不存在或不在您的管辖范围内");
    }
    auto plan = cases.rectification(case_id);
    if (!plan) {
      throw Error(ErrorCode::kNotFound, "该案件未达到大案标准，没有整改计划");
    }
    store::OrgStore units(c);
    const auto responsible = units.find(plan->responsible_unit_id);
    // Case writers, and the responsible township itself, keep the plan.
    const bool responsible_user =
        actor.role == domain::Role::kTownship && responsible && actor.can_see(responsible->path);
    if (!domain::role_has(actor.role, domain::Capability::kCaseWrite) && !responsible_user) {
      throw Error(ErrorCode::kForbidden, "整改计划由责任单位或公安、平安办维护");
    }
    const store::RectificationRow before = *plan;
    if (in.responsible_unit_id) {
      const auto unit = units.find(*in.responsible_unit_id);
      if (!unit || !actor.can_see(unit->path)) {
        throw Error(ErrorCode::kNotFound, "责任单位不存在或不在您的管辖范围内",
                    "responsible_unit_id");
      }
      plan->responsible_unit_id = unit->id;
    }
    if (in.checklist_json) {
      plan->checklist_json = checked_checklist(*in.checklist_json);
    }
    if (in.plan) {
      check_text(*in.plan, kMaxLedgerChars, "plan", "整改措施");
      plan->plan = *in.plan;
    }
    if (in.due_on) {
      const auto day = domain::parse_date_text(*in.due_on);
      if (!day) {
        throw Error(ErrorCode::kInvalidValue, "整改期限应为 YYYY-MM-DD 格式的日期", "due_on");
      }
      plan->due_day = *day;
    }
    if (in.status) {
      if (*in.status != "open" && *in.status != "in_progress" && *in.status != "done") {
        throw Error(ErrorCode::kInvalidValue, "整改状态应为 open、in_progress 或 done", "status");
      }
      plan->status = *in.status;
    }
    cases.save_rectification(case_id, *plan, ctx_.clock.now_ms());
    record_audit(c, ctx_.clock, actor,
                 {"case.rectification",
                  "fraud_case",
                  std::to_string(case_id),
                  row->org_unit_path,
                  {{"before", {{"status", before.status}, {"due_day", before.due_day}}},
                   {"after", {{"status", plan->status}, {"due_day", plan->due_day}}}}});
    return *cases.rectification(case_id);
  });
}

}  // namespace fanzha::service
