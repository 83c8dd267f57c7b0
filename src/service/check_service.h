// The scam-message checker as a service: loads the rule file and the model, checks
// messages (never storing them), reloads the rules when the file changes (polled at
// most every `reload_poll_ms`) or on request; a broken rule file is refused with its
// line and reason and the old rules stay active. Thread-safe: checks run concurrently
// on the current Checker, a reload swaps in a new one.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "checker/checker.h"
#include "checker/classifier.h"
#include "common/clock.h"
#include "service/actor.h"
#include "store/database.h"

namespace fanzha::service {

struct CheckOptions {
  std::string rules_path;
  std::string model_path;  // empty: rules only
  int64_t reload_poll_ms = 2000;
  size_t max_chars = 10'000;
};

struct CheckStatus {
  std::string version;
  std::string rules_path;
  int64_t loaded_at_ms = 0;
  size_t signals = 0;
  size_t patterns = 0;
  bool model = false;
  std::optional<checker::RuleFileError> last_error;  // of the last refused reload
};

class CheckService {
 public:
  // Throws Error (invalid_value) when the rule file or the model cannot be loaded.
  CheckService(const Clock& clock, CheckOptions options);

  // Throws Error (invalid_value, field "text") for an empty text or one over the cap.
  checker::CheckResult check(std::string_view text);
  CheckStatus status() const;
  // Names of every signal that fires on `text`, building blocks included (for rule
  // authors: `fanzha check --signals`).
  std::vector<std::string> fired_signals(std::string_view text) const;
  // Reloads now; returns the error when the file is refused (the old rules stay). With a
  // database, the attempt is audited as "checker.reload".
  std::optional<checker::RuleFileError> reload(const Actor* actor = nullptr,
                                               store::Database* audit_db = nullptr);

 private:
  std::shared_ptr<const checker::Checker> current() const;
  // Makes `checker` the current one and records it in the status (caller holds mutex_,
  // or is the constructor).
  void install(std::shared_ptr<const checker::Checker> checker);
  void reload_if_changed();
  // Reads and compiles the rule file: the checker, or the error.
  std::variant<std::shared_ptr<const checker::Checker>, checker::RuleFileError> load() const;

  const Clock& clock_;
  CheckOptions options_;
  std::unique_ptr<checker::Classifier> model_;
  mutable std::mutex mutex_;
  std::shared_ptr<const checker::Checker> checker_;
  CheckStatus status_;
  int64_t file_mtime_ = 0;
  int64_t next_poll_ms_ = 0;
};

}  // namespace fanzha::service
