// `fanzha migrate`, `fanzha version` and `fanzha import org`.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "cli/runtime.h"
#include "service/org_service.h"
#include "store/migrations.h"

namespace fanzha::cli {

void add_migrate_command(CLI::App& app) {
  auto db = std::make_shared<std::string>(kDefaultDbPath);
  auto* cmd = app.add_subcommand("migrate", "Create or upgrade the database schema");
  cmd->add_option("--db", *db, "Database file")->capture_default_str();
  cmd->callback([db] {
    Runtime runtime(*db);  // applies the migrations
    std::cout << "schema version " << store::schema_version(*runtime.db) << "\n";
  });
}

void add_version_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("version", "Print the version");
  cmd->callback([] { std::cout << "fanzha " << FANZHA_VERSION << "\n"; });
}

void add_import_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("import", "Import data from files");
  cmd->require_subcommand(1);
  struct Options {
    std::string db = kDefaultDbPath;
    std::string file;
  };
  auto o = std::make_shared<Options>();
  auto* org = cmd->add_subcommand(
      "org", "Import org units from CSV (code,parent_code,name,kind); all or nothing");
  org->add_option("--db", o->db, "Database file")->capture_default_str();
  org->add_option("file", o->file, "CSV file (UTF-8)")->required()->check(CLI::ExistingFile);
  org->callback([o] {
    std::ifstream in(o->file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    Runtime runtime(o->db);
    service::OrgService service(runtime.context());
    const auto summary = service.import_csv(service::system_actor(), text.str());
    std::cout << "新建 " << summary.created << "，改名 " << summary.renamed << "，未变 "
              << summary.unchanged << "\n";
  });
}

}  // namespace fanzha::cli
