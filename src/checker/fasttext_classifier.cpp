#include "checker/fasttext_classifier.h"

#include <fasttext/fasttext.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "checker/tokens.h"

namespace fanzha::checker {

FastTextClassifier::FastTextClassifier() : model_(std::make_unique<fasttext::FastText>()) {}
FastTextClassifier::~FastTextClassifier() = default;

std::unique_ptr<FastTextClassifier> FastTextClassifier::load(const std::string& path) {
  std::unique_ptr<FastTextClassifier> c(new FastTextClassifier());
  try {
    c->model_->loadModel(path);
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot load the checker model " + path + ": " + e.what());
  }
  const auto dict = c->model_->getDictionary();
  const std::string prefix = "__label__";
  for (int32_t i = 0; i < dict->nlabels(); ++i) {
    const std::string label = dict->getLabel(i);
    if (label == kNormalLabel) {
      c->normal_label_ = i;
    }
    c->label_types_.push_back(domain::parse_fraud_type(label.substr(prefix.size())));
  }
  if (c->normal_label_ < 0) {
    throw std::runtime_error("checker model " + path + " has no " + kNormalLabel + " label");
  }
  return c;
}

Classifier::Output FastTextClassifier::classify(const std::string& tokens) const {
  std::istringstream in(tokens + "\n");
  std::vector<int32_t> words;
  std::vector<int32_t> labels;
  model_->getDictionary()->getLine(in, words, labels);
  fasttext::Predictions predictions;
  model_->predict(static_cast<int32_t>(label_types_.size()), words, predictions, 0.0);
  Output out;
  double normal = 0;
  double best = -1;
  for (const auto& [log_p, label] : predictions) {
    const double p = std::exp(log_p);
    const auto type = label_types_[static_cast<size_t>(label)];
    if (label == normal_label_) {
      normal = p;
      continue;
    }
    if (type) {
      out.types.emplace_back(*type, p);
    }
    if (p > best) {
      best = p;
      out.type = type;
    }
  }
  out.fraud_probability = std::clamp(1.0 - normal, 0.0, 1.0);
  return out;
}

}  // namespace fanzha::checker
