// The bulletin renderers. The PDF is checked through poppler-utils (scripts/install-deps.sh):
// pdftotext -raw (content order, keeps the spaces), pdfinfo and pdffonts; the XLSX through
// the project's table reader and the sheet's XML.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include "common/error.h"
#include "report/pdf_renderer.h"
#include "report/xlsx_renderer.h"
#include "tabular/table_reader.h"

namespace fanzha::report {
namespace {

const std::string kTitle = "安澜县电信网络诈骗案件周通报";
const std::string kIssuer = "安澜县打击治理电信网络诈骗工作领导小组办公室";

// A bulletin whose township table has `rows` rows: "青石镇" first, "白沙镇" last.
ReportDocument bulletin(size_t rows) {
  ReportTable towns{"各乡镇发案情况",
                    {"序号", "乡镇", "发案数", "损失金额（万元）", "同比"},
                    {},
                    {true, false, true, true, true},
                    {}};
  for (size_t i = 0; i < rows; ++i) {
    const std::string name =
        i == 0 ? "青石镇" : (i + 1 == rows ? "白沙镇" : "乡镇" + std::to_string(i + 1));
    towns.rows.push_back(
        {std::to_string(i + 1), name, std::to_string(100 - i), "12.5", i % 2 ? "-3.5%" : "12.5%"});
  }
  towns.highlight_rows = {rows - 1, rows - 2, rows - 3};
  return ReportDocument{
      kTitle,
      "2026年第49周（12月1日—12月7日）",
      kIssuer,
      "2026年12月8日",
      {heading_block("一、总体情况"),
       paragraph_block("本周全县共接报电信网络诈骗案件 42 起，同比下降 12.5%，"
                       "损失金额 86.3 万元。冒充客服类案件占比最高，请各乡镇加强宣传。"),
       heading_block("二、各乡镇情况"), table_block(std::move(towns))}};
}

class ReportTest : public ::testing::Test {
 protected:
  ReportTest() {
    dir_ = (std::filesystem::temp_directory_path() /
            ("fanzha-report-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name()))
               .string();
    std::filesystem::create_directories(dir_);
  }
  ~ReportTest() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::string path(const std::string& name) const { return dir_ + "/" + name; }

  std::string save_pdf(const std::string& bytes) const {
    const std::string file = path("report.pdf");
    std::ofstream(file, std::ios::binary) << bytes;
    return file;
  }

  // What `command` prints; a test failure when it does not exit with 0.
  static std::string run(const std::string& command) {
    FILE* pipe = ::popen((command + " 2>/dev/null").c_str(), "r");
    EXPECT_NE(pipe, nullptr) << command;
    if (!pipe) {
      return {};
    }
    std::string out;
    char buffer[4096];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
      out.append(buffer, n);
    }
    EXPECT_EQ(::pclose(pipe), 0) << command << " failed (is poppler-utils installed?)";
    return out;
  }

  static std::string text_of(const std::string& file, int first = 0, int last = 0) {
    std::string range;
    if (first > 0) {
      range = " -f " + std::to_string(first) + " -l " + std::to_string(last);
    }
    return run("pdftotext -raw -enc UTF-8" + range + " '" + file + "' -");
  }

  static int pages_of(const std::string& file) {
    const std::string info = run("pdfinfo '" + file + "'");
    const size_t at = info.find("Pages:");
    return at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
  }

  std::string dir_;
};

TEST_F(ReportTest, PdfOfALongTableRunsOntoMorePages) {
  const std::string bytes = render_pdf(bulletin(60));
  ASSERT_TRUE(bytes.starts_with("%PDF-"));
  const std::string file = save_pdf(bytes);
  const int pages = pages_of(file);
  ASSERT_GE(pages, 2);

  const std::string all = text_of(file);
  EXPECT_NE(all.find(kTitle), std::string::npos);
  EXPECT_NE(all.find("第 2 页"), std::string::npos);
  EXPECT_NE(all.find("第 1 页 / 共 " + std::to_string(pages) + " 页"), std::string::npos);

  const std::string first = text_of(file, 1, 1);
  EXPECT_NE(first.find("青石镇"), std::string::npos);
  EXPECT_EQ(first.find("白沙镇"), std::string::npos);
  const std::string last = text_of(file, pages, pages);
  EXPECT_NE(last.find("白沙镇"), std::string::npos);
  EXPECT_NE(last.find("损失金额"), std::string::npos) << "the header is repeated";
  EXPECT_NE(last.find(kIssuer), std::string::npos);
  EXPECT_NE(last.find("2026年12月8日"), std::string::npos);

  EXPECT_NE(run("pdffonts '" + file + "'").find("WenQuanYi"), std::string::npos);
}

TEST_F(ReportTest, PdfParagraphContinuesOnTheNextPage) {
  std::string text;
  for (int i = 0; i < 60; ++i) {
    text += "各乡镇要压实责任，对重点人群逐户走访，发现可疑情况及时报告。";
  }
  text += "以上请认真贯彻落实。";
  ReportDocument document{kTitle, "", "", "", {paragraph_block(text)}};
  const std::string file = save_pdf(render_pdf(document));
  ASSERT_EQ(pages_of(file), 2);
  EXPECT_NE(text_of(file, 1, 1).find("逐户走访"), std::string::npos);
  EXPECT_NE(text_of(file, 2, 2).find("以上请认真贯彻落实"), std::string::npos);
}

TEST_F(ReportTest, PdfOfAnEmptyDocumentIsOnePage) {
  const std::string file = save_pdf(render_pdf(ReportDocument{}));
  EXPECT_EQ(pages_of(file), 1);
  EXPECT_NE(text_of(file).find("第 1 页 / 共 1 页"), std::string::npos);
}

TEST_F(ReportTest, PdfTakesRaggedTables) {
  ReportTable table{
      "", {"类型", "起数"}, {{"冒充客服"}, {"刷单返利", "7", "多出的一格"}, {}}, {}, {5, 99}};
  ReportTable empty{"空表", {}, {}, {}, {}};
  ReportDocument document{kTitle, "", "", "", {table_block(table), table_block(empty)}};
  const std::string text = text_of(save_pdf(render_pdf(document)));
  EXPECT_NE(text.find("冒充客服"), std::string::npos);
  EXPECT_NE(text.find("多出的一格"), std::string::npos);
}

// Renders that run at the same time give the same file (but for the creation date).
TEST_F(ReportTest, PdfRendersConcurrently) {
  const ReportDocument document = bulletin(40);
  const auto without_date = [](std::string pdf) {
    const size_t at = pdf.find("/CreationDate");
    return at == std::string::npos ? pdf : pdf.erase(at, pdf.find('\n', at) - at);
  };
  std::vector<std::string> outputs(4);
  std::vector<std::thread> threads;
  for (std::string& output : outputs) {
    threads.emplace_back([&document, &output] { output = render_pdf(document); });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  for (const std::string& output : outputs) {
    EXPECT_EQ(without_date(output), without_date(outputs[0]));
  }
}

TEST_F(ReportTest, TextThatIsNotUtf8IsRefused) {
  ReportDocument document = bulletin(3);
  document.blocks[3].table.rows[1][1] = "\xB0\xB2\xC0\xBD";  // "安澜" in GBK
  for (const auto& render : std::vector<std::function<void()>>{
           [&] { render_pdf(document); },
           [&] { write_report_xlsx(document, path("report.xlsx")); }}) {
    try {
      render();
      ADD_FAILURE() << "no error";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kInternal);
    }
  }
}

TEST(CellNumberTest, PlainNumbersOnly) {
  EXPECT_EQ(cell_number("42"), 42.0);
  EXPECT_EQ(cell_number("0"), 0.0);
  EXPECT_EQ(cell_number("-3.5"), -3.5);
  EXPECT_EQ(cell_number("0.25"), 0.25);
  EXPECT_EQ(cell_number("123456789012345"), 123456789012345.0);
  for (const char* text : {"", "-", "12.5%", "007", "1,234", "1.", ".5", "1e5", "+3", " 4",
                           "1234567890123456", "34182219900101123X", "四十二"}) {
    EXPECT_FALSE(cell_number(text)) << text;
  }
}

// The text of member `name` of the zip archive `file`.
std::string zip_member(const std::string& file, const std::string& name) {
  int error = 0;
  zip_t* zip = zip_open(file.c_str(), ZIP_RDONLY, &error);
  EXPECT_NE(zip, nullptr);
  if (!zip) {
    return {};
  }
  std::string text;
  if (zip_file_t* member = zip_fopen(zip, name.c_str(), 0)) {
    char buffer[4096];
    for (zip_int64_t n; (n = zip_fread(member, buffer, sizeof buffer)) > 0;) {
      text.append(buffer, static_cast<size_t>(n));
    }
    zip_fclose(member);
  }
  zip_close(zip);
  return text;
}

// The XML element of cell `ref` (e.g. "C6") in `sheet`; empty when it is missing.
std::string cell_xml(const std::string& sheet, const std::string& ref) {
  const size_t at = sheet.find("<c r=\"" + ref + "\"");
  if (at == std::string::npos) {
    return {};
  }
  const size_t end = sheet.find("</c>", at);
  return sheet.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

TEST_F(ReportTest, XlsxReadsBack) {
  ReportDocument document = bulletin(5);
  document.blocks[3].table.rows[1][1] = "007";  // a code: stays text
  const std::string file = path("report.xlsx");
  write_report_xlsx(document, file);

  auto reader = tabular::open_table(file);
  EXPECT_EQ(reader->info().format, tabular::TableFormat::kXlsx);
  EXPECT_EQ(reader->info().sheet_name, "通报");
  std::vector<tabular::TableRow> rows;
  while (auto row = reader->next()) {
    rows.push_back(*row);
  }
  ASSERT_EQ(rows.size(), 14u);
  EXPECT_EQ(rows[0].cells.at(0), kTitle);
  EXPECT_EQ(rows[1].cells.at(0), "2026年第49周（12月1日—12月7日）");
  EXPECT_EQ(rows[2].cells.at(0), "一、总体情况");
  EXPECT_NE(rows[3].cells.at(0).find("42 起"), std::string::npos);
  EXPECT_EQ(rows[4].cells.at(0), "二、各乡镇情况");
  EXPECT_EQ(rows[5].cells.at(0), "各乡镇发案情况");
  EXPECT_EQ(rows[6].cells,
            (std::vector<std::string>{"序号", "乡镇", "发案数", "损失金额（万元）", "同比"}));
  EXPECT_EQ(rows[7].cells, (std::vector<std::string>{"1", "青石镇", "100", "12.5", "12.5%"}));
  EXPECT_EQ(rows[8].cells, (std::vector<std::string>{"2", "007", "99", "12.5", "-3.5%"}));
  EXPECT_EQ(rows[11].cells, (std::vector<std::string>{"5", "白沙镇", "96", "12.5", "12.5%"}));
  EXPECT_EQ(rows[12].cells.at(0), kIssuer);
  EXPECT_EQ(rows[13].cells.at(0), "2026年12月8日");

  // Numbers are numbers (no t="s"), text stays shared strings.
  const std::string sheet = zip_member(file, "xl/worksheets/sheet1.xml");
  const int data_row = rows[7].line;
  for (const char* col : {"A", "C", "D"}) {
    const std::string xml = cell_xml(sheet, col + std::to_string(data_row));
    ASSERT_FALSE(xml.empty()) << col;
    EXPECT_EQ(xml.find(" t=\""), std::string::npos) << xml;
  }
  for (const char* col : {"B", "E"}) {
    EXPECT_NE(cell_xml(sheet, col + std::to_string(data_row)).find(" t=\"s\""), std::string::npos);
  }
  EXPECT_NE(cell_xml(sheet, "B" + std::to_string(rows[8].line)).find(" t=\"s\""),
            std::string::npos);
}

TEST_F(ReportTest, XlsxToAMissingFolderThrows) {
  try {
    write_report_xlsx(bulletin(3), path("missing/report.xlsx"));
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInternal);
  }
}

}  // namespace
}  // namespace fanzha::report
