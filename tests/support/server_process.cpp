#include "support/server_process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fanzha::testing {

namespace {

constexpr int kStartTimeoutMs = 15000;

struct Child {
  pid_t pid;
  int out_fd;
  int err_fd;
  int in_fd;
};

// Starts the binary with `args`; stderr goes to `stderr_file` when given, else a pipe.
Child spawn(const std::vector<std::string>& args, const std::string& stderr_file = "") {
  int out_pipe[2], err_pipe[2], in_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0 || pipe(in_pipe) != 0) {
    throw std::runtime_error("pipe failed");
  }
  const pid_t pid = fork();
  if (pid < 0) {
    throw std::runtime_error("fork failed");
  }
  if (pid == 0) {
    dup2(in_pipe[0], STDIN_FILENO);
    dup2(out_pipe[1], STDOUT_FILENO);
    if (stderr_file.empty()) {
      dup2(err_pipe[1], STDERR_FILENO);
    } else {
      const int fd = open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      dup2(fd, STDERR_FILENO);
      close(fd);
    }
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1], in_pipe[0], in_pipe[1]}) {
      close(fd);
    }
    std::vector<char*> argv;
    std::string binary = fanzha_binary();
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) {
      argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  close(in_pipe[0]);
  return {pid, out_pipe[0], err_pipe[0], in_pipe[1]};
}

std::string read_all(int fd) {
  std::string out;
  char buffer[4096];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof buffer)) > 0) {
    out.append(buffer, static_cast<size_t>(n));
  }
  return out;
}

}  // namespace

std::string fanzha_binary() {
  if (const char* env = std::getenv("FANZHA_BIN"); env && *env) {
    return env;
  }
  return FANZHA_BIN;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "fanzha-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) {
    throw std::runtime_error("mkdtemp failed");
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

int run_fanzha(const std::vector<std::string>& args, std::string* out, std::string* err,
               const std::string& stdin_text) {
  Child child = spawn(args);
  if (!stdin_text.empty()) {
    [[maybe_unused]] auto written = write(child.in_fd, stdin_text.data(), stdin_text.size());
  }
  close(child.in_fd);
  // stderr is small; read stdout first, then stderr.
  std::string captured_out = read_all(child.out_fd);
  std::string captured_err = read_all(child.err_fd);
  close(child.out_fd);
  close(child.err_fd);
  int status = 0;
  waitpid(child.pid, &status, 0);
  if (out) {
    *out = std::move(captured_out);
  }
  if (err) {
    *err = std::move(captured_err);
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<DemoAccount> create_demo_db(const std::string& db_path) {
  std::string out, err;
  const int code = run_fanzha({"demo", "--db", db_path}, &out, &err);
  if (code != 0) {
    throw std::runtime_error("fanzha demo failed: " + err);
  }
  std::vector<DemoAccount> accounts;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    DemoAccount a;
    std::getline(fields, a.role, '\t');
    std::getline(fields, a.username, '\t');
    std::getline(fields, a.password, '\t');
    accounts.push_back(a);
  }
  return accounts;
}

ServerProcess::ServerProcess(const std::string& db_path,
                             const std::vector<std::string>& extra_args) {
  std::vector<std::string> args = {"serve",       "--db",        db_path, "--listen",
                                   "127.0.0.1:0", "--log-level", "warn"};
  if (std::find(extra_args.begin(), extra_args.end(), "--web") == extra_args.end()) {
    args.insert(args.end(), {"--web", db_path + ".no-web"});  // API tests need no web app
  }
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  log_path_ = db_path + ".log";
  Child child = spawn(args, log_path_);
  close(child.in_fd);
  close(child.err_fd);
  pid_ = child.pid;
  out_fd_ = child.out_fd;
  // Read stdout until the "listening" line; leave stderr to the terminal via a drain.
  std::string seen;
  const std::string marker = "fanzha listening on http://127.0.0.1:";
  pollfd pfd{child.out_fd, POLLIN, 0};
  int waited = 0;
  while (waited < kStartTimeoutMs) {
    const int ready = poll(&pfd, 1, 100);
    waited += 100;
    if (ready <= 0) {
      continue;
    }
    char buffer[512];
    const ssize_t n = read(child.out_fd, buffer, sizeof buffer);
    if (n <= 0) {
      break;
    }
    seen.append(buffer, static_cast<size_t>(n));
    const size_t at = seen.find(marker);
    const size_t eol = at == std::string::npos ? at : seen.find('\n', at);
    if (eol != std::string::npos) {
      port_ = static_cast<uint16_t>(
          std::stoi(seen.substr(at + marker.size(), eol - at - marker.size())));
      break;
    }
  }
  if (port_ == 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    throw std::runtime_error("fanzha serve did not start: " + seen);
  }
}

void ServerProcess::kill_now() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
}

ServerProcess::~ServerProcess() {
  if (out_fd_ >= 0) {
    close(out_fd_);
  }
  if (pid_ <= 0) {
    return;
  }
  kill(pid_, SIGTERM);
  int status = 0;
  bool exited = false;
  for (int i = 0; i < 100 && !exited; ++i) {
    exited = waitpid(pid_, &status, WNOHANG) == pid_;
    if (!exited) {
      usleep(100'000);
    }
  }
  if (!exited) {
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
    ADD_FAILURE() << "fanzha serve did not stop on SIGTERM within 10 s";
    return;
  }
  // A clean stop exits 0; sanitizer reports (leaks, UB, memory errors) exit non-zero.
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::ifstream log(log_path_);
    std::stringstream text;
    text << log.rdbuf();
    // Show a sanitizer report from its first line (the kind of error and the faulting
    // stack); otherwise the end of the log, where the failure is.
    const std::string all = text.str();
    constexpr size_t kShown = 12000;
    size_t from = all.find("ERROR: ");
    if (from == std::string::npos) {
      from = all.find("runtime error: ");
    }
    if (from == std::string::npos) {
      from = all.size() > kShown ? all.size() - kShown : 0;
    } else {
      from = all.rfind('\n', from) == std::string::npos ? 0 : all.rfind('\n', from) + 1;
    }
    ADD_FAILURE() << "fanzha serve ended badly (status " << status << "); its log:\n"
                  << all.substr(from, kShown);
  }
}

}  // namespace fanzha::testing
