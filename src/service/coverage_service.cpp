#include "service/coverage_service.h"

#include <cstdio>
#include <filesystem>

#include "domain/org_path.h"
#include "service/audit_trail.h"
#include "service/visit_service.h"
#include "store/org_store.h"
#include "tabular/xlsx_writer.h"

namespace fanzha::service {

using domain::CoverageCounts;

namespace {

std::string percent(int64_t part, int64_t whole) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", 100.0 * domain::coverage_rate(part, whole));
  return text;
}

// Kinds whose units can hold households, directly or below them.
bool holds_households(domain::OrgKind kind) {
  using K = domain::OrgKind;
  return kind == K::kCounty || kind == K::kTownship || kind == K::kStreet ||
         is_residential_kind(kind);
}

}  // namespace

CoverageReport CoverageService::coverage(const Actor& actor, int64_t campaign_id,
                                         std::optional<int64_t> unit_id) {
  require(actor, domain::Capability::kVisitRead);
  CoverageReport report;
  report.campaign = VisitService(ctx_).get_campaign(actor, campaign_id);
  auto lease = ctx_.db.read();
  store::OrgStore units(*lease);
  const auto unit = units.find(unit_id.value_or(actor.unit_id));
  if (!unit || !actor.can_see(unit->path)) {
    throw Error(ErrorCode::kNotFound, "组织不存在或不在您的管辖范围内", "unit_id");
  }
  report.unit = *unit;
  store::VisitStore visits(*lease);
  std::vector<domain::OrgUnit> children;
  std::vector<std::string> child_paths;
  for (auto& child : units.children(unit->id, /*include_inactive=*/false)) {
    if (holds_households(child.kind)) {
      child_paths.push_back(child.path);
      children.push_back(std::move(child));
    }
  }
  auto counts = visits.coverage_of_children(campaign_id, unit->path, child_paths);
  report.total = visits.coverage_within(campaign_id, unit->path);
  CoverageCounts below;
  for (const auto& c : counts) {
    below += c;
  }
  const CoverageCounts direct{
      report.total.households - below.households, report.total.visited - below.visited,
      report.total.face_to_face - below.face_to_face, report.total.letters - below.letters};
  if (direct.households > 0 || direct.visited > 0) {
    report.direct = direct;
  }
  // Grids, groups and buildings without households are not part of the table (a village
  // may keep its households under groups and not under grids); an empty township or
  // village stays, at 0%, so that nobody is missed.
  std::vector<domain::OrgUnit> kept;
  std::vector<CoverageCounts> kept_counts;
  for (size_t i = 0; i < children.size(); ++i) {
    const auto kind = children[i].kind;
    const bool leaf_kind = kind == domain::OrgKind::kGrid ||
                           kind == domain::OrgKind::kVillageGroup ||
                           kind == domain::OrgKind::kBuilding;
    if (leaf_kind && counts[i].households == 0) {
      continue;
    }
    kept.push_back(std::move(children[i]));
    kept_counts.push_back(counts[i]);
  }
  const auto ranks = domain::rank_by_coverage(kept_counts);
  for (size_t i = 0; i < kept.size(); ++i) {
    report.children.push_back({std::move(kept[i]), kept_counts[i], ranks[i]});
  }
  return report;
}

std::vector<TimelineDay> CoverageService::timeline(const Actor& actor, int64_t campaign_id,
                                                   std::optional<int64_t> unit_id) {
  require(actor, domain::Capability::kVisitRead);
  VisitService(ctx_).get_campaign(actor, campaign_id);
  auto lease = ctx_.db.read();
  const auto unit = store::OrgStore(*lease).find(unit_id.value_or(actor.unit_id));
  if (!unit || !actor.can_see(unit->path)) {
    throw Error(ErrorCode::kNotFound, "组织不存在或不在您的管辖范围内", "unit_id");
  }
  std::vector<TimelineDay> out;
  CoverageCounts running;
  for (const auto& point : store::VisitStore(*lease).timeline(campaign_id, unit->path)) {
    running += point.reached;
    out.push_back({point.day, running});
  }
  return out;
}

ExportFile CoverageService::export_progress(const Actor& actor, int64_t campaign_id,
                                            std::optional<int64_t> unit_id) {
  const CoverageReport report = coverage(actor, campaign_id, unit_id);
  std::filesystem::create_directories(ctx_.files_dir + "/exports");
  ExportFile file{ctx_.files_dir + "/exports/progress-" + ctx_.random.hex_token(8) + ".xlsx", 0};
  tabular::XlsxWriter xlsx(file.path, "工作进度表",
                           {"排名", "单位", "户数", "已走访户", "入户率", "当面宣传户", "当面率",
                            "已签承诺书户", "承诺书签订率", "未走访户", "倒数三名"});
  auto add = [&](const std::string& rank, const std::string& name, const CoverageCounts& c,
                 bool bottom) {
    xlsx.add_row({rank, name, std::to_string(c.households), std::to_string(c.visited),
                  percent(c.visited, c.households), std::to_string(c.face_to_face),
                  percent(c.face_to_face, c.households), std::to_string(c.letters),
                  percent(c.letters, c.households), std::to_string(c.households - c.visited),
                  bottom ? "是" : ""});
    ++file.rows;
  };
  for (const auto& row : report.children) {
    add(row.rank.rank ? std::to_string(*row.rank.rank) : "", row.unit.name, row.counts,
        row.rank.bottom);
  }
  if (report.direct) {
    add("", "本级（直属" + report.unit.name + "）", *report.direct, false);
  }
  add("", "合计：" + report.unit.name, report.total, false);
  xlsx.close();
  ctx_.db.transact([&](store::Connection& c) {
    record_audit(c, ctx_.clock, actor,
                 {"coverage.export",
                  "campaign",
                  std::to_string(campaign_id),
                  report.unit.path,
                  {{"unit_id", report.unit.id}, {"rows", file.rows}}});
  });
  return file;
}

}  // namespace fanzha::service
