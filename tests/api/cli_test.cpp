// The `fanzha` command line: exit codes, output, and that it goes through the same
// rules and audit as the API.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/resident_id.h"
#include "support/demo_server.h"

namespace fanzha::testing {
namespace {

TEST(Cli, VersionAndMigrate) {
  TempDir dir;
  std::string out;
  EXPECT_EQ(run_fanzha({"version"}, &out), 0);
  EXPECT_TRUE(out.starts_with("fanzha "));
  EXPECT_EQ(run_fanzha({"migrate", "--db", dir.file("a/b.db")}, &out), 0);
  EXPECT_TRUE(out.starts_with("schema version ") && std::stoi(out.substr(15)) >= 2) << out;
  EXPECT_NE(run_fanzha({"no-such-command"}, &out), 0);
}

TEST(Cli, DemoPrintsOneLinePerAccountAndRefusesToRunTwice) {
  TempDir dir;
  std::string out, err;
  ASSERT_EQ(run_fanzha({"demo", "--db", dir.file("d.db"), "--seed", "5"}, &out, &err), 0) << err;
  std::istringstream lines(out);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    EXPECT_EQ(std::count(line.begin(), line.end(), '\t'), 2) << line;
    ++count;
  }
  EXPECT_EQ(count, 9);
  EXPECT_EQ(run_fanzha({"demo", "--db", dir.file("d.db")}, &out, &err), 5);
}

TEST(Cli, CheckPrintsAVerdictAndTheSignalsForRuleAuthors) {
  std::string out, err;
  ASSERT_EQ(run_fanzha({"check", "--rules-only", "--signals",
                        "我是公安局的，你涉嫌洗钱，马上把钱转到安全账户"},
                       &out, &err),
            0)
      << err;
  EXPECT_NE(out.find("判断：诈骗"), std::string::npos) << out;
  EXPECT_NE(out.find("触发的信号："), std::string::npos) << out;
  EXPECT_NE(out.find(" safe_account"), std::string::npos) << out;   // a weighted signal
  EXPECT_NE(out.find(" money_ask"), std::string::npos) << out;      // a building block
  EXPECT_NE(run_fanzha({"check", "--rules-only"}, &out, &err), 0);  // nothing to check
}

TEST(Cli, ImportOrgIsAllOrNothingWithLineNumbers) {
  TempDir dir;
  const std::string db = dir.file("o.db");
  std::ofstream(dir.file("bad.csv")) << "code,parent_code,name,kind\n"
                                        "349901,,安澜县,county\n"
                                        "349901100,349901,城关镇,township\n"
                                        "3499011002,349901100,坏村,village\n";
  std::string out, err;
  EXPECT_EQ(run_fanzha({"import", "org", "--db", db, dir.file("bad.csv")}, &out, &err), 7);
  EXPECT_NE(err.find("第4行"), std::string::npos) << err;
  std::ofstream(dir.file("good.csv")) << "code,parent_code,name,kind\n"
                                         "349901,,安澜县,county\n"
                                         "349901100,349901,城关镇,township\n";
  EXPECT_EQ(run_fanzha({"import", "org", "--db", db, dir.file("good.csv")}, &out, &err), 0) << err;
  EXPECT_NE(out.find("新建 2"), std::string::npos) << out;
  EXPECT_EQ(run_fanzha({"import", "org", "--db", db, dir.file("good.csv")}, &out, &err), 0);
  EXPECT_NE(out.find("未变 2"), std::string::npos) << out;
}

TEST(Cli, UserAddDisableAndResetPassword) {
  TempDir dir;
  const std::string db = dir.file("u.db");
  std::ofstream(dir.file("tree.csv")) << "code,parent_code,name,kind\n349901,,安澜县,county\n";
  std::string out, err;
  ASSERT_EQ(run_fanzha({"import", "org", "--db", db, dir.file("tree.csv")}, &out, &err), 0) << err;

  // No default password: one is generated and shown once, or read from stdin.
  ASSERT_EQ(run_fanzha({"user", "add", "--db", db, "--username", "chief", "--name", "王主任",
                        "--role", "admin", "--unit", "349901"},
                       &out, &err),
            0)
      << err;
  EXPECT_NE(out.find("初始密码: "), std::string::npos);
  ASSERT_EQ(run_fanzha({"user", "add", "--db", db, "--username", "deputy", "--role", "viewer",
                        "--unit", "349901", "--password-stdin"},
                       &out, &err, "Chosen-by-me-2026\n"),
            0)
      << err;
  // Rules apply on the command line too.
  EXPECT_EQ(run_fanzha({"user", "add", "--db", db, "--username", "weak", "--role", "viewer",
                        "--unit", "349901", "--password-stdin"},
                       &out, &err, "short\n"),
            3);
  EXPECT_EQ(run_fanzha({"user", "add", "--db", db, "--username", "xiaoli", "--role", "village",
                        "--unit", "349901"},
                       &out, &err),
            5);

  {
    ServerProcess server(db);
    ApiClient deputy(server.port());
    EXPECT_EQ(deputy.login("deputy", "Chosen-by-me-2026").status, 200);
  }
  EXPECT_EQ(run_fanzha({"user", "disable", "--db", db, "--username", "deputy"}, &out, &err), 0);
  EXPECT_EQ(run_fanzha({"user", "disable", "--db", db, "--username", "nobody"}, &out, &err), 4);
  ASSERT_EQ(run_fanzha({"user", "reset-password", "--db", db, "--username", "chief"}, &out, &err),
            0);
  const std::string marker = "的新密码: ";
  const std::string password = out.substr(out.find(marker) + marker.size(), 12);
  ASSERT_EQ(run_fanzha({"user", "list", "--db", db}, &out, &err), 0);
  EXPECT_NE(out.find("deputy\tviewer\t安澜县\tdisabled"), std::string::npos) << out;

  ServerProcess server(db);
  ApiClient deputy(server.port());
  EXPECT_EQ(deputy.login("deputy", "Chosen-by-me-2026").status, 403);
  ApiClient chief(server.port());
  const auto r = chief.login("chief", password);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["user"]["must_change_password"], true);
  // Until the reset password is changed, nothing else is allowed.
  EXPECT_EQ(chief.get("/api/audit").json()["error"]["code"], "password_change_required");
  ASSERT_EQ(chief
                .post("/api/me/password",
                      {{"current_password", password}, {"new_password", "Own-choice-2026"}})
                .status,
            200);
  // The command line's changes are audited as "cli".
  const auto audit = chief.get("/api/audit?username=cli").json();
  std::vector<std::string> actions;
  for (const auto& e : audit["entries"]) {
    actions.push_back(e["action"]);
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"user.reset_password", "user.update", "user.create",
                                               "user.create", "org.import"}));
}

}  // namespace
}  // namespace fanzha::testing

