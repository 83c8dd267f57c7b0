#include "domain/app_status.h"

#include <array>

#include "common/clock.h"
#include "common/text.h"

namespace fanzha::domain {

namespace {

struct FactInfo {
  AppFact fact;
  std::string_view key;
  std::string_view label;
};
constexpr std::array kFacts = {FactInfo{AppFact::kInstalled, "installed", "已安装"},
                               FactInfo{AppFact::kRegistered, "registered", "已实名注册"},
                               FactInfo{AppFact::kAlertsOn, "alerts_on", "已开启来电/短信预警"}};
constexpr std::array kAllFacts = {AppFact::kInstalled, AppFact::kRegistered, AppFact::kAlertsOn};

struct MethodInfo {
  AppMethod method;
  std::string_view key;
  std::string_view label;
  bool strong;
};
constexpr std::array kMethods = {
    MethodInfo{AppMethod::kSelfReport, "self_report", "本人自报/截图", false},
    MethodInfo{AppMethod::kInPerson, "in_person", "当面查看手机", true},
    MethodInfo{AppMethod::kWeeklyRoster, "weekly_roster", "每周花名册", false},
    MethodInfo{AppMethod::kPoliceData, "police_data", "公安数据", true},
    MethodInfo{AppMethod::kSpotCheck, "spot_check", "电话抽查核实", true},
};
constexpr std::array kAllMethods = {AppMethod::kSelfReport, AppMethod::kInPerson,
                                    AppMethod::kWeeklyRoster, AppMethod::kPoliceData,
                                    AppMethod::kSpotCheck};

struct PopulationInfo {
  AppPopulation population;
  std::string_view key;
  std::string_view label;
};
constexpr std::array kPopulations = {
    PopulationInfo{AppPopulation::kAge16To60, "age_16_60", "16–60周岁群众"},
    PopulationInfo{AppPopulation::kStaff, "staff", "干部职工"},
    PopulationInfo{AppPopulation::kStudents, "students", "学生"}};
constexpr std::array kAllPopulations = {AppPopulation::kAge16To60, AppPopulation::kStaff,
                                        AppPopulation::kStudents};

}  // namespace

std::span<const AppFact> all_app_facts() { return kAllFacts; }
std::string_view app_fact_key(AppFact f) { return kFacts[static_cast<size_t>(f)].key; }
std::string_view app_fact_label(AppFact f) { return kFacts[static_cast<size_t>(f)].label; }
std::optional<AppFact> parse_app_fact(std::string_view key) {
  for (const auto& f : kFacts) {
    if (key == f.key) {
      return f.fact;
    }
  }
  return std::nullopt;
}

std::span<const AppMethod> all_app_methods() { return kAllMethods; }
std::string_view app_method_key(AppMethod m) { return kMethods[static_cast<size_t>(m)].key; }
std::string_view app_method_label(AppMethod m) { return kMethods[static_cast<size_t>(m)].label; }
bool is_strong_method(AppMethod m) { return kMethods[static_cast<size_t>(m)].strong; }
std::optional<AppMethod> parse_app_method(std::string_view text) {
  text = trim(text);
  for (const auto& m : kMethods) {
    if (text == m.key || text == m.label) {
      return m.method;
    }
  }
  if (text == "自报" || text == "截图") {
    return AppMethod::kSelfReport;
  }
  if (text == "当面" || text == "入户查看" || text == "当面核实") {
    return AppMethod::kInPerson;
  }
  if (text == "花名册") {
    return AppMethod::kWeeklyRoster;
  }
  return std::nullopt;
}

std::span<const AppPopulation> all_app_populations() { return kAllPopulations; }
std::string_view app_population_key(AppPopulation p) {
  return kPopulations[static_cast<size_t>(p)].key;
}
std::string_view app_population_label(AppPopulation p) {
  return kPopulations[static_cast<size_t>(p)].label;
}
std::optional<AppPopulation> parse_app_population(std::string_view key) {
  for (const auto& p : kPopulations) {
    if (key == p.key) {
      return p.population;
    }
  }
  return std::nullopt;
}

AppState app_state_as_of(std::span<const AppObservation> observations, int64_t at, int lapse_days) {
  // The latest observation of each fact up to `at`; on ties the later one in the list.
  std::array<const AppObservation*, kAppFactCount> latest{};
  for (const auto& o : observations) {
    if (o.observed_at > at) {
      continue;
    }
    const AppObservation*& slot = latest[static_cast<size_t>(o.fact)];
    if (!slot || o.observed_at >= slot->observed_at) {
      slot = &o;
    }
  }
  AppState s;
  if (const auto* o = latest[static_cast<size_t>(AppFact::kInstalled)]; o && o->value) {
    s.installed = true;
    s.installed_strong = is_strong_method(o->method);
  }
  if (const auto* o = latest[static_cast<size_t>(AppFact::kRegistered)]; o && o->value) {
    s.registered = true;
    s.registered_strong = is_strong_method(o->method);
  }
  if (const auto* o = latest[static_cast<size_t>(AppFact::kAlertsOn)]; o && o->value) {
    const bool fresh = at - o->observed_at <= static_cast<int64_t>(lapse_days) * kMillisPerDay;
    s.alerts_on = fresh;
    s.alerts_lapsed = !fresh;
    s.alerts_on_strong = fresh && is_strong_method(o->method);
  }
  return s;
}

bool submits_app_roster(OrgKind kind) {
  switch (kind) {
    case OrgKind::kVillage:
    case OrgKind::kCommunity:
    case OrgKind::kDepartment:
    case OrgKind::kBankBranch:
    case OrgKind::kTelecomShop:
    case OrgKind::kEnterprise:
    case OrgKind::kClass:
      return true;
    default:
      return false;
  }
}

std::optional<bool> parse_yes_no(std::string_view text) {
  text = trim(text);
  const std::string lower = to_lower_ascii(text);
  static constexpr std::array<std::string_view, 11> kYes = {
      "是", "已", "1", "y", "yes", "√", "✓", "true", "已安装", "已注册", "已开启"};
  static constexpr std::array<std::string_view, 11> kNo = {
      "否", "未", "0", "n", "no", "×", "✗", "false", "未安装", "未注册", "未开启"};
  for (auto yes : kYes) {
    if (lower == yes) {
      return true;
    }
  }
  for (auto no : kNo) {
    if (lower == no) {
      return false;
    }
  }
  return std::nullopt;
}

}  // namespace fanzha::domain
