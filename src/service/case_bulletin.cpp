#include "service/case_bulletin.h"

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "domain/calendar.h"
#include "domain/money.h"
#include "domain/period.h"
#include "report/pdf_renderer.h"
#include "report/xlsx_renderer.h"

namespace fanzha::service {

namespace {

constexpr int kMaxLargeCasesListed = 50;

std::string kind_word(domain::PeriodKind kind) {
  switch (kind) {
    case domain::PeriodKind::kWeek:
      return "周";
    case domain::PeriodKind::kHalfMonth:
      return "半月";
    case domain::PeriodKind::kMonth:
      return "月";
    case domain::PeriodKind::kQuarter:
      return "季度";
    case domain::PeriodKind::kYear:
      return "年度";
    case domain::PeriodKind::kRange:
      break;
  }
  return "";
}

std::string percent(double share) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", share * 100);
  return text;
}

// "同比增加2起（+50.0%）", "同比持平", "去年同期无案件".
std::string change_text(int64_t now, int64_t before, const char* unit) {
  if (before == 0) {
    return now == 0 ? "与去年同期持平" : "去年同期无案件";
  }
  if (now == before) {
    return "同比持平";
  }
  const int64_t diff = now - before;
  const auto ratio = domain::change_ratio(now, before).value_or(0);
  return std::string("同比") + (diff > 0 ? "增加" : "减少") + std::to_string(std::llabs(diff)) +
         unit + "（" + (diff > 0 ? "+" : "") + percent(ratio) + "）";
}

std::string loss_change_text(int64_t now, int64_t before) {
  if (before == 0) {
    return now == 0 ? "与去年同期持平" : "去年同期无损失";
  }
  const auto ratio = domain::change_ratio(now, before).value_or(0);
  if (now == before) {
    return "同比持平";
  }
  return std::string("同比") + (now > before ? "上升" : "下降") + percent(std::fabs(ratio));
}

std::string change_cell(std::optional<double> ratio) {
  if (!ratio) {
    return "—";
  }
  return (*ratio > 0 ? "+" : "") + percent(*ratio);
}

std::string summary_of(const CaseBulletin& b) {
  const auto& s = b.stats;
  const auto& t = s.total;
  std::string text = domain::period_label(s.period) + "，" + s.unit.name +
                     "共发生电信网络诈骗案件" + std::to_string(t.now.cases) + "起，" +
                     change_text(t.now.cases, t.last_year.cases, "起") + "；造成损失" +
                     domain::format_wan_yuan(t.now.loss_fen) + "万元，" +
                     loss_change_text(t.now.loss_fen, t.last_year.loss_fen) + "。";
  if (t.now.stopped_fen > 0) {
    text += "止付冻结" + domain::format_wan_yuan(t.now.stopped_fen) + "万元。";
  }
  if (!s.by_type.empty() && s.by_type.front().second.now.cases > 0) {
    text += "发案最多的类型是" + std::string(domain::fraud_type_label(s.by_type.front().first)) +
            "（" + std::to_string(s.by_type.front().second.now.cases) + "起）。";
  }
  if (s.large_cases > 0) {
    text += "损失" + domain::format_wan_yuan(s.large_case_fen) + "万元以上的大案" +
            std::to_string(s.large_cases) + "起，已逐案倒查。";
  }
  if (s.trace.known > 0) {
    text += "倒查显示，登记在册的" + std::to_string(s.trace.known) + "名受害人中，" +
            std::to_string(s.trace.never_visited) + "人从未被入户走访（" +
            percent(s.trace.share(s.trace.never_visited)) + "），" +
            std::to_string(s.trace.app_not_installed) + "人未安装国家反诈中心APP（" +
            percent(s.trace.share(s.trace.app_not_installed)) + "）。";
  }
  if (!s.inside_system.empty()) {
    text += std::to_string(s.inside_system.size()) + "个单位发生系统内部发案，纳入年度考核。";
  }
  return text;
}

}  // namespace

