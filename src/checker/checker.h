// The scam-message checker: a compiled rule set that turns a message into a verdict,
// a score, a likely fraud type, reasons with spans, entities and advice.
//
//   auto compiled = Checker::compile(parse_rule_file(text).rules.value());
//   CheckResult r = std::get<0>(compiled)->check("您的账户涉嫌洗钱…", model);
//
// The core does no I/O: rules arrive as a RuleSet, the model as a Classifier. A Checker
// is immutable after compile and check() is thread-safe; reloading rules means
// compiling a new Checker and swapping it in (service/check_service).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "checker/check_result.h"
#include "checker/classifier.h"
#include "checker/normalizer.h"
#include "checker/pattern_db.h"
#include "checker/rule_set.h"

namespace fanzha::checker {

class Checker {
 public:
  static std::variant<std::unique_ptr<Checker>, RuleFileError> compile(RuleSet rules);

  // `model` may be null (rules only).
  CheckResult check(std::string_view text, const Classifier* model) const;
  // Names of every signal that fires on `text`, weight-0 building blocks included, in
  // rule-file order (for the rule examples' tests).
  std::vector<std::string> fired_signals(std::string_view text) const;
  // The normalised text and its model tokens (what the model sees).
  NormalizedText normalized(std::string_view text) const;

  const RuleSet& rules() const { return rules_; }
  size_t pattern_count() const { return db_->size(); }

 private:
  struct Signal;
  struct Evaluation;
  Checker(RuleSet rules);
  // Fills `ev` (reused across calls on one thread, so a check allocates little).
  void evaluate(const NormalizedText& text, Evaluation& ev) const;
  static Evaluation& thread_evaluation();

  RuleSet rules_;
  Aliases aliases_;
  std::vector<Signal> signals_;  // built-in entity signals, then the rule file's
  std::vector<size_t> order_;    // signals in dependency order
  // Pattern id → signal index, or one of the kinds below.
  static constexpr int kEntityPattern = -1;
  static constexpr int kNegationPattern = -2;
  static constexpr int kVerdictPattern = -3;
  std::vector<int> pattern_signal_;
  std::vector<int> pattern_entity_;  // pattern id → entity kind, or −1
  std::unique_ptr<PatternDb> db_;

 public:
  ~Checker();
};

}  // namespace fanzha::checker
