#include <gtest/gtest.h>
#include <iconv.h>
#include <unistd.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "common/error.h"
#include "common/text.h"
#include "tabular/table_reader.h"
#include "tabular/xlsx_writer.h"

namespace fanzha::tabular {
namespace {

const std::string kWorkbookXml =
    R"(<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="花名册" sheetId="1" r:id="rId7"/><sheet name="其他" sheetId="2" r:id="rId8"/></sheets></workbook>)";
const std::string kRelsXml =
    R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId8" Type="worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId7" Type="worksheet" Target="worksheets/roster.xml"/></Relationships>)";
const std::string kSheetHead =
    R"(<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)";
const std::string kSheetTail = "</sheetData></worksheet>";

std::string utf8_to_gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 2, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* dst = out.data();
  size_t out_left = out.size();
  EXPECT_NE(iconv(cd, &in, &in_left, &dst, &out_left), static_cast<size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

class TabularTest : public ::testing::Test {
 protected:
  TabularTest() {
    dir_ = (std::filesystem::temp_directory_path() /
            ("fanzha-tabular-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name()))
               .string();
    std::filesystem::create_directories(dir_);
  }
  ~TabularTest() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::string path(const std::string& name) const { return dir_ + "/" + name; }

  std::string write(const std::string& name, const std::string& bytes) const {
    std::ofstream(path(name), std::ios::binary) << bytes;
    return path(name);
  }

  static std::string slurp(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
  }

  static std::vector<TableRow> read_all(const std::string& file) {
    auto reader = open_table(file);
    std::vector<TableRow> rows;
    while (auto row = reader->next()) {
      rows.push_back(*row);
    }
    EXPECT_DOUBLE_EQ(reader->progress(), 1.0);
    EXPECT_FALSE(reader->next());
    return rows;
  }

  // The error reading `file` throws; fails the test when there is none.
  static Error error_of(const std::string& file) {
    try {
      read_all(file);
    } catch (const Error& e) {
      return e;
    }
    ADD_FAILURE() << file << " was read without an error";
    return Error(ErrorCode::kInternal, "no error");
  }

  static int line_of(const Error& e) { return e.details().empty() ? -1 : e.details()[0].line; }

  // A workbook built by hand, to read what Excel writes and XlsxWriter does not.
  std::string zip_of(const std::string& name, const std::map<std::string, std::string>& members) {
    int error = 0;
    zip_t* zip = zip_open(path(name).c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    EXPECT_NE(zip, nullptr);
    for (const auto& [member, text] : members) {
      zip_source_t* source = zip_source_buffer(zip, text.data(), text.size(), 0);
      EXPECT_GE(zip_file_add(zip, member.c_str(), source, ZIP_FL_OVERWRITE), 0);
    }
    EXPECT_EQ(zip_close(zip), 0);
    return path(name);
  }

  std::string handmade_xlsx(const std::string& rows, const std::string& shared_strings = "<sst/>") {
    return zip_of("handmade.xlsx", {{"xl/workbook.xml", kWorkbookXml},
                                    {"xl/_rels/workbook.xml.rels", kRelsXml},
                                    {"xl/worksheets/roster.xml", kSheetHead + rows + kSheetTail},
                                    {"xl/worksheets/sheet1.xml", kSheetHead + kSheetTail},
                                    {"xl/sharedStrings.xml", shared_strings}});
  }

  std::string dir_;
};

TEST_F(TabularTest, XlsxWrittenAndReadBack) {
  const std::string file = path("out.xlsx");
  {
    XlsxWriter writer(file, "人员名单", {"姓名", "身份证号", "住址", "手机号"});
    for (int i = 0; i < 2000; ++i) {
      // Every other row has no address: an empty cell in the middle.
      writer.add_row({"张伟" + std::to_string(i), "34182219900101123X", i % 2 ? "" : "杨柳村一组",
                      "13812345678"});
    }
    writer.close();
  }
  auto reader = open_table(file);
  EXPECT_EQ(reader->info().format, TableFormat::kXlsx);
  EXPECT_EQ(reader->info().encoding, "UTF-8");
  EXPECT_EQ(reader->info().sheet_name, "人员名单");
  EXPECT_LT(reader->progress(), 1.0);
  std::vector<TableRow> rows;
  while (auto row = reader->next()) {
    rows.push_back(*row);
  }
  EXPECT_DOUBLE_EQ(reader->progress(), 1.0);
  ASSERT_EQ(rows.size(), 2001u);
  EXPECT_EQ(rows[0].line, 1);
  EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"姓名", "身份证号", "住址", "手机号"}));
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_EQ(rows[1].cells,
            (std::vector<std::string>{"张伟0", "34182219900101123X", "杨柳村一组", "13812345678"}));
  EXPECT_EQ(rows[2].cells,
            (std::vector<std::string>{"张伟1", "34182219900101123X", "", "13812345678"}));
  EXPECT_EQ(rows[2000].line, 2001);
  EXPECT_EQ(rows[2000].cells[0], "张伟1999");
}

TEST_F(TabularTest, XlsxWriterKeepsControlsAndCutsLongCellsAtCharacters) {
  const std::string file = path("odd.xlsx");
  std::string long_text;
  for (int i = 0; i < 40000; ++i) {
    long_text += "安";
  }
  {
    XlsxWriter writer(file, "s", {"a", "b"});
    writer.add_row({"一\x01二", long_text});
    writer.close();
  }
  const auto rows = read_all(file);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].cells[0], "一\x01二");
  ASSERT_TRUE(is_valid_utf8(rows[1].cells[1]));
  EXPECT_EQ(utf8_length(rows[1].cells[1]), 32767u);
}

TEST_F(TabularTest, XlsxWriterFailuresAreInternalErrors) {
  const auto code_of = [](const auto& action) {
    try {
      action();
    } catch (const Error& e) {
      return e.code();
    }
    return ErrorCode::kNotFound;
  };
  EXPECT_EQ(code_of([&] { XlsxWriter(path("bad.xlsx"), "a[b]", {"a"}); }), ErrorCode::kInternal);
  EXPECT_EQ(code_of([&] {
              XlsxWriter writer(path("no/such/dir.xlsx"), "s", {"a"});
              writer.close();
            }),
            ErrorCode::kInternal);
  XlsxWriter writer(path("closed.xlsx"), "s", {"a"});
  writer.close();
  EXPECT_EQ(code_of([&] { writer.add_row({"x"}); }), ErrorCode::kInternal);
  EXPECT_EQ(code_of([&] { writer.close(); }), ErrorCode::kInternal);
  EXPECT_EQ(read_all(path("closed.xlsx")).size(), 1u);
}

TEST_F(TabularTest, XlsxAsExcelWritesIt) {
  const std::string rows =
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>身份证号</t></is></c></row>)"
      R"(<row r="3" spans="1:3"><c r="A3" t="s"><v>1</v></c><c r="C3"><v>3.41822199001011E+17</v></c></row>)"
      R"(<row r="4"><c r="A4" t="s"><v>2</v></c></row>)"
      R"(<row r="5"/>)"
      R"(<row><c t="inlineStr"><is><r><t>无</t></r><r><t>行号</t></r><rPh><t>む</t></rPh></is></c><c t="b"><v>1</v></c></row>)"
      R"(<row r="9"><c r="B9" t="str"><f>A1&amp;"x"</f><v>a_x000A_b</v></c><c r="D9" t="e"><v>#N/A</v></c><c r="E9" t="s"><v>3</v></c></row>)";
  const std::string strings =
      R"(<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">)"
      R"(<si><t>姓名</t></si>)"
      R"(<si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space="preserve">三 </t></r><rPh sb="0" eb="1"><t>ちょう</t></rPh><phoneticPr fontId="1"/></si>)"
      R"(<si><t xml:space="preserve"> </t></si>)"
      R"(<si><t>&lt;_x005F_x0041_&gt;</t></si></sst>)";
  auto reader = open_table(handmade_xlsx(rows, strings));
  EXPECT_EQ(reader->info().sheet_name, "花名册");
  std::vector<TableRow> read;
  while (auto row = reader->next()) {
    read.push_back(*row);
  }
  // Row 4 holds only a space and row 5 nothing: both skipped.
  ASSERT_EQ(read.size(), 4u);
  EXPECT_EQ(read[0].line, 1);
  EXPECT_EQ(read[0].cells, (std::vector<std::string>{"姓名", "", "身份证号"}));
  EXPECT_EQ(read[1].line, 3);
  EXPECT_EQ(read[1].cells, (std::vector<std::string>{"张三 ", "", "3.41822199001011E+17"}));
  EXPECT_EQ(read[2].line, 6);  // no r: follows row 5
  EXPECT_EQ(read[2].cells, (std::vector<std::string>{"无行号", "1"}));
  EXPECT_EQ(read[3].line, 9);
  EXPECT_EQ(read[3].cells, (std::vector<std::string>{"", "a\nb", "", "#N/A", "<_x0041_>"}));
}