CaseBulletin CaseBulletinService::bulletin(const Actor& actor, const CaseStatsQuery& query) {
  CaseBulletin b;
  b.stats = stats_.stats(actor, query);
  b.title = b.stats.unit.name + "电信网络诈骗案件" + kind_word(b.stats.period.kind) + "通报";
  b.issuer = b.stats.unit.name + "打击治理电信网络诈骗工作领导小组办公室";
  b.issued_on = domain::county_day_number(ctx_.clock.now_ms());
  for (const auto& child : b.stats.children) {
    if (child.rank.bottom) {
      b.bottom.push_back(child.unit);
    }
  }
  CaseQuery large;
  large.unit_id = b.stats.unit.id;
  large.filter.first_day = b.stats.period.first;
  large.filter.last_day = b.stats.period.last;
  large.filter.min_loss_fen = b.stats.large_case_fen;
  large.filter.limit = kMaxLargeCasesListed;
  b.large_cases = cases_.list_cases(actor, large).cases;
  b.summary = summary_of(b);
  return b;
}

report::ReportDocument case_bulletin_document(const CaseBulletin& b) {
  const auto& s = b.stats;
  report::ReportDocument d;
  d.title = b.title;
  d.subtitle =
      domain::period_label(s.period) + "（同比：" + domain::period_label(s.last_year) + "）";
  d.issuer = b.issuer;
  const domain::DateNumber day = b.issued_on;
  d.issued_on = std::to_string(day / 10000) + "年" + std::to_string(day / 100 % 100) + "月" +
                std::to_string(day % 100) + "日";
  d.blocks.push_back(report::heading_block("一、总体情况"));
  d.blocks.push_back(report::paragraph_block(b.summary));

  report::ReportTable units;
  units.caption = "各单位发案情况（按每万人发案数排名，发案越少越靠前）";
  units.header = {"排名", "单位",         "发案数",           "去年同期",
                  "同比", "损失（万元）", "去年同期（万元）", "每万人发案"};
  units.numeric = {true, false, true, true, true, true, true, true};
  for (const auto& c : s.children) {
    // Units without residents (departments, banks …) appear only with a case.
    if (c.residents == 0 && c.figures.now.cases == 0 && c.figures.last_year.cases == 0) {
      continue;
    }
    const auto per = domain::per_ten_thousand(c.figures.now.cases, c.residents);
    char per_text[32] = "—";
    if (per) {
      std::snprintf(per_text, sizeof per_text, "%.2f", *per);
    }
    if (c.rank.bottom) {
      units.highlight_rows.push_back(units.rows.size());
    }
    units.rows.push_back(
        {c.rank.rank ? std::to_string(*c.rank.rank) : "—",
         c.unit.name + (c.figures.now.cases == 0 ? "（无诈）" : ""),
         std::to_string(c.figures.now.cases), std::to_string(c.figures.last_year.cases),
         change_cell(domain::change_ratio(c.figures.now.cases, c.figures.last_year.cases)),
         domain::format_wan_yuan(c.figures.now.loss_fen),
         domain::format_wan_yuan(c.figures.last_year.loss_fen), per_text});
  }
  d.blocks.push_back(report::heading_block("二、各单位发案及排名"));
  d.blocks.push_back(report::table_block(units));
  if (!b.bottom.empty()) {
    std::string names;
    for (const auto& u : b.bottom) {
      names += (names.empty() ? "" : "、") + u.name;
    }
    d.blocks.push_back(
        report::paragraph_block("排名后三位：" + names + "。请相关单位认真分析原因，抓好整改。"));
  }

  report::ReportTable types;
  types.caption = "发案类型";
  types.header = {"诈骗类型", "发案数", "去年同期", "损失（万元）"};
  types.numeric = {false, true, true, true};
  for (const auto& [type, f] : s.by_type) {
    types.rows.push_back({std::string(domain::fraud_type_label(type)) +
                              (domain::is_high_incidence(type) ? "（高发）" : ""),
                          std::to_string(f.now.cases), std::to_string(f.last_year.cases),
                          domain::format_wan_yuan(f.now.loss_fen)});
  }
  d.blocks.push_back(report::heading_block("三、发案类型"));
  d.blocks.push_back(report::table_block(types));

  d.blocks.push_back(report::heading_block("四、系统内部发案"));
  if (s.inside_system.empty()) {
    d.blocks.push_back(report::paragraph_block("本期无系统内部发案。"));
  } else {
    report::ReportTable inside;
    inside.header = {"单位", "发案数", "损失（万元）"};
    inside.numeric = {false, true, true};
    for (const auto& [unit, sums] : s.inside_system) {
      inside.rows.push_back(
          {unit.name, std::to_string(sums.cases), domain::format_wan_yuan(sums.loss_fen)});
    }
    d.blocks.push_back(report::table_block(inside));
  }

  d.blocks.push_back(report::heading_block("五、大案及逐案倒查"));
  if (b.large_cases.empty()) {
    d.blocks.push_back(report::paragraph_block(
        "本期无损失" + domain::format_wan_yuan(s.large_case_fen) + "万元以上的大案。"));
  } else {
    report::ReportTable large;
    large.header = {"案件编号",     "发案时间", "发案地", "类型",
                    "损失（万元）", "入户走访", "反诈APP"};
    large.numeric = {false, false, false, false, true, false, false};
    for (const auto& v : b.large_cases) {
      const auto& c = v.row.fraud_case;
      const auto& t = v.row.trace;
      const auto day_number = domain::county_day_number(c.occurred_at);
      large.rows.push_back(
          {c.case_number,
           std::to_string(day_number / 100 % 100) + "月" + std::to_string(day_number % 100) + "日",
           v.row.org_unit_name, std::string(domain::fraud_type_label(c.fraud_type)),
           domain::format_wan_yuan(c.loss_fen),
           !t.person_known ? "未登记" : (t.visited ? "已走访" : "未走访"),
           !t.person_known ? "—" : (t.app.installed ? "已安装" : "未安装")});
    }
    d.blocks.push_back(report::table_block(large));
  }
  const auto& tr = s.trace;
  report::ReportTable trace;
  trace.caption = "受害人倒查（登记在册受害人" + std::to_string(tr.known) + "人，未登记" +
                  std::to_string(tr.cases - tr.known) + "人）";
  trace.header = {"倒查项", "人数", "占比"};
  trace.numeric = {false, true, true};
  const std::pair<const char*, int64_t> rows[] = {{"从未入户走访", tr.never_visited},
                                                  {"走访未见面", tr.not_face_to_face},
                                                  {"未签承诺书", tr.no_letter},
                                                  {"未安装反诈APP", tr.app_not_installed},
                                                  {"未注册反诈APP", tr.app_not_registered},
                                                  {"未开启预警", tr.alerts_off},
                                                  {"预警已失效", tr.alerts_lapsed},
                                                  {"抽查核实在册", tr.spot_confirmed}};
  for (const auto& [label, n] : rows) {
    trace.rows.push_back({label, std::to_string(n), percent(tr.share(n))});
  }
  d.blocks.push_back(report::table_block(trace));
  return d;
}

std::string CaseBulletinService::pdf(const CaseBulletin& bulletin) const {
  return report::render_pdf(case_bulletin_document(bulletin));
}

std::string CaseBulletinService::xlsx(const CaseBulletin& bulletin) const {
  std::filesystem::create_directories(ctx_.files_dir + "/exports");
  const std::string path =
      ctx_.files_dir + "/exports/bulletin-" + ctx_.random.hex_token(8) + ".xlsx";
  report::write_report_xlsx(case_bulletin_document(bulletin), path);
  return path;
}

}  // namespace fanzha::service
