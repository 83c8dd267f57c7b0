// `fanzha check`: the scam-message checker on the command line. One message as an
// argument prints a verdict for people; --jsonl reads one message per line from stdin
// and writes one JSON object per line in the same order, streaming in batches and
// using --threads cores.
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "checker/check_json.h"
#include "cli/commands.h"
#include "common/clock.h"
#include "common/error.h"
#include "service/check_service.h"

namespace fanzha::cli {

namespace {

// Lines read, checked in parallel and written before the next batch is read.
constexpr size_t kBatchLines = 2048;

struct CheckCommandOptions {
  std::string text;
  bool jsonl = false;
  int threads = 1;
  std::string rules = FANZHA_CHECKER_RULES;
  std::string model = FANZHA_CHECKER_MODEL;
  bool rules_only = false;
  bool signals = false;
};

std::string entity_label(checker::EntityKind kind) {
  switch (kind) {
    case checker::EntityKind::kUrl:
      return "链接";
    case checker::EntityKind::kPhone:
      return "电话";
    case checker::EntityKind::kQq:
      return "QQ";
    case checker::EntityKind::kWechat:
      return "微信";
    case checker::EntityKind::kBankCard:
      return "银行卡";
    case checker::EntityKind::kAmount:
      return "金额";
  }
  return "";
}

void print_human(const checker::CheckResult& r) {
  std::cout << "判断：" << checker::verdict_label(r.verdict) << "（风险分 " << r.score
            << "/100）\n";
  if (r.type) {
    std::cout << "可能的类型：" << domain::fraud_type_label(*r.type) << "\n";
  }
  if (!r.reasons.empty()) {
    std::cout << "依据：\n";
    for (const auto& reason : r.reasons) {
      std::cout << "  " << (reason.weight > 0 ? "+" : "") << reason.weight << " " << reason.label;
      for (const auto& s : reason.spans) {
        std::cout << " 「" << r.text.substr(s.begin, s.end - s.begin) << "」";
      }
      std::cout << "\n";
    }
  }
  if (!r.entities.empty()) {
    std::cout << "发现：";
    for (size_t i = 0; i < r.entities.size(); ++i) {
      std::cout << (i ? "，" : "") << entity_label(r.entities[i].kind) << " "
                << r.entities[i].value;
    }
    std::cout << "\n";
  }
  std::cout << "建议：\n";
  for (size_t i = 0; i < r.advice.size(); ++i) {
    std::cout << "  " << i + 1 << ". " << r.advice[i] << "\n";
  }
}

std::string check_line(service::CheckService& service, const std::string& line) {
  try {
    return checker::check_result_json(service.check(line)).dump();
  } catch (const Error& e) {
    return nlohmann::json{
        {"error", {{"code", error_code_name(e.code())}, {"message", e.message()}}}}
        .dump();
  }
}

void run_jsonl(service::CheckService& service, int threads) {
  const auto workers = static_cast<size_t>(std::max(1, threads));
  std::vector<std::string> lines;
  std::vector<std::string> out;
  std::string line;
  bool more = true;
  while (more) {
    lines.clear();
    while (lines.size() < kBatchLines && (more = static_cast<bool>(std::getline(std::cin, line)))) {
      lines.push_back(line);
    }
    out.assign(lines.size(), {});
    if (workers == 1 || lines.size() < 2) {
      for (size_t i = 0; i < lines.size(); ++i) {
        out[i] = check_line(service, lines[i]);
      }
    } else {
      std::vector<std::thread> pool;
      for (size_t w = 0; w < workers; ++w) {
        pool.emplace_back([&, w] {
          for (size_t i = w; i < lines.size(); i += workers) {
            out[i] = check_line(service, lines[i]);
          }
        });
      }
      for (auto& t : pool) {
        t.join();
      }
    }
    for (const auto& o : out) {
      std::cout << o << '\n';
    }
    std::cout.flush();
  }
}

}  // namespace

void add_check_command(CLI::App& app) {
  auto o = std::make_shared<CheckCommandOptions>();
  auto* cmd = app.add_subcommand("check", "Check a suspicious message for scam patterns");
  cmd->add_option("text", o->text, "The message (omit with --jsonl)");
  cmd->add_flag("--jsonl", o->jsonl, "Read one message per line from stdin, write JSON lines");
  cmd->add_option("--threads", o->threads, "Threads for --jsonl")->capture_default_str();
  cmd->add_option("--rules", o->rules, "Rule file")->capture_default_str();
  cmd->add_option("--model", o->model, "fastText model")->capture_default_str();
  cmd->add_flag("--rules-only", o->rules_only, "Do not use the model");
  cmd->add_flag("--signals", o->signals,
                "Also list every signal that fires, weight-0 building blocks included "
                "(for rule authors)");
  cmd->callback([o] {
    static const SystemClock clock;
    service::CheckOptions options;
    options.rules_path = o->rules;
    options.model_path = o->rules_only ? "" : o->model;
    service::CheckService service(clock, options);
    if (o->jsonl) {
      run_jsonl(service, o->threads);
      return;
    }
    if (o->text.empty()) {
      throw Error(ErrorCode::kInvalidValue, "请给出要检测的内容，或用 --jsonl 从标准输入读取",
                  "text");
    }
    print_human(service.check(o->text));
    if (o->signals) {
      std::cout << "触发的信号：";
      for (const auto& name : service.fired_signals(o->text)) {
        std::cout << " " << name;
      }
      std::cout << "\n";
    }
  });
}

}  // namespace fanzha::cli