TEST_F(TabularTest, XlsxWithoutRelationshipsReadsSheet1) {
  const std::string file =
      zip_of("plain.xlsx",
             {{"xl/workbook.xml", kWorkbookXml},
              {"xl/worksheets/sheet1.xml",
               kSheetHead + R"(<row r="2"><c r="B2" t="inlineStr"><is><t>乙</t></is></c></row>)" +
                   kSheetTail}});
  const auto rows = read_all(file);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"", "乙"}));
}

TEST_F(TabularTest, BrokenXlsxIsRejected) {
  const std::string good = path("good.xlsx");
  {
    XlsxWriter writer(good, "s", {"a"});
    for (int i = 0; i < 500; ++i) {
      writer.add_row({std::to_string(i)});
    }
    writer.close();
  }
  const std::string bytes = slurp(good);
  EXPECT_EQ(error_of(write("cut.xlsx", bytes.substr(0, bytes.size() / 2))).code(),
            ErrorCode::kImportRejected);
  EXPECT_EQ(
      error_of(write("junk.xlsx", std::string("PK\x03\x04", 4) + std::string(3000, '#'))).code(),
      ErrorCode::kImportRejected);
  EXPECT_EQ(error_of(zip_of("no-workbook.xlsx", {{"xl/worksheets/sheet1.xml", kSheetHead}})).code(),
            ErrorCode::kImportRejected);
  EXPECT_EQ(error_of(zip_of("no-sheet.xlsx", {{"xl/workbook.xml", kWorkbookXml}})).code(),
            ErrorCode::kImportRejected);
  EXPECT_EQ(error_of(zip_of("bad-workbook.xlsx", {{"xl/workbook.xml", "<workbook><sheets>"},
                                                  {"xl/worksheets/sheet1.xml", kSheetHead}}))
                .code(),
            ErrorCode::kImportRejected);
  EXPECT_EQ(error_of(handmade_xlsx("", "<sst><si><t>a</t></sst>")).code(),
            ErrorCode::kImportRejected);
}

