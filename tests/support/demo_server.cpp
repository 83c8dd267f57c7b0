#include "support/demo_server.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <mutex>
#include <stdexcept>

namespace fanzha::testing {

namespace {

struct Template {
  TempDir dir;
  std::string db_path;
  std::vector<DemoAccount> accounts;
};

const Template& demo_template() {
  static Template* t = [] {
    auto* created = new Template;
    created->db_path = created->dir.file("demo.db");
    created->accounts = create_demo_db(created->db_path);
    return created;
  }();
  return *t;
}

}  // namespace

DemoServer::DemoServer(const std::vector<std::string>& extra_args) {
  const Template& t = demo_template();
  db_path_ = dir_.file("fanzha.db");
  std::filesystem::copy_file(t.db_path, db_path_);
  std::filesystem::copy_file(t.db_path + ".key", db_path_ + ".key");
  server_ = std::make_unique<ServerProcess>(db_path_, extra_args);
}

const std::vector<DemoAccount>& DemoServer::accounts() const { return demo_template().accounts; }

const std::string& DemoServer::password(const std::string& username) const {
  for (const auto& a : accounts()) {
    if (a.username == username) {
      return a.password;
    }
  }
  throw std::runtime_error("no demo account " + username);
}

ApiClient DemoServer::client_as(const std::string& username) const {
  ApiClient client(port());
  const auto r = client.login(username, password(username));
  EXPECT_EQ(r.status, 200) << "login as " << username << ": " << r.body;
  return client;
}

ApiClient& DemoServer::admin() const {
  if (!admin_) {
    admin_ = std::make_unique<ApiClient>(client_as("admin"));
  }
  return *admin_;
}

int64_t DemoServer::unit_id(const std::string& code) const {
  if (auto it = unit_ids_.find(code); it != unit_ids_.end()) {
    return it->second;
  }
  const auto r = admin().get("/api/org/search?limit=50&q=" + code);
  const auto body = r.json();
  for (const auto& unit : body["units"]) {
    if (unit["code"] == code) {
      return unit_ids_[code] = unit["id"].get<int64_t>();
    }
  }
  throw std::runtime_error("no unit with code " + code + ": " + r.body.substr(0, 300));
}

int64_t DemoServer::user_id(const std::string& username) const {
  const auto r = admin().get("/api/users?limit=50&q=" + username);
  const auto body = r.json();
  for (const auto& user : body["users"]) {
    if (user["username"] == username) {
      return user["id"].get<int64_t>();
    }
  }
  throw std::runtime_error("no user " + username);
}

}  // namespace fanzha::testing
