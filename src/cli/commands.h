// The subcommands of the `fanzha` binary. Each adds itself to the CLI11 app; its
// callback runs the command and throws fanzha::Error on failure (main maps it to an
// exit code and a message).
#pragma once

#include <CLI/CLI.hpp>

namespace fanzha::cli {

void add_serve_command(CLI::App& app);
void add_migrate_command(CLI::App& app);
void add_demo_command(CLI::App& app);
void add_user_command(CLI::App& app);
void add_import_command(CLI::App& app);
void add_version_command(CLI::App& app);
void add_check_command(CLI::App& app);

// Runs the CLI; returns the process exit code.
int run(int argc, char** argv);

}  // namespace fanzha::cli