TEST_F(TabularTest, XlsxBreakingMidSheetNamesTheRow) {
  const Error broken = error_of(handmade_xlsx(
      R"(<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>)"
      R"(<row r="2"><c r="A2"><v>1</v></c></row><row r="3"><c r="A3"><v>2</v></row>)"));
  EXPECT_EQ(broken.code(), ErrorCode::kImportRejected);
  EXPECT_EQ(line_of(broken), 3);

  const Error bad_index = error_of(handmade_xlsx(
      R"(<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>5</v></c></row>)",
      "<sst><si><t>a</t></si></sst>"));
  EXPECT_EQ(bad_index.code(), ErrorCode::kImportRejected);
  EXPECT_EQ(line_of(bad_index), 2);

  const Error wide =
      error_of(handmade_xlsx(R"(<row r="7"><c r="AAAAAAAAAAAAAAA7"><v>1</v></c></row>)"));
  EXPECT_EQ(wide.code(), ErrorCode::kImportRejected);
  EXPECT_EQ(line_of(wide), 7);

  EXPECT_EQ(error_of(handmade_xlsx(R"(<row r="x"><c><v>1</v></c></row>)")).code(),
            ErrorCode::kImportRejected);
}

TEST_F(TabularTest, CsvUtf8WithBom) {
  auto reader = open_table(write("bom.csv", "\xEF\xBB\xBF姓名,住址\r\n张伟,\"杨柳村, 一组\"\r\n"));
  EXPECT_EQ(reader->info().format, TableFormat::kCsv);
  EXPECT_EQ(reader->info().encoding, "UTF-8");
  EXPECT_EQ(reader->info().sheet_name, "");
  const auto header = reader->next();
  ASSERT_TRUE(header);
  EXPECT_EQ(header->cells, (std::vector<std::string>{"姓名", "住址"}));
  EXPECT_GT(reader->progress(), 0.0);
  EXPECT_LT(reader->progress(), 1.0);
  const auto row = reader->next();
  ASSERT_TRUE(row);
  EXPECT_EQ(row->line, 2);
  EXPECT_EQ(row->cells, (std::vector<std::string>{"张伟", "杨柳村, 一组"}));
  EXPECT_FALSE(reader->next());
  EXPECT_DOUBLE_EQ(reader->progress(), 1.0);
}

