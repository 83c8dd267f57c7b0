// The statistical second signal: something that reads the model tokens of a message
// (see tokens.h) and says how likely it is a fraud, and of which type. The fastText
// implementation lives in fasttext_classifier.h; tests use fakes.
// Implementations must be thread-safe for concurrent classify() calls.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/fraud_type.h"

namespace fanzha::checker {

class Classifier {
 public:
  struct Output {
    double fraud_probability = 0;                             // 1 − P(normal)
    std::optional<domain::FraudType> type;                    // the most likely fraud label
    std::vector<std::pair<domain::FraudType, double>> types;  // P(type) of each fraud label
  };
  virtual ~Classifier() = default;
  // `tokens`: space-separated model tokens of one message.
  virtual Output classify(const std::string& tokens) const = 0;
};

}  // namespace fanzha::checker
