// What a check returns (issue: "what a check returns"): verdict, score, likely fraud
// type, the reasons with their spans in the original text, the entities found and the
// advice. Offsets are byte offsets into the checked text (after invalid UTF-8 was
// replaced); check_json turns them into code-point offsets. Plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "checker/entities.h"
#include "checker/normalizer.h"
#include "domain/fraud_type.h"

namespace fanzha::checker {

enum class Verdict { kNormal, kSuspicious, kFraud };
std::string_view verdict_name(Verdict v);   // "normal", "suspicious", "fraud"
std::string_view verdict_label(Verdict v);  // "正常", "可疑", "诈骗"

struct Reason {
  std::string name;
  std::string label;
  int weight = 0;
  std::vector<Span> spans;  // original byte ranges (none for the model)
};

struct FoundEntity {
  EntityKind kind;
  Span span;
  std::string value;
};

struct CheckResult {
  std::string text;  // the checked text (invalid UTF-8 replaced by U+FFFD)
  Verdict verdict = Verdict::kNormal;
  int score = 0;  // 0–100
  std::optional<domain::FraudType> type;
  std::vector<Reason> reasons;  // strongest first
  std::vector<FoundEntity> entities;
  std::vector<std::string> advice;
  std::optional<double> model_probability;  // P(fraud) from the model, when one ran
  std::string rules_version;
};

}  // namespace fanzha::checker
