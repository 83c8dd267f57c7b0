// The checker's rules as data: the parsed form of the rule file (checker/rules.yaml),
// before compilation. A rule file holds thresholds, aliases, advice per verdict and per
// fraud type, and weighted signals (rspamd-style symbols): pattern signals (literal
// words and regexes), proximity signals ("安全账户" near "转账"), composites (all / any /
// none of other signals) and negative signals for legitimate shapes. Every signal
// carries example messages that must and must not fire it.
// Plain values; parse_rule_file is pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/fraud_type.h"

namespace fanzha::checker {

struct PatternSpec {
  std::string text;  // a regex, or a word matched literally after normalisation
  bool literal = false;
  int line = 0;  // 1-based line in the rule file
};

struct SignalSpec {
  std::string name;
  std::string label;  // what the user is shown (Chinese)
  std::optional<domain::FraudType> type;
  int weight = 0;
  int line = 0;
  std::vector<PatternSpec> patterns;
  std::vector<std::string> all;   // every one of these signals fired
  std::vector<std::string> any;   // at least one of these fired
  std::vector<std::string> none;  // none of these fired
  std::vector<std::string> near;  // two signals whose spans lie within `within`
  int within = 0;                 // code points between the two spans
  std::vector<std::string> advice;
  // A match preceded by a negation cue in the same clause ("请勿将验证码告诉他人",
  // "客服不会让您转账") or followed by a verdict cue in the same sentence ("要求提供验证码的，
  // 均为诈骗") does not count, unless the signal says negatable: false.
  bool negatable = true;
  // When this signal fires the positive signals (and the model's positive points) are not
  // scored: an anti-fraud warning quotes scam phrases without being one.
  bool mute = false;
  std::vector<std::string> fire_examples;
  std::vector<std::string> quiet_examples;
};

struct TypeAdvice {
  domain::FraudType type;
  std::vector<std::string> advice;
};

struct RuleSet {
  std::string version;
  int suspicious_threshold = 30;
  int fraud_threshold = 60;
  int model_weight = 0;  // score points the statistical model adds at certainty of fraud
  // Points it takes away at certainty of a legitimate message; −1: the same as model_weight.
  int model_weight_normal = -1;
  int model_points_normal() const {
    return model_weight_normal < 0 ? model_weight : model_weight_normal;
  }
  std::vector<std::pair<std::string, std::string>> aliases;  // alias → canonical
  std::vector<std::string> negation_cues;                    // words, matched like literal words
  int negation_window = 12;                                  // code points before a match
  // Verdict words after a match in the same sentence ("…转到安全账户的，都是诈骗"): the
  // match is quoted to warn, so it does not count either. Commas do not end the window.
  std::vector<std::string> verdict_cues;
  int verdict_window = 40;  // code points after a match
  std::vector<std::string> fraud_advice;
  std::vector<std::string> suspicious_advice;
  std::vector<std::string> normal_advice;
  std::vector<TypeAdvice> type_advice;
  std::vector<SignalSpec> signals;
};

struct RuleFileError {
  int line = 0;  // 1-based; 0 when the problem is not at one line
  std::string reason;
};

struct RuleParseResult {
  std::optional<RuleSet> rules;
  RuleFileError error;
};

// Parses and validates a rule file: unknown keys, unknown fraud types, duplicate or
// unknown signal names, cycles between composites and signals with nothing to match
// are errors with their line.
RuleParseResult parse_rule_file(std::string_view yaml_text);

// `word` as a regex matching it literally.
std::string escape_regex(std::string_view word);

}  // namespace fanzha::checker
