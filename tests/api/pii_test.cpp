// No clear ID number or phone of the demo county may appear in the database file, its
// write-ahead log, the server's log or its files folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "domain/resident_id.h"
#include "support/demo_server.h"

namespace fanzha::testing {
namespace {

std::string read_all_files(const std::vector<std::filesystem::path>& paths) {
  std::string bytes;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    bytes += content.str();
  }
  return bytes;
}

TEST(PersonalNumbers, NeverStoredInClear) {
  std::vector<std::string> numbers;
  std::string db_path;
  {
    DemoServer server;
    db_path = server.db_path();
    ApiClient police = server.client_as("police");
    // The demo's numbers, as only an unmask can show them: 60 people across the county.
    const auto page = police.get("/api/people?limit=60&q=%E7%8E%8B").json();  // 王
    ASSERT_GE(page["people"].size(), 30u);
    for (const auto& person : page["people"]) {
      const auto clear =
          police.post("/api/people/" + std::to_string(person["id"].get<int64_t>()) + "/unmask",
                      {{"reason", "测试：确认数据库中没有明文"}});
      ASSERT_EQ(clear.status, 200) << clear.body;
      const std::string id = clear.json()["id_number"];
      ASSERT_EQ(id.size(), 18u);
      EXPECT_EQ(person["id_number"], id.substr(0, 4) + std::string(10, '*') + id.substr(14));
      numbers.push_back(id);
      if (const std::string phone = clear.json()["phone"]; !phone.empty()) {
        numbers.push_back(phone);
      }
    }
    // A roster import too: the uploaded file must not stay behind.
    ApiClient village = server.client_as("village01");
    const std::string first17 = "34990119610101777";
    const std::string id = first17 + domain::resident_id_check_char(first17);
    numbers.push_back(id);
    const auto job = village.request(
        "POST", "/api/imports/people?into=" + std::to_string(server.unit_id("349901100201")),
        "姓名,身份证号,手机号,户号,所属网格/村民组\n明文测试," + id + ",13700001234,PII1,一组\n",
        {{"Content-Type", "text/csv"}});
    ASSERT_EQ(job.status, 202);
    numbers.push_back("13700001234");
    for (int i = 0; i < 100; ++i) {
      const auto status =
          village.get("/api/imports/" + std::to_string(job.json()["job"]["id"].get<int64_t>()))
              .json()["job"]["status"];
      if (status == "succeeded") {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    // Look while the server still runs (the WAL is not yet folded into the file).
    std::vector<std::filesystem::path> files = {db_path, db_path + "-wal", db_path + ".log"};
    for (const auto& entry : std::filesystem::recursive_directory_iterator(db_path + ".files")) {
      if (entry.is_regular_file()) {
        files.push_back(entry.path());
      }
    }
    const std::string bytes = read_all_files(files);
    ASSERT_GT(bytes.size(), 1'000'000u);
    for (const auto& number : numbers) {
      EXPECT_EQ(bytes.find(number), std::string::npos)
          << "found a clear number in the stored files";
    }
  }
}

}  // namespace
}  // namespace fanzha::testing
