// Test support: a running server on a private copy of the demo county. The demo
// database is made once per test process and copied for every DemoServer, so each test
// starts from the same state in milliseconds.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "support/http_client.h"
#include "support/server_process.h"

namespace fanzha::testing {

class DemoServer {
 public:
  explicit DemoServer(const std::vector<std::string>& extra_args = {});

  uint16_t port() const { return server_->port(); }
  const std::string& db_path() const { return db_path_; }
  // The demo password of a demo account.
  const std::string& password(const std::string& username) const;
  // A client signed in as a demo account (fails the test when sign-in fails).
  ApiClient client_as(const std::string& username) const;
  // Id of the unit with this code (looked up as admin).
  int64_t unit_id(const std::string& code) const;
  int64_t user_id(const std::string& username) const;
  const std::vector<DemoAccount>& accounts() const;

 private:
  ApiClient& admin() const;

  TempDir dir_;
  std::string db_path_;
  std::unique_ptr<ServerProcess> server_;
  mutable std::unique_ptr<ApiClient> admin_;  // a separate session for id look-ups
  mutable std::map<std::string, int64_t> unit_ids_;
};

}  // namespace fanzha::testing
