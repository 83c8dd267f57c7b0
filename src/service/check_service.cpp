#include "service/check_service.h"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "checker/fasttext_classifier.h"
#include "checker/rule_file.h"
#include "checker/utf8.h"
#include "common/error.h"
#include "common/text.h"
#include "service/audit_trail.h"

namespace fanzha::service {

namespace {

int64_t mtime_of(const std::string& path) {
  std::error_code ec;
  const auto t = std::filesystem::last_write_time(path, ec);
  return ec ? 0 : static_cast<int64_t>(t.time_since_epoch().count());
}

}  // namespace

CheckService::CheckService(const Clock& clock, CheckOptions options)
    : clock_(clock), options_(std::move(options)) {
  if (!options_.model_path.empty()) {
    try {
      model_ = checker::FastTextClassifier::load(options_.model_path);
    } catch (const std::exception& e) {
      throw Error(ErrorCode::kInvalidValue, std::string("无法加载诈骗信息检测模型：") + e.what(),
                  "model");
    }
  }
  file_mtime_ = mtime_of(options_.rules_path);
  auto loaded = load();
  if (auto* error = std::get_if<checker::RuleFileError>(&loaded)) {
    throw Error(ErrorCode::kInvalidValue,
                options_.rules_path + ":" + std::to_string(error->line) + ": " + error->reason,
                "rules");
  }
  status_.rules_path = options_.rules_path;
  status_.model = model_ != nullptr;
  install(std::get<0>(loaded));
  next_poll_ms_ = clock_.now_ms() + options_.reload_poll_ms;
}

std::variant<std::shared_ptr<const checker::Checker>, checker::RuleFileError> CheckService::load()
    const {
  auto compiled = checker::compile_rule_file(options_.rules_path);
  if (auto* error = std::get_if<checker::RuleFileError>(&compiled)) {
    return *error;
  }
  return std::shared_ptr<const checker::Checker>(
      std::move(std::get<std::unique_ptr<checker::Checker>>(compiled)));
}

void CheckService::install(std::shared_ptr<const checker::Checker> checker) {
  checker_ = std::move(checker);
  status_.version = checker_->rules().version;
  status_.loaded_at_ms = clock_.now_ms();
  status_.signals = checker_->rules().signals.size();
  status_.patterns = checker_->pattern_count();
}

std::shared_ptr<const checker::Checker> CheckService::current() const {
  std::lock_guard lock(mutex_);
  return checker_;
}

void CheckService::reload_if_changed() {
  const int64_t now = clock_.now_ms();
  {
    std::lock_guard lock(mutex_);
    if (now < next_poll_ms_) {
      return;
    }
    next_poll_ms_ = now + options_.reload_poll_ms;
    const int64_t mtime = mtime_of(options_.rules_path);
    if (mtime == file_mtime_) {
      return;
    }
    file_mtime_ = mtime;
  }
  if (const auto error = reload()) {
    spdlog::error("checker rules {}:{} refused, the previous rules stay active: {}",
                  options_.rules_path, error->line, error->reason);
  }
}

std::optional<checker::RuleFileError> CheckService::reload(const Actor* actor,
                                                           store::Database* audit_db) {
  auto loaded = load();
  std::optional<checker::RuleFileError> error;
  std::string version;
  {
    std::lock_guard lock(mutex_);
    if (auto* e = std::get_if<checker::RuleFileError>(&loaded)) {
      error = *e;
      status_.last_error = *e;
    } else {
      install(std::get<0>(loaded));
      status_.last_error.reset();
      file_mtime_ = mtime_of(options_.rules_path);
      spdlog::info("checker rules {} loaded: version {}, {} signals", options_.rules_path,
                   status_.version, status_.signals);
    }
    version = status_.version;
  }
  if (actor != nullptr && audit_db != nullptr) {
    nlohmann::json summary = {{"version", version}};
    if (error) {
      summary["line"] = error->line;
      summary["reason"] = error->reason;
    }
    audit_db->transact([&](store::Connection& c) {
      record_audit(c, clock_, *actor,
                   {"checker.reload", "checker_rules", version, actor->scope_path, summary,
                    error ? "refused" : "ok"});
    });
  }
  return error;
}

std::vector<std::string> CheckService::fired_signals(std::string_view text) const {
  return current()->fired_signals(text);
}

CheckStatus CheckService::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

checker::CheckResult CheckService::check(std::string_view text) {
  if (trim(text).empty()) {
    throw Error(ErrorCode::kInvalidValue, "请粘贴要检测的短信或聊天内容", "text");
  }
  const size_t chars = checker::code_point_count(text);
  if (chars > options_.max_chars) {
    throw Error(ErrorCode::kInvalidValue,
                "内容过长：最多" + std::to_string(options_.max_chars) + "个字符，现有" +
                    std::to_string(chars) + "个",
                "text");
  }
  reload_if_changed();
  // check() replaces invalid UTF-8 itself.
  return current()->check(text, model_.get());
}

}  // namespace fanzha::service
