// `fanzha migrate`, `fanzha version` and `fanzha import org`.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <vector>

#include "cli/commands.h"
#include "cli/runtime.h"
#include "service/case_import.h"
#include "service/org_service.h"
#include "service/roster_import.h"
#include "store/migrations.h"
#include "store/org_store.h"

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

namespace {

std::optional<service::ImportMode> mode_option(const std::string& text) {
  const auto mode = service::parse_import_mode(text);
  if (!mode) {
    throw Error(ErrorCode::kInvalidValue, "--mode 应为 all_or_nothing 或 valid_rows", "mode");
  }
  return mode;
}

template <typename Options>
void import_people(const Options& o) {
  Runtime runtime(o.db);
  const auto mode = mode_option(o.mode);
  std::optional<domain::OrgUnit> unit;
  {
    auto lease = runtime.db->read();
    unit = store::OrgStore(*lease).find_by_code(o.into);
  }
  if (!unit) {
    throw Error(ErrorCode::kNotFound, "组织编码“" + o.into + "”不存在", "into");
  }
  service::RosterImportRequest request;
  request.into_unit_id = unit->id;
  request.file_path = o.file;
  request.mode = *mode;
  request.rejects_path = o.rejects;
  request.file_name = o.file;
  for (const auto& choice : o.map) {
    const size_t eq = choice.find('=');
    if (eq == std::string::npos) {
      throw Error(ErrorCode::kInvalidValue, "--map 应写成 表头=字段", "map");
    }
    request.mapping.emplace_back(choice.substr(0, eq), choice.substr(eq + 1));
  }
  const auto report = service::import_roster(
      runtime.context(), service::system_actor(), request, [](int64_t rows, double fraction) {
        std::cerr << "\r已读 " << rows << " 行（" << static_cast<int>(fraction * 100) << "%）"
                  << std::flush;
      });
  std::cerr << "\n";
  std::cout << "文件: " << report.format << " " << report.encoding << "，数据行 "
            << report.rows_total << "\n";
  for (const auto& problem : report.problems) {
    std::cout << "表头问题: " << problem << "\n";
  }
  if (report.status == "needs_mapping") {
    throw Error(ErrorCode::kImportRejected,
                "请用 --map 指定不认识的列（表头=字段 或 表头=ignore）");
  }
  std::cout << "新增 " << report.created << " 人，更新 " << report.updated << " 人，未变 "
            << report.unchanged << " 人，新建 " << report.households_created << " 户，未导入 "
            << report.rejected << " 行\n";
  if (report.rejects_written) {
    std::cout << "未导入的行已写入 " << o.rejects << "\n";
  }
  if (report.status == "rejected") {
    throw Error(ErrorCode::kImportRejected,
                "导入失败：" + std::to_string(report.rejected) + " 行有错误，未导入任何数据")
        .with_details(report.errors);
  }
  if (!report.errors.empty()) {
    for (const auto& e : report.errors) {
      std::cout << "  第" << e.line << "行 [" << e.field << "]: " << e.message << "\n";
    }
  }
}

struct CaseOptions {
  std::string db = kDefaultDbPath;
  std::string into;
  std::string mode = "all_or_nothing";
  std::string rejects;
  std::string file;
};

void import_cases(const CaseOptions& o) {
  Runtime runtime(o.db);
  const auto mode = mode_option(o.mode);
  std::optional<domain::OrgUnit> unit;
  {
    auto lease = runtime.db->read();
    store::OrgStore units(*lease);
    if (!o.into.empty()) {
      unit = units.find_by_code(o.into);
    } else if (const auto roots = units.roots(); roots.size() == 1) {
      unit = roots.front();
    } else {
      throw Error(ErrorCode::kMissingField, "有多个顶级组织，请用 --into 指定导入范围", "into");
    }
  }
  if (!unit) {
    throw Error(ErrorCode::kNotFound, "组织编码“" + o.into + "”不存在", "into");
  }
  service::RosterImportRequest request;
  request.into_unit_id = unit->id;
  request.file_path = o.file;
  request.mode = *mode;
  request.rejects_path = o.rejects;
  request.file_name = o.file;
  const auto report = service::import_cases(
      runtime.context(), service::system_actor(), request,
      [](int64_t rows, double) { std::cerr << "\r已读 " << rows << " 行" << std::flush; });
  std::cerr << "\n";
  std::cout << "文件: " << report.format << " " << report.encoding << "，数据行 "
            << report.rows_total << "\n";
  for (const auto& problem : report.problems) {
    std::cout << "表头问题: " << problem << "\n";
  }
  std::cout << "新增 " << report.created << " 起，更新 " << report.updated << " 起，未变 "
            << report.unchanged << " 起，未导入 " << report.rejected << " 行\n";
  for (const auto& e : report.errors) {
    std::cout << "  第" << e.line << "行 [" << e.field << "]: " << e.message << "\n";
  }
  if (report.rejects_written) {
    std::cout << "未导入的行已写入 " << o.rejects << "\n";
  }
  if (report.status == "rejected") {
    throw Error(ErrorCode::kImportRejected,
                report.problems.empty()
                    ? "导入失败：" + std::to_string(report.rejected) + " 行有错误，未导入任何案件"
                    : "导入失败：表头不完整，未导入任何案件")
        .with_details(report.errors);
  }
}

}  // namespace

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

  struct PeopleOptions {
    std::string db = kDefaultDbPath;
    std::string into;
    std::string mode = "all_or_nothing";
    std::string rejects;
    std::vector<std::string> map;
    std::string file;
  };
  auto p = std::make_shared<PeopleOptions>();
  auto* people = cmd->add_subcommand(
      "people", "Import a roster of households and people (CSV in UTF-8/GBK, or XLSX) into a unit");
  people->add_option("--db", p->db, "Database file")->capture_default_str();
  people->add_option("--into", p->into, "Code of the unit the roster belongs to")->required();
  people->add_option("--mode", p->mode, "all_or_nothing, or valid_rows (import the good rows)")
      ->capture_default_str();
  people->add_option("--rejects", p->rejects, "valid_rows: write the rejected rows to this XLSX");
  people->add_option("--map", p->map, "Header mapping HEADER=FIELD (or HEADER=ignore); repeatable");
  people->add_option("file", p->file, "Roster file")->required()->check(CLI::ExistingFile);
  people->callback([p] { import_people(*p); });

  auto c = std::make_shared<CaseOptions>();
  auto* cases = cmd->add_subcommand(
      "cases",
      "Import cases exported by the police case system (CSV or XLSX); a case number "
      "already registered updates that case");
  cases->add_option("--db", c->db, "Database file")->capture_default_str();
  cases->add_option("--into", c->into,
                    "Code of the unit whose subtree the cases belong to "
                    "(default: the root)");
  cases->add_option("--mode", c->mode, "all_or_nothing, or valid_rows (import the good rows)")
      ->capture_default_str();
  cases->add_option("--rejects", c->rejects, "valid_rows: write the rejected rows to this XLSX");
  cases->add_option("file", c->file, "Case file")->required()->check(CLI::ExistingFile);
  cases->callback([c] { import_cases(*c); });
}

}  // namespace fanzha::cli
