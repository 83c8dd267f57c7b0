// `fanzha user add | disable | reset-password | list`: account administration from the
// command line, as the system (every change audited as "cli").
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/runtime.h"
#include "service/user_service.h"
#include "store/org_store.h"

namespace fanzha::cli {

namespace {

struct UserOptions {
  std::string db = kDefaultDbPath;
  std::string username;
  std::string display_name;
  std::string role;
  std::string unit_code;
  bool password_stdin = false;
};

void add_user(const UserOptions& o) {
  Runtime runtime(o.db);
  const auto role = domain::parse_role(o.role);
  if (!role) {
    throw Error(ErrorCode::kInvalidValue, "未知的角色“" + o.role + "”", "role");
  }
  std::optional<domain::OrgUnit> unit;
  {
    auto lease = runtime.db->read();
    unit = store::OrgStore(*lease).find_by_code(o.unit_code);
  }
  if (!unit) {
    throw Error(ErrorCode::kNotFound, "组织编码“" + o.unit_code + "”不存在", "unit");
  }
  const bool generated = !o.password_stdin;
  const std::string password =
      generated ? domain::generate_password(runtime.random) : read_stdin_line();
  service::UserService users(runtime.context());
  service::NewUserInput input{o.username, o.display_name.empty() ? o.username : o.display_name,
                              *role,      unit->id,
                              password,   /*must_change_password=*/generated};
  const auto user = users.create(service::system_actor(), input);
  std::cout << "已创建用户 " << user.username << "（" << domain::role_label(user.role) << "，"
            << unit->name << "）\n";
  if (generated) {
    std::cout << "初始密码: " << password << "（首次登录后须修改）\n";
  }
}

void disable_user(const UserOptions& o) {
  Runtime runtime(o.db);
  service::UserService users(runtime.context());
  const auto actor = service::system_actor();
  const auto user = users.get_by_username(actor, o.username);
  service::UserChanges changes;
  changes.active = false;
  users.update(actor, user.id, changes);
  std::cout << "已停用用户 " << user.username << "\n";
}

void reset_password(const UserOptions& o) {
  Runtime runtime(o.db);
  service::UserService users(runtime.context());
  const auto actor = service::system_actor();
  const auto user = users.get_by_username(actor, o.username);
  const auto reset =
      users.reset_password(actor, user.id, o.password_stdin ? read_stdin_line() : std::string());
  std::cout << "用户 " << user.username << " 的新密码: " << reset.password
            << "（下次登录后须修改）\n";
}

void list_users(const UserOptions& o) {
  Runtime runtime(o.db);
  service::UserService users(runtime.context());
  service::UserQuery query;
  query.limit = 500;
  for (int offset = 0;; offset += query.limit) {
    query.offset = offset;
    const auto page = users.list(service::system_actor(), query);
    for (const auto& u : page.users) {
      std::cout << u.username << '\t' << domain::role_key(u.role) << '\t' << u.org_unit_name << '\t'
                << (u.active ? "active" : "disabled") << '\n';
    }
    if (offset + query.limit >= page.total) {
      break;
    }
  }
}

}  // namespace

void add_user_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("user", "Manage user accounts");
  cmd->require_subcommand(1);
  auto o = std::make_shared<UserOptions>();

  auto* add = cmd->add_subcommand(
      "add", "Create a user (prints a generated password unless --password-stdin)");
  add->add_option("--db", o->db, "Database file")->capture_default_str();
  add->add_option("--username", o->username, "Login name")->required();
  add->add_option("--name", o->display_name, "The person's name");
  add->add_option("--role", o->role,
                  "admin, police, station, township, village, unit, school, viewer")
      ->required();
  add->add_option("--unit", o->unit_code, "Code of the org unit the user works in")->required();
  add->add_flag("--password-stdin", o->password_stdin, "Read the password from standard input");
  add->callback([o] { add_user(*o); });

  auto* disable = cmd->add_subcommand("disable", "Disable a user and end their sessions");
  disable->add_option("--db", o->db, "Database file")->capture_default_str();
  disable->add_option("--username", o->username, "Login name")->required();
  disable->callback([o] { disable_user(*o); });

  auto* reset = cmd->add_subcommand("reset-password",
                                    "Set a new password (generated unless --password-stdin)");
  reset->add_option("--db", o->db, "Database file")->capture_default_str();
  reset->add_option("--username", o->username, "Login name")->required();
  reset->add_flag("--password-stdin", o->password_stdin, "Read the password from standard input");
  reset->callback([o] { reset_password(*o); });

  auto* list = cmd->add_subcommand("list", "List users");
  list->add_option("--db", o->db, "Database file")->capture_default_str();
  list->callback([o] { list_users(*o); });
}

}  // namespace fanzha::cli