namespace fanzha::testing {
namespace {

TEST(Cli, ImportPeopleReportsAndFailsOnBadRows) {
  TempDir dir;
  const std::string db = dir.file("p.db");
  std::string out, err;
  ASSERT_EQ(run_fanzha({"demo", "--db", db, "--households", "0"}, &out, &err), 0) << err;
  const std::string first17 = "34990119700101881";
  const std::string id = first17 + domain::resident_id_check_char(first17);
  std::ofstream(dir.file("good.csv"))
      << "姓名,身份证号,户号,所属网格/村民组\n命令行甲," << id << ",K1,一组\n";
  std::ofstream(dir.file("bad.csv"))
      << "姓名,身份证号,户号,所属网格/村民组\n命令行乙,123,K2,一组\n";
  std::ofstream(dir.file("unmapped.csv")) << "姓名,户号,备用电话\n命令行丙,K3,13900001234\n";
  EXPECT_EQ(
      run_fanzha({"import", "people", "--db", db, "--into", "349901100201", dir.file("good.csv")},
                 &out, &err),
      0)
      << err;
  EXPECT_NE(out.find("新增 1 人"), std::string::npos) << out;
  EXPECT_EQ(
      run_fanzha({"import", "people", "--db", db, "--into", "349901100201", dir.file("good.csv")},
                 &out, &err),
      0);
  EXPECT_NE(out.find("未变 1 人"), std::string::npos) << out;
  EXPECT_EQ(
      run_fanzha({"import", "people", "--db", db, "--into", "349901100201", dir.file("bad.csv")},
                 &out, &err),
      7);
  EXPECT_NE(err.find("第2行"), std::string::npos) << err;
  EXPECT_EQ(run_fanzha({"import", "people", "--db", db, "--into", "349901100201",
                        dir.file("unmapped.csv")},
                       &out, &err),
            7);
  EXPECT_NE(out.find("备用电话"), std::string::npos) << out;
  EXPECT_EQ(run_fanzha({"import", "people", "--db", db, "--into", "349901100201", "--map",
                        "备用电话=phone", dir.file("unmapped.csv")},
                       &out, &err),
            0);
  EXPECT_NE(out.find("新增 1 人"), std::string::npos) << out;
}

TEST(Cli, ImportCasesUpdatesNeverDoublesAndRejectsBadFiles) {
  TempDir dir;
  const std::string db = dir.file("c.db");
  std::string out, err;
  ASSERT_EQ(run_fanzha({"demo", "--db", db, "--households", "0"}, &out, &err), 0) << err;
  const std::string header = "案件编号,发案时间,发案地,诈骗类型,损失金额,涉案账号\n";
  std::ofstream(dir.file("good.csv"))
      << header
      << "CLI-2025-0001,2025-03-01 09:30,349901100201,刷单返利,\"1,500\",6222021234567890123\n"
      << "CLI-2025-0002,2025/03/02 20:00,城关镇,冒充公检法,2.5万,\n";
  std::ofstream(dir.file("missing.csv"))
      << "案件编号,发案时间,发案地,损失金额\nCLI-1,2025-03-01,城关镇,1\n";
  std::ofstream(dir.file("mixed.csv"))
      << header << "CLI-2025-0003,2025-03-03 08:00,城关镇,刷单返利,100,\n"
      << "CLI-2025-0004,2025-03-03 08:00,城关镇,刷单返利,很多,\n";
  EXPECT_EQ(run_fanzha({"import", "cases", "--db", db, dir.file("good.csv")}, &out, &err), 0)
      << err;
  EXPECT_NE(out.find("新增 2 起"), std::string::npos) << out;
  EXPECT_EQ(run_fanzha({"import", "cases", "--db", db, dir.file("good.csv")}, &out, &err), 0)
      << err;
  EXPECT_NE(out.find("未变 2 起"), std::string::npos) << out;
  EXPECT_EQ(run_fanzha({"import", "cases", "--db", db, dir.file("missing.csv")}, &out, &err), 7);
  EXPECT_NE(out.find("缺少“诈骗类型”列"), std::string::npos) << out;
  EXPECT_EQ(run_fanzha({"import", "cases", "--db", db, dir.file("mixed.csv")}, &out, &err), 7);
  EXPECT_NE(out.find("第3行 [loss]"), std::string::npos) << out;
  EXPECT_EQ(run_fanzha({"import", "cases", "--db", db, "--mode", "valid_rows", "--rejects",
                        dir.file("rejects.xlsx"), dir.file("mixed.csv")},
                       &out, &err),
            0)
      << err;
  EXPECT_NE(out.find("新增 1 起"), std::string::npos) << out;
  EXPECT_NE(out.find("未导入 1 行"), std::string::npos) << out;
  EXPECT_TRUE(std::filesystem::exists(dir.file("rejects.xlsx")));
}

}  // namespace
}  // namespace fanzha::testing
