// `fanzha serve`: migrate the database, then serve the API and the web app.
#include <signal.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "api/routes.h"
#include "cli/commands.h"
#include "cli/runtime.h"
#include "common/text.h"
#include "http/server.h"
#include "http/static_files.h"
#include "store/user_store.h"

namespace fanzha::cli {

namespace {

struct ServeOptions {
  std::string db = kDefaultDbPath;
  std::string listen = "127.0.0.1:8080";
  std::string web;
  int threads = 0;
  int idle_timeout_ms = 30'000;
  int read_timeout_ms = 30'000;
  int session_idle_minutes = 30;
  std::string log_level = "info";
  std::string checker_rules = FANZHA_CHECKER_RULES;
  std::string checker_model = FANZHA_CHECKER_MODEL;
  double check_per_minute = 60;
  double check_burst = 20;
};

// web/dist next to the working directory, else next to the binary (build/../web/dist).
std::string default_web_dir() {
  namespace fs = std::filesystem;
  if (fs::is_directory("web/dist")) {
    return "web/dist";
  }
  std::error_code ec;
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto candidate = exe.parent_path().parent_path() / "web" / "dist";
    if (fs::is_directory(candidate)) {
      return candidate.string();
    }
  }
  return "web/dist";
}

// A new database has no accounts (there is no built-in password): say how to add one.
void warn_if_nobody_can_sign_in(store::Database& db, const std::string& db_path) {
  auto lease = db.read();
  store::UserFilter everyone;
  everyone.scope_path = std::string(domain::kWholeTreePath);
  everyone.limit = 1;
  if (store::UserStore(*lease).list(everyone).total == 0) {
    spdlog::warn(
        "{} has no user accounts yet: import the org tree with `fanzha import org` and add an "
        "admin with `fanzha user add` (or create the demo county with `fanzha demo`)",
        db_path);
  }
}

void serve(const ServeOptions& o) {
  // A peer that goes away mid-write must not kill the server.
  signal(SIGPIPE, SIG_IGN);
  spdlog::set_level(spdlog::level::from_str(o.log_level));
  const size_t colon = o.listen.rfind(':');
  const auto port = colon == std::string::npos
                        ? std::nullopt
                        : parse_int64(std::string_view(o.listen).substr(colon + 1));
  if (!port || *port < 0 || *port > 65535) {
    throw Error(ErrorCode::kInvalidValue, "--listen 应为 HOST:PORT，例如 127.0.0.1:8080", "listen");
  }
  Runtime runtime(o.db);
  warn_if_nobody_can_sign_in(*runtime.db, o.db);
  service::AuthOptions auth_options;
  auth_options.idle_timeout_ms = int64_t{o.session_idle_minutes} * kMillisPerMinute;
  api::CheckSetup check;
  check.options.rules_path = o.checker_rules;
  check.options.model_path = o.checker_model;
  check.limit.per_minute = o.check_per_minute;
  check.limit.burst = o.check_burst;
  api::Services services(runtime.context(), auth_options, check);
  services.imports.recover();

  http::Router router;
  api::add_all_routes(router, services, FANZHA_VERSION);
  const http::StaticFiles web(o.web.empty() ? default_web_dir() : o.web);
  router.set_fallback([&web](http::Request& request) { return web.serve(request); });

  http::ServerOptions server_options;
  server_options.host = o.listen.substr(0, colon);
  server_options.port = static_cast<uint16_t>(*port);
  server_options.threads = o.threads;
  server_options.idle_timeout = std::chrono::milliseconds(o.idle_timeout_ms);
  server_options.read_timeout = std::chrono::milliseconds(o.read_timeout_ms);
  server_options.upload_dir = runtime.files_dir + "/uploads";
  std::filesystem::create_directories(server_options.upload_dir);

  http::Server server(server_options, router);
  const uint16_t bound = server.listen();
  // Scripts and tests wait for this exact line (and read the port from it).
  std::cout << "fanzha listening on http://" << server_options.host << ":" << bound << std::endl;
  server.run();
  spdlog::info("stopped");
}

}  // namespace

void add_serve_command(CLI::App& app) {
  auto options = std::make_shared<ServeOptions>();
  auto* cmd = app.add_subcommand("serve", "Serve the API and the web app");
  cmd->add_option("--db", options->db, "Database file")->capture_default_str();
  cmd->add_option("--listen", options->listen, "HOST:PORT to listen on (port 0: any free port)")
      ->capture_default_str();
  cmd->add_option("--web", options->web, "Folder of the built web app (default: web/dist)");
  cmd->add_option("--threads", options->threads, "Server threads (0: automatic)")
      ->capture_default_str();
  cmd->add_option("--idle-timeout-ms", options->idle_timeout_ms,
                  "Close a connection that sends no (complete) request header for this long")
      ->capture_default_str();
  cmd->add_option("--read-timeout-ms", options->read_timeout_ms,
                  "Time allowed to receive a request body")
      ->capture_default_str();
  cmd->add_option("--session-idle-minutes", options->session_idle_minutes,
                  "Sign users out after this many minutes without a request")
      ->capture_default_str();
  cmd->add_option("--log-level", options->log_level, "trace, debug, info, warn, error")
      ->capture_default_str();
  cmd->add_option("--checker-rules", options->checker_rules,
                  "Scam-message rule file (reloaded when it changes)")
      ->capture_default_str();
  cmd->add_option("--checker-model", options->checker_model,
                  "Scam-message fastText model (empty: rules only)")
      ->capture_default_str();
  cmd->add_option("--check-per-minute", options->check_per_minute,
                  "POST /api/check: checks per minute per client address (0: no limit)")
      ->capture_default_str();
  cmd->add_option("--check-burst", options->check_burst,
                  "POST /api/check: checks a client address may make at once")
      ->capture_default_str();
  cmd->callback([options] { serve(*options); });
}

}  // namespace fanzha::cli
