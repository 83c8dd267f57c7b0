#include "service/app_ranking.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <unordered_map>

#include "domain/org_path.h"
#include "domain/visit.h"
#include "service/app_service.h"
#include "service/app_settings.h"
#include "service/audit_trail.h"
#include "store/app_store.h"
#include "store/org_store.h"
#include "tabular/xlsx_writer.h"

namespace fanzha::service {

using domain::AppPopulation;

namespace {

domain::RateCounts rate_counts(const AppCounts& c) {
  return {c.population, {c.installed, c.registered, c.alerts_on}};
}

// Bottom-three flags of the children in one population, parallel to `counts`.
std::vector<bool> bottom_flags(const std::vector<PopulationCounts>& counts, size_t population) {
  std::vector<domain::RateCounts> rates;
  for (const auto& c : counts) {
    rates.push_back(rate_counts(c[population]));
  }
  std::vector<bool> out;
  for (const auto& rank : domain::rank_by_rates(rates)) {
    out.push_back(rank.bottom);
  }
  return out;
}

std::string percent(int64_t part, int64_t whole) {
  if (whole <= 0) {
    return "";
  }
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", 100.0 * static_cast<double>(part) / whole);
  return text;
}

std::string change_points(const AppCounts& now, const std::optional<AppCounts>& before) {
  if (!before || before->population <= 0 || now.population <= 0) {
    return "";
  }
  const double change = 100.0 * (static_cast<double>(now.installed) / now.population -
                                 static_cast<double>(before->installed) / before->population);
  char text[24];
  std::snprintf(text, sizeof text, "%+.1f", change);
  return text;
}

}  // namespace

Ranking AppRankingService::ranking(const Actor& actor, std::optional<int64_t> unit_id,
                                   std::optional<domain::DateNumber> week) {
  require(actor, domain::Capability::kAppRead);
  Ranking out;
  std::vector<domain::OrgUnit> children;
  std::vector<std::pair<std::string, domain::Honesty>> honesty;
  SubmissionStatus submissions;
  {
    auto lease = ctx_.db.read();
    store::OrgStore org(*lease);
    const auto unit = org.find(unit_id.value_or(actor.unit_id));
    if (!unit || !actor.can_see(unit->path)) {
      throw Error(ErrorCode::kNotFound, "组织不存在或不在您的管辖范围内", "unit_id");
    }
    out.unit = *unit;
    out.week = domain::week_monday(week.value_or(domain::county_day_number(ctx_.clock.now_ms())));
    out.as_of = domain::week_end_ms(out.week);
    children = org.children(unit->id, /*include_inactive=*/false);
    store::AppStore store(*lease);
    const AppSettings settings = load_app_settings(store);
    honesty = store.honesty_by_stratum(unit->path, out.as_of);
    submissions = submission_status_of(*lease, *unit, out.week, settings);
    out.deadline = submissions.deadline;
  }
  std::vector<int64_t> child_ids;
  for (const auto& c : children) {
    child_ids.push_back(c.id);
  }
  const auto now = index_.snapshot(out.as_of);
  const auto counts = now->per_child(out.unit.path, child_ids);
  const PopulationCounts total = now->within(out.unit.path);
  const auto before = index_.snapshot(domain::week_end_ms(domain::add_days(out.week, -7)))
                          ->per_child(out.unit.path, child_ids);

  // Per-child figures that do not depend on the population.
  std::vector<std::optional<domain::Honesty>> child_honesty(children.size());
  std::vector<int64_t> late(children.size(), 0);
  std::vector<int64_t> missing(children.size(), 0);
  std::vector<int64_t> promoted(children.size(), 0);
  auto child_of = [&](std::string_view path) -> std::optional<size_t> {
    for (size_t i = 0; i < children.size(); ++i) {
      if (domain::path_is_within(path, children[i].path)) {
        return i;
      }
    }
    return std::nullopt;
  };
  for (const auto& [path, h] : honesty) {
    if (const auto i = child_of(path)) {
      if (!child_honesty[*i]) {
        child_honesty[*i] = domain::Honesty{};
      }
      *child_honesty[*i] += h;
    }
  }
  for (const auto& group : submissions.groups) {
    if (const auto i = child_of(group.unit.path)) {
      late[*i] += static_cast<int64_t>(group.late.size());
      missing[*i] += static_cast<int64_t>(group.missing.size());
    }
  }
  {
    const auto promotions = index_.promotions(domain::day_start_ms(out.week) - 1, out.as_of);
    std::vector<int64_t> ids;
    for (const auto& [user, n] : promotions) {
      ids.push_back(user);
    }
    auto lease = ctx_.db.read();
    for (const auto& p : store::AppStore(*lease).promoters(ids)) {
      if (const auto i = child_of(p.unit_path)) {
        promoted[*i] += promotions.at(p.user_id);
      }
    }
  }

  for (auto population : domain::all_app_populations()) {
    const auto p = static_cast<size_t>(population);
    if (total[p].population == 0) {
      continue;
    }
    RankingTable table;
    table.population = population;
    table.total = total[p];
    std::vector<size_t> members;  // children with people in this population
    std::vector<domain::RateCounts> rates;
    for (size_t i = 0; i < children.size(); ++i) {
      if (counts[i][p].population > 0) {
        members.push_back(i);
        rates.push_back(rate_counts(counts[i][p]));
      }
    }
    const auto ranks = domain::rank_by_rates(rates);
    for (size_t m = 0; m < members.size(); ++m) {
      const size_t i = members[m];
      RankingRow row;
      row.unit = children[i];
      row.counts = counts[i][p];
      if (before[i][p].population > 0) {
        row.previous = before[i][p];
      }
      row.rank = ranks[m];
      row.bottom_weeks = ranks[m].bottom ? 1 : 0;
      row.honesty = child_honesty[i];
      row.late = late[i];
      row.missing = missing[i];
      row.promoted = promoted[i];
      table.rows.push_back(std::move(row));
    }
    // Weeks in a row at the bottom: look back while any streak is still running.
    for (int k = 1; k < kBottomWeeksLookBack; ++k) {
      const bool running = std::any_of(table.rows.begin(), table.rows.end(),
                                       [&](const RankingRow& r) { return r.bottom_weeks == k; });
      if (!running) {
        break;
      }
      const auto earlier = index_.snapshot(domain::week_end_ms(domain::add_days(out.week, -7 * k)))
                               ->per_child(out.unit.path, child_ids);
      const auto flags = bottom_flags(earlier, p);
      for (size_t m = 0; m < members.size(); ++m) {
        auto& row = table.rows[m];
        if (row.bottom_weeks == k && flags[members[m]]) {
          ++row.bottom_weeks;
        }
      }
    }
    std::stable_sort(table.rows.begin(), table.rows.end(),
                     [](const RankingRow& a, const RankingRow& b) {
                       return a.rank.rank.value_or(INT32_MAX) < b.rank.rank.value_or(INT32_MAX);
                     });
    out.tables.push_back(std::move(table));
  }
  return out;
}

std::vector<TrendWeek> AppRankingService::trend(const Actor& actor, std::optional<int64_t> unit_id,
                                                int weeks) {
  require(actor, domain::Capability::kAppRead);
  std::string path;
  {
    auto lease = ctx_.db.read();
    const auto unit = store::OrgStore(*lease).find(unit_id.value_or(actor.unit_id));
    if (!unit || !actor.can_see(unit->path)) {
      throw Error(ErrorCode::kNotFound, "组织不存在或不在您的管辖范围内", "unit_id");
    }
    path = unit->path;
  }
  weeks = std::clamp(weeks, 1, kMaxTrendWeeks);
  const domain::DateNumber this_week =
      domain::week_monday(domain::county_day_number(ctx_.clock.now_ms()));
  std::vector<TrendWeek> out;
  for (int k = weeks - 1; k >= 0; --k) {
    const domain::DateNumber week = domain::add_days(this_week, -7 * k);
    out.push_back({week, index_.snapshot(domain::week_end_ms(week))->within(path)});
  }
  return out;
}

ExportFile AppRankingService::export_ranking(const Actor& actor, std::optional<int64_t> unit_id,
                                             std::optional<domain::DateNumber> week) {
  const Ranking r = ranking(actor, unit_id, week);
  std::filesystem::create_directories(ctx_.files_dir + "/exports");
  ExportFile file{ctx_.files_dir + "/exports/app-ranking-" + ctx_.random.hex_token(8) + ".xlsx", 0};
  tabular::XlsxWriter xlsx(
      file.path, "周排名",
      {"人群", "排名", "单位", "人数", "已安装", "安装率", "较上周(百分点)", "已注册", "注册率",
       "已开预警", "预警开启率", "倒数三名", "连续倒数周数", "抽查数", "抽查属实率", "不实条数",
       "迟报", "未报", "推广注册"});
  for (const auto& table : r.tables) {
    const std::string population(domain::app_population_label(table.population));
    for (const auto& row : table.rows) {
      const auto& c = row.counts;
      xlsx.add_row({population, row.rank.rank ? std::to_string(*row.rank.rank) : "", row.unit.name,
                    std::to_string(c.population), std::to_string(c.installed),
                    percent(c.installed, c.population), change_points(c, row.previous),
                    std::to_string(c.registered), percent(c.registered, c.population),
                    std::to_string(c.alerts_on), percent(c.alerts_on, c.population),
                    row.rank.bottom ? "是" : "",
                    row.bottom_weeks > 0 ? std::to_string(row.bottom_weeks) : "",
                    row.honesty ? std::to_string(row.honesty->checked) : "",
                    row.honesty ? percent(row.honesty->confirmed, row.honesty->checked) : "",
                    row.honesty ? std::to_string(row.honesty->found_false) : "",
                    std::to_string(row.late), std::to_string(row.missing),
                    std::to_string(row.promoted)});
      ++file.rows;
    }
    const auto& t = table.total;
    xlsx.add_row({population, "", "合计：" + r.unit.name, std::to_string(t.population),
                  std::to_string(t.installed), percent(t.installed, t.population), "",
                  std::to_string(t.registered), percent(t.registered, t.population),
                  std::to_string(t.alerts_on), percent(t.alerts_on, t.population)});
  }
  xlsx.close();
  ctx_.db.transact([&](store::Connection& c) {
    record_audit(c, ctx_.clock, actor,
                 {"app.ranking.export",
                  "org_unit",
                  std::to_string(r.unit.id),
                  r.unit.path,
                  {{"week", r.week}, {"rows", file.rows}}});
  });
  return file;
}

}  // namespace fanzha::service
