// The fastText model as the checker's Classifier. The model file is trained at build
// time by gen/train_model.cpp from checker/corpus (never downloaded). Loading reads the
// file; classify() is thread-safe (fastText's predict keeps its state on the stack).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checker/classifier.h"

namespace fasttext {
class FastText;
}

namespace fanzha::checker {

class FastTextClassifier : public Classifier {
 public:
  // Throws std::runtime_error naming the file when it cannot be read as a model.
  static std::unique_ptr<FastTextClassifier> load(const std::string& path);
  ~FastTextClassifier() override;
  Output classify(const std::string& tokens) const override;

 private:
  FastTextClassifier();
  std::unique_ptr<fasttext::FastText> model_;
  int normal_label_ = -1;
  std::vector<std::optional<domain::FraudType>> label_types_;
};

}  // namespace fanzha::checker
