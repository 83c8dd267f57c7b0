#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/commands.h"
#include "common/error.h"

namespace fanzha::cli {

int run(int argc, char** argv) {
  // Logs go to stderr: stdout carries command output (demo accounts, reports).
  spdlog::set_default_logger(spdlog::stderr_color_mt("fanzha"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");

  CLI::App app{"fanzha 反诈工作平台 — anti-fraud work platform"};
  app.require_subcommand(1);
  add_serve_command(app);
  add_migrate_command(app);
  add_demo_command(app);
  add_user_command(app);
  add_import_command(app);
  add_version_command(app);
  add_check_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const Error& e) {
    std::cerr << "错误 (" << error_code_name(e.code())
              << "): " << (e.code() == ErrorCode::kInternal ? "内部错误，详见日志" : e.message())
              << "\n";
    for (const auto& d : e.details()) {
      std::cerr << "  第" << d.line << "行" << (d.field.empty() ? "" : " [" + d.field + "]") << ": "
                << d.message << "\n";
    }
    return error_exit_code(e.code());
  } catch (const std::exception& e) {
    std::cerr << "错误: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace fanzha::cli
