// Roster imports with real files over HTTP: GBK CSV, XLSX (good, truncated, corrupt),
// a file over the upload limit, and a server killed in the middle of an import.
#include <gtest/gtest.h>
#include <iconv.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "domain/resident_id.h"
#include "support/demo_server.h"
#include "tabular/xlsx_writer.h"

namespace fanzha::testing {
namespace {

std::string valid_id(int n) {
  // Region 349901, born 1960-01-01 plus n days' worth of sequence numbers (never in the demo's
  // range, which counts up from 001).
  const std::string first17 = "34990119600101" + std::to_string(500 + n % 400);
  return first17 + domain::resident_id_check_char(first17);
}

std::string to_gbk(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string out(utf8.size() * 2, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* dst = out.data();
  size_t out_left = out.size();
  iconv(cd, &in, &in_left, &dst, &out_left);
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

nlohmann::json wait_for_job(ApiClient& client, int64_t id) {
  for (int i = 0; i < 600; ++i) {
    const auto job = client.get("/api/imports/" + std::to_string(id)).json()["job"];
    const std::string status = job.value("status", "");
    if (status != "queued" && status != "running") {
      return job;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ADD_FAILURE() << "import job " << id << " did not finish";
  return {};
}

int64_t submit(ApiClient& client, int64_t into, const std::string& body, const std::string& type,
               const std::string& name) {
  const auto r = client.request(
      "POST", "/api/imports/people?into=" + std::to_string(into) + "&file_name=" + name, body,
      {{"Content-Type", type}});
  EXPECT_EQ(r.status, 202) << r.body;
  return r.json()["job"]["id"].get<int64_t>();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

class ImportFilesTest : public ::testing::Test {
 protected:
  ImportFilesTest()
      : client_(server_.client_as("village01")), village_(server_.unit_id("349901100201")) {}

  DemoServer server_;
  ApiClient client_;
  int64_t village_;
  TempDir dir_;
};

TEST_F(ImportFilesTest, GbkCsvFromExcelIsDecoded) {
  const std::string csv =
      "姓名,身份证号,户号,与户主关系,所属网格/村民组,住址\r\n"
      "国标甲," +
      valid_id(1) +
      ",G001,户主,一组,\"杨柳村一组, 东头\"\r\n"
      "国标乙," +
      valid_id(2) + ",G001,妻,一组,\r\n";
  const auto job =
      wait_for_job(client_, submit(client_, village_, to_gbk(csv), "text/csv", "gbk.csv"));
  EXPECT_EQ(job["status"], "succeeded") << job.dump();
  EXPECT_EQ(job["report"]["encoding"], "GB18030");
  EXPECT_EQ(job["created"], 2);
  const auto people = client_.get("/api/people?q=%E5%9B%BD%E6%A0%87").json();  // 国标
  ASSERT_EQ(people["total"], 2);
  for (const auto& person : people["people"]) {
    EXPECT_EQ(person["address"], person["name"] == "国标甲" ? "杨柳村一组, 东头" : "")
        << person.dump();
  }
}

TEST_F(ImportFilesTest, XlsxRosterAndBrokenXlsxFiles) {
  const std::string path = dir_.file("roster.xlsx");
  {
    tabular::XlsxWriter xlsx(
        path, "花名册", {"姓名", "身份证号", "手机号", "户号", "与户主关系", "所属网格/村民组"});
    for (int i = 0; i < 40; ++i) {
      xlsx.add_row({"表格" + std::to_string(i), valid_id(10 + i), i % 2 ? "13900000000" : "",
                    "X" + std::to_string(i / 4), i % 4 == 0 ? "户主" : "子", "二组"});
    }
    xlsx.close();
  }
  const std::string bytes = read_file(path);
  const auto job = wait_for_job(
      client_, submit(client_, village_, bytes, "application/octet-stream", "roster.xlsx"));
  EXPECT_EQ(job["status"], "succeeded") << job.dump();
  EXPECT_EQ(job["report"]["format"], "xlsx");
  EXPECT_EQ(job["created"], 40);
  EXPECT_EQ(client_.get("/api/households?q=X").json()["total"], 10);

  // Cut in half: the zip directory at the end is gone.
  const auto truncated =
      wait_for_job(client_, submit(client_, village_, bytes.substr(0, bytes.size() / 2),
                                   "application/octet-stream", "cut.xlsx"));
  EXPECT_EQ(truncated["status"], "rejected");
  EXPECT_FALSE(truncated["report"]["problems"].empty());
  // A zip signature followed by garbage.
  const auto corrupt = wait_for_job(
      client_, submit(client_, village_, std::string("PK\x03\x04", 4) + std::string(5000, 'z'),
                      "application/octet-stream", "bad.xlsx"));
  EXPECT_EQ(corrupt["status"], "rejected");
}

TEST_F(ImportFilesTest, FilesOverTheLimitAreRefusedUnread) {
  const std::string big(50 << 20, 'a');
  const auto r = client_.request("POST", "/api/imports/people?into=" + std::to_string(village_),
                                 big, {{"Content-Type", "text/csv"}});
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.json()["error"]["code"], "payload_too_large");
}

TEST_F(ImportFilesTest, PhotosAreCheckedAndServedInScope) {
  const auto campaign = client_.get("/api/campaigns").json()["campaigns"][0]["id"].get<int64_t>();
  const auto household =
      client_.get("/api/households?limit=1").json()["households"][0]["id"].get<int64_t>();
  const auto visit = client_.post(
      "/api/visits",
      {{"campaign_id", campaign}, {"household_id", household}, {"face_to_face", true}});
  ASSERT_EQ(visit.status, 201) << visit.body;
  const std::string target =
      "/api/visits/" + std::to_string(visit.json()["visit"]["id"].get<int64_t>()) + "/photos";
  const std::string jpeg = std::string("\xFF\xD8\xFF\xE0", 4) + std::string(2000, 'j');
  const auto photo = client_.request("POST", target, jpeg, {{"Content-Type", "image/jpeg"}});
  ASSERT_EQ(photo.status, 201) << photo.body;
  const auto text =
      client_.request("POST", target, "not an image", {{"Content-Type", "image/jpeg"}});
  EXPECT_EQ(text.status, 415);
  const auto huge =
      client_.request("POST", target, std::string(6 << 20, 'x'), {{"Content-Type", "image/jpeg"}});
  EXPECT_EQ(huge.status, 413);
  const std::string photo_path =
      "/api/photos/" + std::to_string(photo.json()["photo_id"].get<int64_t>());
  const auto image = client_.get(photo_path);
  EXPECT_EQ(image.status, 200);
  EXPECT_EQ(image.header("Content-Type"), "image/jpeg");
  EXPECT_EQ(image.body, jpeg);
  EXPECT_EQ(server_.client_as("village02").get(photo_path).status, 404);
}

// A server killed while an import runs: after the restart the job is failed and none of
// its rows are visible.
TEST(ImportCrash, KilledMidImportLeavesNothing) {
  TempDir dir;
  const std::string db = dir.file("crash.db");
  std::string out;
  ASSERT_EQ(run_fanzha({"demo", "--db", db, "--households", "0"}, &out), 0);
  std::string password;
  {
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
      if (line.starts_with("admin\tadmin\t")) {
        password = line.substr(12);
      }
    }
  }
  // Enough rows that the import is still running when the server is killed.
  std::string csv = "姓名,身份证号,户号,所属网格/村民组\n";
  for (int i = 0; i < 150000; ++i) {
    const std::string first17 = "3499011970" + std::to_string(1000000 + i).substr(1) + "1";
    csv += "崩溃" + std::to_string(i) + "," + first17 + domain::resident_id_check_char(first17) +
           ",C" + std::to_string(i / 3) + ",一组\n";
  }
  int64_t job = 0;
  {
    auto server = std::make_unique<ServerProcess>(db);
    ApiClient admin(server->port());
    ASSERT_EQ(admin.login("admin", password).status, 200);
    const auto me = admin.get("/api/org/search?q=349901100201&limit=1").json();
    const int64_t village = me["units"][0]["id"].get<int64_t>();
    job = submit(admin, village, csv, "text/csv", "big.csv");
    for (int i = 0; i < 200; ++i) {
      if (admin.get("/api/imports/" + std::to_string(job)).json()["job"]["status"] == "running") {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    server->kill_now();
  }
  ServerProcess server(db);
  ApiClient admin(server.port());
  ASSERT_EQ(admin.login("admin", password).status, 200);
  const auto view = admin.get("/api/imports/" + std::to_string(job)).json()["job"];
  EXPECT_EQ(view["status"], "failed") << view.dump();
  EXPECT_EQ(admin.get("/api/people?q=%E5%B4%A9%E6%BA%83").json()["total"], 0);  // 崩溃
  EXPECT_EQ(admin.get("/api/households?q=C1").json()["total"], 0);
}

}  // namespace
}  // namespace fanzha::testing
