// The weekly case bulletin as files over HTTP: the PDF is a real PDF whose text (read
// back with pdftotext) holds the title, the township with the case and the large case's
// number; the XLSX reads back with the same figures.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <memory>

#include "support/demo_server.h"
#include "tabular/table_reader.h"

namespace fanzha::testing {
namespace {

std::string run(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::string out;
  char buffer[4096];
  while (pipe && fgets(buffer, sizeof buffer, pipe.get()) != nullptr) {
    out += buffer;
  }
  return out;
}

TEST(BulletinFiles, PdfAndXlsxOfAWeekWithALargeCase) {
  DemoServer server;
  ApiClient police = server.client_as("police");
  // 2023-03-15 10:00 in the county, before the demo's case history.
  const auto r = police.post("/api/cases", {{"case_number", "BUL-2023-0001"},
                                            {"reported_at", 1678849200000},
                                            {"occurred_at", 1678845600000},
                                            {"org_unit_id", server.unit_id("349901100201")},
                                            {"fraud_type", "investment_gambling"},
                                            {"loss", "120万"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string query =
      "?unit_id=" + std::to_string(server.unit_id("349901")) + "&period=week&date=2023-03-15";

  const auto json = police.get("/api/case-bulletin" + query).json();
  EXPECT_EQ(json["title"], "安澜县电信网络诈骗案件周通报");
  EXPECT_EQ(json["total"]["cases"], 1);
  ASSERT_EQ(json["large_cases"].size(), 1U);
  EXPECT_EQ(json["large_cases"][0]["case_number"], "BUL-2023-0001");
  EXPECT_NE(json["summary"].get<std::string>().find("大案1起"), std::string::npos);

  const auto pdf = police.get("/api/case-bulletin/pdf" + query);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
  ASSERT_EQ(pdf.body.rfind("%PDF-", 0), 0U);
  TempDir dir;
  { std::ofstream(dir.file("b.pdf"), std::ios::binary) << pdf.body; }
  const std::string text = run("pdftotext -raw " + dir.file("b.pdf") + " -");
  EXPECT_NE(text.find("安澜县电信网络诈骗案件周通报"), std::string::npos) << text;
  EXPECT_NE(text.find("城关镇"), std::string::npos);
  EXPECT_NE(text.find("BUL-2023-0001"), std::string::npos);
  EXPECT_NE(text.find("120.00"), std::string::npos);

  const auto xlsx = police.get("/api/case-bulletin/xlsx" + query);
  ASSERT_EQ(xlsx.status, 200);
  { std::ofstream(dir.file("b.xlsx"), std::ios::binary) << xlsx.body; }
  auto table = tabular::open_table(dir.file("b.xlsx"));
  bool found = false;
  while (const auto row = table->next()) {
    for (const auto& cell : row->cells) {
      found = found || cell == "BUL-2023-0001";
    }
  }
  EXPECT_TRUE(found);

  // Bulletins follow scope: a village cannot ask for the county's.
  ApiClient village = server.client_as("village01");
  EXPECT_EQ(village.get("/api/case-bulletin/pdf" + query).status, 404);
}

}  // namespace
}  // namespace fanzha::testing
