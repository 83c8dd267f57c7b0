// `fanzha demo`: create the demo county in an empty database and print its accounts.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/runtime.h"
#include "demo/demo_county.h"
#include "service/org_service.h"
#include "service/user_service.h"
#include "store/org_store.h"

namespace fanzha::cli {

namespace {

struct DemoOptions {
  std::string db = kDefaultDbPath;
  uint64_t seed = demo::kDefaultDemoSeed;
  int households = demo::kDefaultDemoHouseholds;
};

void create_demo(const DemoOptions& o) {
  Runtime runtime(o.db);
  {
    auto lease = runtime.db->read();
    if (store::OrgStore(*lease).subtree("/", std::nullopt, 1, 0).total > 0) {
      throw Error(ErrorCode::kConflict,
                  "数据库 " + o.db + " 已有组织数据，演示县只能建在空数据库中");
    }
  }
  const demo::DemoCounty county = demo::generate_demo_county(o.seed, o.households);
  const service::Actor system = service::system_actor("demo");
  service::OrgService org(runtime.context());
  const auto summary = org.import_csv(system, demo::demo_units_csv(county));
  service::UserService users(runtime.context());
  for (const auto& account : county.accounts) {
    int64_t unit_id = 0;
    {
      auto lease = runtime.db->read();
      unit_id = store::OrgStore(*lease).find_by_code(account.unit_code)->id;
    }
    service::NewUserInput input{account.username, account.display_name,
                                account.role,     unit_id,
                                account.password, /*must_change_password=*/false};
    users.create(system, input);
  }
  std::cerr << "演示县已创建：" << summary.created << " 个组织，" << county.accounts.size()
            << " 个账号（" << o.db << "）\n";
  for (const auto& account : county.accounts) {
    std::cout << domain::role_key(account.role) << '\t' << account.username << '\t'
              << account.password << '\n';
  }
}

}  // namespace

void add_demo_command(CLI::App& app) {
  auto o = std::make_shared<DemoOptions>();
  auto* cmd = app.add_subcommand(
      "demo", "Create the demo county (安澜县) in an empty database; prints role, user, password");
  cmd->add_option("--db", o->db, "Database file")->capture_default_str();
  cmd->add_option("--seed", o->seed, "Random seed (same seed, same county)")->capture_default_str();
  cmd->add_option("--households", o->households, "Households the grids are sized for")
      ->capture_default_str()
      ->check(CLI::Range(0, 10'000'000));
  cmd->callback([o] { create_demo(*o); });
}

}  // namespace fanzha::cli