TEST_F(TabularTest, CsvGbkIsDecoded) {
  const std::string gbk = utf8_to_gb18030(
      "姓名,住址,备注\n张伟,\"杨柳村, 一组\",\"说\"\"好\"\"\n两行\"\n李娜,青山镇,\n");
  ASSERT_FALSE(is_valid_utf8(gbk));
  auto reader = open_table(write("gbk.csv", gbk));
  EXPECT_EQ(reader->info().encoding, "GB18030");
  std::vector<TableRow> rows;
  while (auto row = reader->next()) {
    rows.push_back(*row);
  }
  EXPECT_DOUBLE_EQ(reader->progress(), 1.0);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"姓名", "住址", "备注"}));
  EXPECT_EQ(rows[1].cells, (std::vector<std::string>{"张伟", "杨柳村, 一组", "说\"好\"\n两行"}));
  EXPECT_EQ(rows[2].line, 4);
  EXPECT_EQ(rows[2].cells, (std::vector<std::string>{"李娜", "青山镇", ""}));
}

TEST_F(TabularTest, CsvUnreadableEncodingsAreRejected) {
  EXPECT_EQ(error_of(write("utf16le.csv", std::string("\xFF\xFE"
                                                      "a\0,\0b\0",
                                                      8)))
                .code(),
            ErrorCode::kImportRejected);
  EXPECT_EQ(error_of(write("utf16be.csv", std::string("\xFE\xFF\0a\0,\0b", 8))).code(),
            ErrorCode::kImportRejected);
  // 0x80 and 0xFF are not GB18030 lead bytes.
  EXPECT_EQ(error_of(write("binary.csv", "a,b\n\x80\xFF\x80\n")).code(),
            ErrorCode::kImportRejected);
  // A BOM promises UTF-8, so GBK bytes after it are not guessed at (these would decode as
  // GB18030, the BOM's last byte pairing with the "I").
  const std::string bom_gbk = "\xEF\xBB\xBF" + utf8_to_gb18030("ID,姓名\n1,张伟\n");
  ASSERT_FALSE(is_valid_utf8(bom_gbk));
  EXPECT_EQ(error_of(write("bom-gbk.csv", bom_gbk)).code(), ErrorCode::kImportRejected);
  EXPECT_EQ(error_of(write("empty.csv", "")).code(), ErrorCode::kImportRejected);
}

TEST_F(TabularTest, CsvOtherDelimitersAreRejected) {
  for (const std::string text :
       {"姓名;户号\n甲;1\n", "姓名\t户号\n甲\t1\n", "姓名|户号\n甲|1\n", "姓名｜户号\n甲｜1\n"}) {
    const Error e = error_of(write("delimited.csv", "\n" + text));
    EXPECT_EQ(e.code(), ErrorCode::kImportRejected) << text;
    EXPECT_EQ(line_of(e), 2) << text;
  }
  // A one-column file without those characters is fine.
  EXPECT_EQ(read_all(write("one.csv", "身份证号\n34182219900101123X\n")).size(), 2u);
}

TEST_F(TabularTest, CsvQuoteErrorsNameTheLine) {
  const Error open = error_of(write("quote.csv", "a,b\n1,2\n3,\"open\n4,5\n"));
  EXPECT_EQ(open.code(), ErrorCode::kImportRejected);
  EXPECT_EQ(line_of(open), 3);
  const Error stray = error_of(write("stray.csv", "a,b\n1,2\n\n3,x\"y\n"));
  EXPECT_EQ(stray.code(), ErrorCode::kImportRejected);
  EXPECT_EQ(line_of(stray), 4);
}

TEST_F(TabularTest, CsvBlankRowsAreSkipped) {
  const auto rows = read_all(write("blank.csv", "a,b\n,\n\n \t, \n1,2"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].line, 5);
  EXPECT_EQ(rows[1].cells, (std::vector<std::string>{"1", "2"}));
}

}  // namespace
}  // namespace fanzha::tabular
