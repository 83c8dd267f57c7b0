// Time to render a realistic weekly bulletin as PDF (report/pdf_renderer): a 25-row
// township table, a 10-row case-type table and a few paragraphs. Renders it 20 times
// after one warm-up render (fontconfig's first load, timed apart) and prints the median.
// Usage: bench_report_pdf [out.pdf]  (writes the last rendering when a path is given)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "report/pdf_renderer.h"

namespace {

using fanzha::report::ReportDocument;
using fanzha::report::ReportTable;

constexpr int kRuns = 20;

const std::vector<std::string> kTownships = {
    "城关镇", "青石镇", "白沙镇",         "柳河镇",        "杨柳镇", "东岗镇", "西岭镇",
    "南湖镇", "北塘镇", "石桥镇",         "梅林镇",        "桃源镇", "龙泉镇", "凤凰镇",
    "三河镇", "双庙乡", "王集乡",         "李寨乡",        "高庄乡", "新店乡", "黄岗乡",
    "陈楼乡", "大营乡", "安澜经济开发区", "安澜县工业园区"};
const std::vector<std::string> kTypes = {
    "刷单返利类",     "虚假投资理财类",     "虚假网络贷款类", "冒充电商物流客服类", "冒充公检法类",
    "冒充熟人领导类", "网络游戏虚假交易类", "网络婚恋交友类", "虚假征信类",         "其他类型"};

std::string money(int fen) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", fen / 1000000.0);
  return buffer;
}

ReportDocument bulletin() {
  using fanzha::report::heading_block;
  using fanzha::report::paragraph_block;
  using fanzha::report::table_block;
  ReportTable towns{"表1  各乡镇发案情况",
                    {"序号", "乡镇", "发案数", "同比", "损失金额（万元）", "预警劝阻数", "排名"},
                    {},
                    {true, false, true, true, true, true, true},
                    {22, 23, 24}};
  for (size_t i = 0; i < kTownships.size(); ++i) {
    const int n = static_cast<int>(i);
    towns.rows.push_back({std::to_string(n + 1), kTownships[i], std::to_string(2 + n % 5),
                          std::to_string((n * 7) % 40 - 20) + "%", money(1234567 * (n + 3)),
                          std::to_string(10 + n * 3), std::to_string(n + 1)});
  }
  ReportTable types{"表2  案件类型分布",
                    {"案件类型", "起数", "占比", "损失金额（万元）"},
                    {},
                    {false, true, true, true},
                    {}};
  for (size_t i = 0; i < kTypes.size(); ++i) {
    const int n = static_cast<int>(i);
    types.rows.push_back({kTypes[i], std::to_string(12 - n), std::to_string(20 - n) + ".0%",
                          money(2345678 * (10 - n))});
  }
  return ReportDocument{
      "安澜县电信网络诈骗案件周通报",
      "2026年第49周（12月1日—12月7日）",
      "安澜县打击治理电信网络诈骗工作领导小组办公室",
      "2026年12月8日",
      {heading_block("一、总体情况"),
       paragraph_block("本周全县共接报电信网络诈骗案件 78 起，同比下降 12.5%，环比上升 3.9%；"
                       "造成群众损失 231.46 万元，同比下降 8.2%。全县累计发送预警信息 1,532 条，"
                       "成功劝阻 214 人，避免损失约 96 万元。"),
       paragraph_block("从发案类型看，刷单返利、虚假投资理财和虚假网络贷款三类案件合计占比超过"
                       "四成，仍是当前最突出的类型；冒充电商物流客服类案件较上周明显增多。"),
       heading_block("二、各乡镇发案情况"), table_block(std::move(towns)),
       paragraph_block("大营乡、安澜经济开发区、安澜县工业园区本周发案数位列后三位，"
                       "请相关乡镇（园区）认真分析原因，于12月12日前报送整改措施。"),
       heading_block("三、案件类型分布"), table_block(std::move(types)),
       heading_block("四、下步工作要求"),
       paragraph_block("各乡镇、各部门要进一步压实属地责任，聚焦老年人、学生、宝妈等重点人群，"
                       "持续开展入户走访和“国家反诈中心”App推广，确保预警信息及时处置、"
                       "见面劝阻到位。")}};
}

}  // namespace

int main(int argc, char** argv) {
  const ReportDocument document = bulletin();
  const auto first = std::chrono::steady_clock::now();
  std::string pdf = fanzha::report::render_pdf(document);  // warm-up: loads fontconfig
  std::printf(
      "first render_pdf: %.2f ms\n",
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - first).count());
  std::vector<double> ms;
  for (int run = 0; run < kRuns; ++run) {
    const auto start = std::chrono::steady_clock::now();
    pdf = fanzha::report::render_pdf(document);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("render_pdf: median %.2f ms over %d runs (min %.2f, max %.2f), %zu bytes\n",
              (ms[kRuns / 2 - 1] + ms[kRuns / 2]) / 2, kRuns, ms.front(), ms.back(), pdf.size());
  if (argc > 1) {
    std::ofstream(argv[1], std::ios::binary) << pdf;
  }
  return 0;
}
