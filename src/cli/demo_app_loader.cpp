#include "cli/demo_app_loader.h"

#include "common/clock.h"
#include "domain/visit.h"
#include "store/user_store.h"

namespace fanzha::cli {

using domain::AppPopulation;

namespace {

constexpr int64_t kMillisPerWeek = 7 * kMillisPerDay;
constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

// The next date with this month and day that is after today.
domain::DateNumber next(domain::DateNumber today, int month_day) {
  const int year = today / 10000;
  const domain::DateNumber this_year = year * 10000 + month_day;
  return this_year > today ? this_year : this_year + 10000;
}

}  // namespace

DemoAppLoader::DemoAppLoader(store::Connection& connection, const demo::DemoCounty& county,
                             uint64_t seed, int64_t now)
    : c_(connection), apps_(connection), org_(connection), generator_(seed), now_(now) {
  const domain::DateNumber today = domain::county_day_number(now);
  this_monday_ = domain::day_start_ms(domain::week_monday(today));
  // Promotion codes for the demo accounts; villages with an account credit it.
  SeededRandom random(seed ^ 0xC0DEULL);
  store::UserStore users(connection);
  for (const auto& account : county.accounts) {
    const auto credentials = users.find_credentials(account.username);
    if (!credentials) {
      continue;
    }
    std::string code;
    do {
      code.clear();
      for (int i = 0; i < 6; ++i) {
        code.push_back(kCodeAlphabet[random.uniform(kCodeAlphabet.size())]);
      }
    } while (apps_.user_of_code(code));
    apps_.insert_code(code, credentials->user.id);
    if (account.role == domain::Role::kVillage) {
      promoter_of_village_.emplace(credentials->user.org_unit_id, credentials->user.id);
    }
  }
  // The county's targets, as a county plan sets them.
  const auto root = org_.find_by_code(county.units.front().code);
  auto target = [&](AppPopulation population, int permille, domain::DateNumber due,
                    const char* note, domain::AppFact fact = domain::AppFact::kInstalled) {
    store::TargetRow t;
    t.org_unit_id = root->id;
    t.population = population;
    t.fact = fact;
    t.rate_permille = permille;
    t.due_on = due;
    t.note = note;
    t.created_at = now;
    apps_.insert_target(t);
  };
  target(AppPopulation::kAge16To60, 400, next(today, 331), "16–60周岁群众安装率一季度末达40%");
  target(AppPopulation::kAge16To60, 800, next(today, 630), "16–60周岁群众安装率年中达80%");
  target(AppPopulation::kStaff, 1000, next(today, 331), "干部职工100%安装");
  // Students' "three 100%": installed, registered, alerts on.
  for (auto fact : domain::all_app_facts()) {
    target(AppPopulation::kStudents, 1000, next(today, 630), "学生“三个100%”", fact);
  }
}

DemoAppLoader::Unit& DemoAppLoader::unit(const std::string& code, int64_t id) {
  auto [it, inserted] = units_.try_emplace(code);
  Unit& u = it->second;
  if (!inserted) {
    return u;
  }
  u.id = id;
  for (auto p : domain::all_app_populations()) {
    u.level[static_cast<size_t>(p)] = generator_.level_of(code, p);
  }
  for (int w = 0; w < demo::kDemoAppWeeks; ++w) {
    const int64_t monday = this_monday_ - w * kMillisPerWeek;
    const auto kind = generator_.submission(code, w);
    int64_t at = 0;
    if (kind == demo::DemoSubmission::kOnTime) {
      at = monday + 9 * kMillisPerHour + static_cast<int64_t>(code.size() % 60) * kMillisPerMinute;
    } else if (kind == demo::DemoSubmission::kLate) {
      at = monday + kMillisPerDay + 15 * kMillisPerHour;
    }
    if (at > now_) {
      at = 0;  // not handed in yet
    }
    u.submission_at.push_back(at);
    u.roster_weeks.push_back(at != 0);
    int64_t submission = 0;
    if (at != 0) {
      store::SubmissionRow s;
      s.org_unit_id = id;
      s.week = domain::county_day_number(monday);
      s.submitted_at = at;
      s.late = kind == demo::DemoSubmission::kLate;
      s.username = "demo";
      submission = apps_.insert_submission(s);
      s.id = submission;
      submissions_.emplace(submission, s);
    }
    u.submission_ids.push_back(submission);
  }
  return u;
}

void DemoAppLoader::person(int64_t person_id, const demo::DemoPerson& p,
                           const domain::OrgUnit& village) {
  const domain::DateNumber today = domain::county_day_number(now_);
  const bool linked =
      p.link_role == domain::LinkRole::kStaff || p.link_role == domain::LinkRole::kStudent;
  Unit* roster = nullptr;
  double level = 0;
  if (linked) {
    auto id = link_ids_.find(p.link_unit_code);
    if (id == link_ids_.end()) {
      id = link_ids_.emplace(p.link_unit_code, org_.find_by_code(p.link_unit_code)->id).first;
    }
    roster = &unit(p.link_unit_code, id->second);
    level = roster->level[static_cast<size_t>(p.link_role == domain::LinkRole::kStaff
                                                  ? AppPopulation::kStaff
                                                  : AppPopulation::kStudents)];
  } else {
    roster = &unit(village.code, village.id);
    level = roster->level[static_cast<size_t>(AppPopulation::kAge16To60)];
    if (!domain::in_key_age_group(p.birth_date, today)) {
      level *= 0.3;  // children and the elderly are not the campaign's key group
    }
  }
  const auto promoter = promoter_of_village_.find(village.id);
  for (const auto& f : generator_.history(level, roster->roster_weeks)) {
    store::AppFactRow row;
    row.person_id = person_id;
    row.observation.fact = f.fact;
    row.observation.value = f.value;
    row.observation.method = f.method;
    row.recorder_name = "演示数据";
    row.created_at = now_;
    const int64_t monday = this_monday_ - f.weeks_ago * kMillisPerWeek;
    if (f.method == domain::AppMethod::kWeeklyRoster) {
      const auto w = static_cast<size_t>(f.weeks_ago);
      row.observation.observed_at = roster->submission_at[w];
      row.submission_id = roster->submission_ids[w];
      auto& s = submissions_.at(*row.submission_id);
      if (f.fact == domain::AppFact::kInstalled) {
        ++s.rows;
        s.installed += f.value;
        s.newly_installed += f.value;
        s.dropped += !f.value;
      } else if (f.fact == domain::AppFact::kRegistered) {
        s.registered += f.value;
        s.newly_registered += f.value;
      } else {
        s.alerts_on += f.value;
      }
    } else {
      // Some day of that week, in office hours, never after now.
      const int64_t day = static_cast<int64_t>(person_id % 5) * kMillisPerDay;
      row.observation.observed_at = std::min(now_, monday + day + 10 * kMillisPerHour);
    }
    if (f.method == domain::AppMethod::kInPerson && f.fact == domain::AppFact::kRegistered &&
        promoter != promoter_of_village_.end()) {
      row.promoter_user_id = promoter->second;
    }
    apps_.insert_fact(row);
  }
}

void DemoAppLoader::finish() {
  for (const auto& [id, s] : submissions_) {
    apps_.update_submission_counts(s);
  }
  apps_.bump_version();
}

}  // namespace fanzha::cli
