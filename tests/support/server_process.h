// Test support: runs the real `fanzha` binary. `create_demo_db` makes a demo database
// (and returns its accounts); `ServerProcess` starts `fanzha serve` on a free loopback
// port against a database (its stderr goes to <db>.log) and stops it when destroyed;
// a server that then exits non-zero (a sanitizer report) fails the test.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace fanzha::testing {

// The fanzha binary under test: $FANZHA_BIN, else the one this build made.
std::string fanzha_binary();

// A fresh temporary directory, removed when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

struct DemoAccount {
  std::string role;
  std::string username;
  std::string password;
};

// Runs `fanzha demo --db path`; returns the printed accounts. Aborts the test on failure.
std::vector<DemoAccount> create_demo_db(const std::string& db_path);

// Runs a fanzha command; returns its exit code, with stdout in `out` (stderr in `err`).
int run_fanzha(const std::vector<std::string>& args, std::string* out, std::string* err = nullptr,
               const std::string& stdin_text = "");

class ServerProcess {
 public:
  ServerProcess(const std::string& db_path, const std::vector<std::string>& extra_args = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  uint16_t port() const { return port_; }
  // SIGKILL, as a crash or a power cut would stop it (no clean shutdown, no checks).
  void kill_now();

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string log_path_;  // kept open: the server must not die of SIGPIPE on stdout
  uint16_t port_ = 0;
};

}  // namespace fanzha::testing
