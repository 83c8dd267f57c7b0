#include "service/app_service.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "domain/org_path.h"
#include "domain/visit.h"
#include "service/audit_trail.h"
#include "service/people_service.h"
#include "store/org_store.h"

namespace fanzha::service {

using domain::AppFact;
using domain::Capability;

namespace {

constexpr int kPaceWeeks = 4;
constexpr size_t kPromotionCodeLength = 6;
// Without 0/O, 1/I/L: codes are read aloud and typed from paper rosters.
constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

[[noreturn]] void unit_not_found() {
  throw Error(ErrorCode::kNotFound, "组织不存在或不在您的管辖范围内", "unit_id");
}

int64_t promoted_by(const std::unordered_map<int64_t, int64_t>& promotions, int64_t user_id) {
  const auto it = promotions.find(user_id);
  return it == promotions.end() ? 0 : it->second;
}

// The first character of a name, then a mask: how a worker is named to the public.
std::string masked_name(const std::string& name) {
  if (name.empty()) {
    return "";
  }
  size_t first = 1;
  const auto lead = static_cast<unsigned char>(name[0]);
  if (lead >= 0xF0) {
    first = 4;
  } else if (lead >= 0xE0) {
    first = 3;
  } else if (lead >= 0xC0) {
    first = 2;
  }
  return name.substr(0, std::min(first, name.size())) + "*";
}

}  // namespace

int64_t end_of_day(int64_t at) { return domain::county_day_start(at) + kMillisPerDay - 1; }

domain::DateNumber AppService::this_week() const {
  return domain::week_monday(domain::county_day_number(ctx_.clock.now_ms()));
}

domain::OrgUnit AppService::visible_unit(const Actor& actor, std::optional<int64_t> unit_id) {
  auto lease = ctx_.db.read();
  const auto unit = store::OrgStore(*lease).find(unit_id.value_or(actor.unit_id));
  if (!unit || !actor.can_see(unit->path)) {
    unit_not_found();
  }
  return *unit;
}

PersonApp AppService::person(const Actor& actor, int64_t person_id) {
  require(actor, Capability::kAppRead);
  PeopleService(ctx_).get_person(actor, person_id);  // scope check: not_found outside
  PersonApp out;
  out.person_id = person_id;
  auto lease = ctx_.db.read();
  store::AppStore store(*lease);
  const int lapse = load_app_settings(store).alerts_lapse_days;
  out.facts = store.facts_of(person_id);
  std::vector<domain::AppObservation> observations;
  for (const auto& f : out.facts) {
    observations.push_back(f.observation);
  }
  out.status = domain::app_state_as_of(observations, ctx_.clock.now_ms(), lapse);
  return out;
}

PersonApp AppService::record_check(const Actor& actor, int64_t person_id, const AppCheckInput& in) {
  require(actor, Capability::kAppWrite);
  PeopleService(ctx_).get_person(actor, person_id);
  if (!in.installed && !in.registered && !in.alerts_on) {
    throw Error(ErrorCode::kMissingField, "请至少填写一项：是否安装、是否注册、是否开启预警",
                "installed");
  }
  if (in.installed == false && (in.registered == true || in.alerts_on == true)) {
    throw Error(ErrorCode::kInvalidValue, "未安装APP却填写了已注册或已开启预警", "installed");
  }
  if (in.method == domain::AppMethod::kSpotCheck) {
    throw Error(ErrorCode::kInvalidValue, "电话抽查的结果请在抽查任务中登记", "method");
  }
  const int64_t now = ctx_.clock.now_ms();
  const int64_t observed_at = in.observed_at.value_or(now);
  if (observed_at > now) {
    throw Error(ErrorCode::kInvalidValue, "核实时间不能晚于现在", "observed_at");
  }
  ctx_.db.transact([&](store::Connection& c) {
    store::AppStore store(c);
    std::optional<int64_t> promoter;
    if (!in.promotion_code.empty()) {
      promoter = store.user_of_code(in.promotion_code);
      if (!promoter) {
        throw Error(ErrorCode::kInvalidValue, "推广码不存在", "promotion_code");
      }
    }
    store::AppFactRow row;
    row.person_id = person_id;
    row.recorded_by = actor.user_id;
    row.recorder_name = actor.display_name.empty() ? actor.username : actor.display_name;
    row.created_at = now;
    row.observation.observed_at = observed_at;
    row.observation.method = in.method;
    nlohmann::json recorded = nlohmann::json::object();
    auto put = [&](AppFact fact, std::optional<bool> value) {
      if (!value) {
        return;
      }
      row.observation.fact = fact;
      row.observation.value = *value;
      row.promoter_user_id = fact == AppFact::kRegistered && *value ? promoter : std::nullopt;
      store.insert_fact(row);
      recorded[std::string(domain::app_fact_key(fact))] = *value;
    };
    put(AppFact::kInstalled, in.installed);
    put(AppFact::kRegistered, in.registered);
    put(AppFact::kAlertsOn, in.alerts_on);
    store.bump_version();
    const auto paths = store::PeopleStore(c).person_unit_paths(person_id);
    record_audit(c, ctx_.clock, actor,
                 {"app.check",
                  "person",
                  std::to_string(person_id),
                  paths.front(),
                  {{"facts", recorded},
                   {"method", domain::app_method_key(in.method)},
                   {"observed_at", observed_at},
                   {"promoter_user_id", promoter ? nlohmann::json(*promoter) : nlohmann::json()}}});
  });
  return person(actor, person_id);
}

AppSettings AppService::settings(const Actor& actor) {
  require(actor, Capability::kAppRead);
  auto lease = ctx_.db.read();
  store::AppStore store(*lease);
  return load_app_settings(store);
}

AppSettings AppService::update_settings(const Actor& actor, const AppSettingsChanges& ch) {
  require(actor, Capability::kAppManage);
  if (!actor.sees_whole_tree()) {
    throw Error(ErrorCode::kForbidden, "只有县级管理员可以修改全县设置");
  }
  return ctx_.db.transact([&](store::Connection& c) {
    store::AppStore store(c);
    const AppSettings before = load_app_settings(store);
    AppSettings after = before;
    after.alerts_lapse_days = ch.alerts_lapse_days.value_or(before.alerts_lapse_days);
    after.deadline.weekday = ch.roster_deadline_weekday.value_or(before.deadline.weekday);
    after.deadline.hour = ch.roster_deadline_hour.value_or(before.deadline.hour);
    save_app_settings(store, after);
    auto json_of = [](const AppSettings& s) {
      return nlohmann::json{{"alerts_lapse_days", s.alerts_lapse_days},
                            {"roster_deadline_weekday", s.deadline.weekday},
                            {"roster_deadline_hour", s.deadline.hour}};
    };
    record_audit(c, ctx_.clock, actor,
                 {"app.settings",
                  "setting",
                  "app",
                  actor.scope_path,
                  {{"before", json_of(before)}, {"after", json_of(after)}}});
    return after;
  });
}

AppFigures AppService::figures(const Actor& actor, std::optional<int64_t> unit_id,
                               std::optional<int64_t> at) {
  require(actor, Capability::kAppRead);
  AppFigures out;
  out.unit = visible_unit(actor, unit_id);
  out.at = at.value_or(end_of_day(ctx_.clock.now_ms()));
  out.counts = index_.snapshot(out.at)->within(out.unit.path);
  return out;
}

std::vector<TargetView> AppService::targets(const Actor& actor, std::optional<int64_t> unit_id) {
  require(actor, Capability::kAppRead);
  const domain::OrgUnit unit = visible_unit(actor, unit_id);
  std::vector<store::TargetRow> rows;
  std::map<int64_t, domain::OrgUnit> units;
  {
    auto lease = ctx_.db.read();
    rows = store::AppStore(*lease).targets_for(unit.path);
    store::OrgStore org(*lease);
    for (const auto& t : rows) {
      if (!units.count(t.org_unit_id)) {
        units.emplace(t.org_unit_id, *org.find(t.org_unit_id));
      }
    }
  }
  const int64_t now = ctx_.clock.now_ms();
  const auto today = index_.snapshot(end_of_day(now));
  const auto earlier = index_.snapshot(end_of_day(now - kPaceWeeks * 7 * kMillisPerDay));
  const domain::DateNumber today_number = domain::county_day_number(now);
  std::vector<TargetView> out;
  for (auto& t : rows) {
    // A target of the unit or above it is measured over the unit; one of a unit inside
    // it over that unit.
    const domain::OrgUnit& target_unit = units.at(t.org_unit_id);
    const domain::OrgUnit& over =
        domain::path_is_within(unit.path, target_unit.path) ? unit : target_unit;
    const auto population = static_cast<size_t>(t.population);
    const AppCounts now_counts = today->within(over.path)[population];
    const AppCounts then_counts = earlier->within(over.path)[population];
    const double pace =
        domain::weekly_pace(then_counts.of(t.fact), now_counts.of(t.fact), kPaceWeeks);
    TargetView view{std::move(t), over, {}};
    view.progress =
        domain::target_progress(now_counts.population, now_counts.of(view.target.fact),
                                view.target.rate_permille, view.target.due_on, today_number, pace);
    out.push_back(std::move(view));
  }
  return out;
}

TargetView AppService::create_target(const Actor& actor, const TargetInput& in) {
  require(actor, Capability::kAppManage);
  const domain::OrgUnit unit = visible_unit(actor, in.org_unit_id);
  if (in.rate_permille <= 0 || in.rate_permille > 1000) {
    throw Error(ErrorCode::kInvalidValue, "目标比例应大于 0 且不超过 100%", "rate");
  }
  if (!domain::is_valid_date(in.due_on)) {
    throw Error(ErrorCode::kInvalidValue, "请填写目标完成日期", "due_on");
  }
  if (in.note.size() > 200) {
    throw Error(ErrorCode::kInvalidValue, "备注不能超过 200 字节", "note");
  }
  const int64_t id = ctx_.db.transact([&](store::Connection& c) {
    store::TargetRow row;
    row.org_unit_id = unit.id;
    row.population = in.population;
    row.fact = in.fact;
    row.rate_permille = in.rate_permille;
    row.due_on = in.due_on;
    row.note = in.note;
    row.created_at = ctx_.clock.now_ms();
    const int64_t id = store::AppStore(c).insert_target(row);
    record_audit(c, ctx_.clock, actor,
                 {"app.target.create",
                  "app_target",
                  std::to_string(id),
                  unit.path,
                  {{"population", domain::app_population_key(in.population)},
                   {"fact", domain::app_fact_key(in.fact)},
                   {"rate_permille", in.rate_permille},
                   {"due_on", in.due_on}}});
    return id;
  });
  for (auto& view : targets(actor, unit.id)) {
    if (view.target.id == id) {
      return view;
    }
  }
  throw Error(ErrorCode::kInternal, "target vanished after insert");
}

void AppService::delete_target(const Actor& actor, int64_t id) {
  require(actor, Capability::kAppManage);
  ctx_.db.transact([&](store::Connection& c) {
    store::AppStore store(c);
    const auto target = store.find_target(id);
    const auto unit = target ? store::OrgStore(c).find(target->org_unit_id) : std::nullopt;
    if (!target || !unit || !actor.can_see(unit->path)) {
      throw Error(ErrorCode::kNotFound, "目标不存在或不在您的管辖范围内");
    }
    store.delete_target(id);
    record_audit(c, ctx_.clock, actor,
                 {"app.target.delete",
                  "app_target",
                  std::to_string(id),
                  unit->path,
                  {{"population", domain::app_population_key(target->population)},
                   {"fact", domain::app_fact_key(target->fact)},
                   {"rate_permille", target->rate_permille},
                   {"due_on", target->due_on}}});
  });
}

WeekSubmissions AppService::submissions(const Actor& actor, std::optional<int64_t> unit_id,
                                        std::optional<domain::DateNumber> week) {
  require(actor, Capability::kAppRead);
  const domain::OrgUnit unit = visible_unit(actor, unit_id);
  WeekSubmissions out;
  out.week = week ? domain::week_monday(*week) : this_week();
  auto lease = ctx_.db.read();
  store::AppStore store(*lease);
  out.deadline = domain::roster_deadline_ms(out.week, load_app_settings(store).deadline);
  out.submissions = store.submissions_of_week(unit.path, out.week);
  return out;
}

std::vector<store::SubmissionRow> AppService::history(const Actor& actor, int64_t unit_id,
                                                      int limit) {
  require(actor, Capability::kAppRead);
  const domain::OrgUnit unit = visible_unit(actor, unit_id);
  auto lease = ctx_.db.read();
  return store::AppStore(*lease).submissions_of_unit(unit.id, std::clamp(limit, 1, 200));
}

SubmissionStatus submission_status_of(store::Connection& c, const domain::OrgUnit& unit,
                                      domain::DateNumber week, const AppSettings& settings) {
  SubmissionStatus out;
  out.week = week;
  out.deadline = domain::roster_deadline_ms(week, settings.deadline);
  store::OrgStore org(c);
  // The first submission of the week of each unit.
  std::unordered_map<int64_t, const store::SubmissionRow*> first;
  const auto submissions = store::AppStore(c).submissions_of_week(unit.path, week);
  for (const auto& s : submissions) {
    auto [it, inserted] = first.emplace(s.org_unit_id, &s);
    if (!inserted && s.submitted_at < it->second->submitted_at) {
      it->second = &s;
    }
  }
  std::vector<domain::OrgUnit> expected;
  if (domain::submits_app_roster(unit.kind)) {
    expected.push_back(unit);
    out.groups.push_back({unit, 0, 0, {}, {}});
  }
  for (auto& u : org.subtree(unit.path, std::nullopt, 10'000'000, 0).units) {
    if (u.active && domain::submits_app_roster(u.kind)) {
      expected.push_back(std::move(u));
    }
  }
  if (out.groups.empty()) {
    for (auto& child : org.children(unit.id, /*include_inactive=*/false)) {
      out.groups.push_back({std::move(child), 0, 0, {}, {}});
    }
  }
  for (const auto& e : expected) {
    auto group = std::find_if(out.groups.begin(), out.groups.end(), [&](const SubmissionGroup& g) {
      return domain::path_is_within(e.path, g.unit.path);
    });
    if (group == out.groups.end()) {
      continue;
    }
    ++group->expected;
    const auto found = first.find(e.id);
    if (found == first.end()) {
      group->missing.push_back(e);
    } else if (found->second->late) {
      group->late.emplace_back(e, found->second->submitted_at);
    } else {
      ++group->on_time;
    }
  }
  std::erase_if(out.groups, [](const SubmissionGroup& g) { return g.expected == 0; });
  return out;
}

SubmissionStatus AppService::submission_status(const Actor& actor, std::optional<int64_t> unit_id,
                                               std::optional<domain::DateNumber> week) {
  require(actor, Capability::kAppRead);
  const domain::OrgUnit unit = visible_unit(actor, unit_id);
  auto lease = ctx_.db.read();
  store::AppStore store(*lease);
  return submission_status_of(*lease, unit, week ? domain::week_monday(*week) : this_week(),
                              load_app_settings(store));
}

MyPromotion AppService::my_promotion(const Actor& actor) {
  if (actor.is_system()) {
    throw Error(ErrorCode::kForbidden, "系统账号没有推广码");
  }
  MyPromotion out;
  {
    auto lease = ctx_.db.read();
    out.code = store::AppStore(*lease).code_of_user(*actor.user_id).value_or("");
  }
  if (out.code.empty()) {
    out.code = ctx_.db.transact([&](store::Connection& c) {
      store::AppStore store(c);
      if (auto existing = store.code_of_user(*actor.user_id)) {
        return *existing;
      }
      std::string code;
      do {
        code.clear();
        for (size_t i = 0; i < kPromotionCodeLength; ++i) {
          code.push_back(kCodeAlphabet[ctx_.random.uniform(kCodeAlphabet.size())]);
        }
      } while (store.user_of_code(code));
      store.insert_code(code, *actor.user_id);
      record_audit(c, ctx_.clock, actor,
                   {"app.promotion_code",
                    "user",
                    std::to_string(*actor.user_id),
                    actor.scope_path,
                    {{"code", code}}});
      return code;
    });
  }
  const int64_t now = ctx_.clock.now_ms();
  const int64_t week_start = domain::day_start_ms(this_week());
  out.registered = promoted_by(index_.promotions(0, now), *actor.user_id);
  out.registered_this_week = promoted_by(index_.promotions(week_start - 1, now), *actor.user_id);
  return out;
}

PublicPromotion AppService::public_promotion(const std::string& code) {
  auto lease = ctx_.db.read();
  store::AppStore store(*lease);
  const auto user = store.user_of_code(code);
  const auto promoter = user ? store.promoter(*user) : std::nullopt;
  if (!promoter) {
    throw Error(ErrorCode::kNotFound, "推广码不存在");
  }
  return {code, masked_name(promoter->name), promoter->unit_name};
}

PromotionCounts AppService::promotions(const Actor& actor, std::optional<int64_t> unit_id,
                                       int64_t from, int64_t to) {
  require(actor, Capability::kAppRead);
  const domain::OrgUnit unit = visible_unit(actor, unit_id);
  const auto promoted = index_.promotions(from, to);
  std::vector<int64_t> ids;
  for (const auto& [user, count] : promoted) {
    ids.push_back(user);
  }
  PromotionCounts out;
  auto lease = ctx_.db.read();
  std::vector<domain::OrgUnit> children = store::OrgStore(*lease).children(unit.id, false);
  std::vector<int64_t> per_child(children.size(), 0);
  for (auto& p : store::AppStore(*lease).promoters(ids)) {
    if (!domain::path_is_within(p.unit_path, unit.path)) {
      continue;
    }
    const int64_t count = promoted.at(p.user_id);
    for (size_t i = 0; i < children.size(); ++i) {
      if (domain::path_is_within(p.unit_path, children[i].path)) {
        per_child[i] += count;
      }
    }
    out.workers.emplace_back(std::move(p), count);
  }
  std::sort(out.workers.begin(), out.workers.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first.user_id < b.first.user_id;
  });
  for (size_t i = 0; i < children.size(); ++i) {
    if (per_child[i] > 0) {
      out.units.emplace_back(std::move(children[i]), per_child[i]);
    }
  }
  std::sort(out.units.begin(), out.units.end(),
            [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

}  // namespace fanzha::service
