#include <gtest/gtest.h>
#include <iconv.h>
#include <zip.h>

#include <filesystem>
#include <fstream>

#include "common/error.h"
#include "tabular/table_reader.h"
#include "tabular/xlsx_writer.h"
#include "test_env.h"

namespace fanzha::tabular {
namespace {

class TabularTest : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::string& bytes) {
    const std::string path = env_.dir() + "/" + name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  static std::vector<TableRow> read_all(const std::string& path) {
    auto reader = open_table(path);
    std::vector<TableRow> rows;
    while (auto row = reader->next()) {
      rows.push_back(*row);
    }
    EXPECT_DOUBLE_EQ(reader->progress(), 1.0);
    return rows;
  }

  static ErrorCode code_of(const std::string& path, int* line = nullptr) {
    try {
      read_all(path);
    } catch (const Error& e) {
      if (line && !e.details().empty()) {
        *line = e.details()[0].line;
      }
      return e.code();
    }
    return ErrorCode::kInternal;
  }

  // A minimal workbook built by hand, to read what Excel writes that XlsxWriter does not.
  std::string handmade_xlsx(const std::string& sheet_xml, const std::string& shared_strings) {
    const std::string path = env_.dir() + "/handmade.xlsx";
    int error = 0;
    zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    auto add = [&](const char* name, const std::string& text) {
      auto* copy = new std::string(text);
      zip_source_t* source = zip_source_buffer(zip, copy->data(), copy->size(), 0);
      zip_file_add(zip, name, source, ZIP_FL_OVERWRITE);
      keep_.emplace_back(copy);
    };
    add("xl/workbook.xml",
        R"(<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="花名册" sheetId="1" r:id="rId7"/></sheets></workbook>)");
    add("xl/_rels/workbook.xml.rels",
        R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="worksheet" Target="worksheets/roster.xml"/></Relationships>)");
    add("xl/worksheets/roster.xml", sheet_xml);
    add("xl/sharedStrings.xml", shared_strings);
    zip_close(zip);
    return path;
  }

  testing::TestEnv env_;
  std::vector<std::unique_ptr<std::string>> keep_;
};

TEST_F(TabularTest, XlsxWrittenAndReadBack) {
  const std::string path = env_.dir() + "/out.xlsx";
  {
    XlsxWriter writer(path, "人员名单", {"姓名", "身份证号", "手机号"});
    for (int i = 0; i < 2000; ++i) {
      writer.add_row(
          {"张伟" + std::to_string(i), "34182219900101123X", i % 2 ? "" : "13812345678"});
    }
    writer.close();
  }
  auto reader = open_table(path);
  EXPECT_EQ(reader->info().format, TableFormat::kXlsx);
  EXPECT_EQ(reader->info().sheet_name, "人员名单");
  std::vector<TableRow> rows;
  while (auto row = reader->next()) {
    rows.push_back(*row);
  }
  ASSERT_EQ(rows.size(), 2001u);
  EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"姓名", "身份证号", "手机号"}));
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_EQ(rows[1].cells[1], "34182219900101123X");
  EXPECT_EQ(rows[2].cells.size(), 2u);  // the empty phone cell is simply missing
  EXPECT_EQ(rows[2000].cells[0], "张伟1999");
}

TEST_F(TabularTest, XlsxAsExcelWritesIt) {
  const std::string sheet =
      R"(<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)"
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>身份证号</t></is></c></row>)"
      R"(<row r="3"><c r="A3" t="s"><v>1</v></c><c r="C3"><v>3.41822199001011E+17</v></c></row>)"
      R"(<row r="4"><c r="A4" t="s"><v>2</v></c></row>)"
      R"(<row><c t="inlineStr"><is><t>无行号</t></is></c><c t="b"><v>1</v></c></row>)"
      R"(</sheetData></worksheet>)";
  const std::string strings =
      R"(<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
      R"(<si><t>姓名</t></si><si><r><t>张</t></r><r><t>三</t></r><rPh><t>ちょう</t></rPh></si><si><t xml:space="preserve"> </t></si></sst>)";
  const auto rows = read_all(handmade_xlsx(sheet, strings));
  ASSERT_EQ(rows.size(), 3u);  // row 4 holds only a space: skipped
  EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"姓名", "", "身份证号"}));
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_EQ(rows[1].cells[0], "张三");
  EXPECT_EQ(rows[1].cells[2], "3.41822199001011E+17");
  EXPECT_EQ(rows[2].line, 5);
  EXPECT_EQ(rows[2].cells, (std::vector<std::string>{"无行号", "1"}));
}

TEST_F(TabularTest, BrokenXlsxIsRejected) {
  const std::string path = env_.dir() + "/good.xlsx";
  {
    XlsxWriter writer(path, "s", {"a"});
    for (int i = 0; i < 500; ++i) {
      writer.add_row({std::to_string(i)});
    }
    writer.close();
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  EXPECT_EQ(code_of(write("cut.xlsx", bytes.str().substr(0, bytes.str().size() / 2))),
            ErrorCode::kImportRejected);
  EXPECT_EQ(code_of(write("junk.xlsx", std::string("PK\x03\x04", 4) + std::string(3000, '#'))),
            ErrorCode::kImportRejected);
  const std::string bad_sheet =
      handmade_xlsx("<worksheet><sheetData><row r=\"1\"><c><v>1</v></row>", "<sst/>");
  EXPECT_EQ(code_of(bad_sheet), ErrorCode::kImportRejected);
}

TEST_F(TabularTest, CsvEncodings) {
  const std::string utf8 = "姓名,住址\n张伟,\"杨柳村, 一组\"\n";
  const auto bom = read_all(write("bom.csv", "\xEF\xBB\xBF" + utf8));
  ASSERT_EQ(bom.size(), 2u);
  EXPECT_EQ(bom[0].cells[0], "姓名");
  EXPECT_EQ(bom[1].cells[1], "杨柳村, 一组");

  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string gbk(utf8.size() * 2, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* out = gbk.data();
  size_t out_left = gbk.size();
  iconv(cd, &in, &in_left, &out, &out_left);
  iconv_close(cd);
  gbk.resize(gbk.size() - out_left);
  auto reader = open_table(write("gbk.csv", gbk));
  EXPECT_EQ(reader->info().encoding, "GB18030");
  reader->next();
  EXPECT_EQ(reader->next()->cells[1], "杨柳村, 一组");

  EXPECT_EQ(code_of(write("utf16.csv", std::string("\xFF\xFE"
                                                   "a\0,\0",
                                                   6))),
            ErrorCode::kImportRejected);
}

TEST_F(TabularTest, CsvDelimitersQuotesAndBlankRows) {
  EXPECT_EQ(code_of(write("semi.csv", "姓名;户号\n甲;1\n")), ErrorCode::kImportRejected);
  EXPECT_EQ(code_of(write("tab.csv", "姓名\t户号\n甲\t1\n")), ErrorCode::kImportRejected);
  int line = 0;
  EXPECT_EQ(code_of(write("quote.csv", "a,b\n1,2\n3,\"open\n4,5\n"), &line),
            ErrorCode::kImportRejected);
  EXPECT_EQ(line, 3);
  const auto rows = read_all(write("blank.csv", "a,b\n,\n\n1,2\n"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].line, 4);
  EXPECT_EQ(code_of(write("empty.csv", "")), ErrorCode::kImportRejected);
}

}  // namespace
}  // namespace fanzha::tabular
