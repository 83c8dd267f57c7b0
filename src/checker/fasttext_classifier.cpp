#include "checker/fasttext_classifier.h"

#include <fasttext/fasttext.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include "checker/tokens.h"

namespace fanzha::checker {

namespace {

// fastText's token hash (FNV-1a over signed bytes, as Dictionary::hash).
uint32_t token_hash(std::string_view token) {
  uint32_t h = 2166136261u;
  for (char c : token) {
    h ^= static_cast<uint32_t>(static_cast<int8_t>(c));
    h *= 16777619u;
  }
  return h;
}

// fastText's multiplier for chaining word hashes into an n-gram bucket.
constexpr uint64_t kNgramMultiplier = 116049371;

}  // namespace

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
  const fasttext::Args args = c->model_->getArgs();
  if (args.maxn > 0 || c->model_->isQuant()) {
    throw std::runtime_error("checker model " + path + " uses subwords or is quantized");
  }
  if (args.loss == fasttext::loss_name::softmax) {
    c->input_ = c->model_->getInputMatrix();
    c->output_ = c->model_->getOutputMatrix();
  }
  c->nwords_ = dict->nwords();
  c->buckets_ = static_cast<uint64_t>(args.bucket);
  c->word_ngrams_ = args.wordNgrams;
  for (int32_t i = 0; i < c->nwords_; ++i) {
    c->words_.push_back(dict->getWord(i));
    auto [it, inserted] = c->word_by_hash_.emplace(token_hash(c->words_.back()), i);
    if (!inserted) {
      it->second = kCollision;
    }
  }
  return c;
}

std::vector<int32_t> FastTextClassifier::input_ids(std::string_view tokens) const {
  std::vector<int32_t> ids;
  std::vector<int32_t> hashes;  // signed, as fastText keeps them
  auto add = [&](std::string_view token) {
    const uint32_t h = token_hash(token);
    int32_t id = -1;
    if (auto it = word_by_hash_.find(h); it != word_by_hash_.end()) {
      id = it->second == kCollision ? model_->getDictionary()->getId(std::string(token), h)
           : words_[static_cast<size_t>(it->second)] == token ? it->second
                                                              : -1;
    }
    if (id >= 0) {
      ids.push_back(id);
    }
    hashes.push_back(static_cast<int32_t>(h));
  };
  for (size_t i = 0; i < tokens.size();) {
    const size_t end = std::min(tokens.find(' ', i), tokens.size());
    if (end > i) {
      add(tokens.substr(i, end - i));
    }
    i = end + 1;
  }
  add(fasttext::Dictionary::EOS);  // the end of the line is a token too
  for (size_t i = 0; i < hashes.size(); ++i) {
    uint64_t h = static_cast<uint64_t>(static_cast<int64_t>(hashes[i]));
    for (size_t j = i + 1; j < hashes.size() && j < i + static_cast<size_t>(word_ngrams_); ++j) {
      h = h * kNgramMultiplier + static_cast<uint64_t>(static_cast<int64_t>(hashes[j]));
      ids.push_back(nwords_ + static_cast<int32_t>(h % buckets_));
    }
  }
  return ids;
}

std::vector<int32_t> FastTextClassifier::fasttext_input_ids(const std::string& tokens) const {
  std::istringstream in(tokens + "\n");
  std::vector<int32_t> words;
  std::vector<int32_t> labels;
  model_->getDictionary()->getLine(in, words, labels);
  return words;
}

std::vector<std::pair<float, int32_t>> FastTextClassifier::predict(
    const std::vector<int32_t>& ids) const {
  if (input_ == nullptr) {  // not a softmax model: fastText's own prediction
    return fasttext_predict(ids);
  }
  std::vector<std::pair<float, int32_t>> out;
  // Model::computeHidden: the mean of the input rows, summed in order in float.
  const auto dim = static_cast<size_t>(input_->cols());
  thread_local std::vector<float> hidden;
  hidden.assign(dim, 0.0f);
  // Four floats at a time (GCC vector extension; each lane adds in the same order as
  // fastText, so the sums are bit for bit its own).
  using Float4 = float __attribute__((vector_size(16)));
  float* sum = hidden.data();
  for (int32_t id : ids) {
    const float* row = input_->data() + static_cast<size_t>(id) * dim;
    size_t j = 0;
    for (; j + 4 <= dim; j += 4) {
      Float4 a;
      Float4 b;
      std::memcpy(&a, sum + j, sizeof a);
      std::memcpy(&b, row + j, sizeof b);
      a += b;
      std::memcpy(sum + j, &a, sizeof a);
    }
    for (; j < dim; ++j) {
      sum[j] += row[j];
    }
  }
  if (!ids.empty()) {
    const auto scale = static_cast<float>(1.0 / static_cast<double>(ids.size()));
    for (float& h : hidden) {
      h *= scale;
    }
  }
  // SoftmaxLoss::computeOutput: one dot product per label, then the softmax.
  const auto labels = static_cast<size_t>(output_->rows());
  thread_local std::vector<float> logits;
  logits.assign(labels, 0.0f);
  for (size_t i = 0; i < labels; ++i) {
    const float* row = output_->data() + i * dim;
    float d = 0.0f;
    for (size_t j = 0; j < dim; ++j) {
      d += row[j] * hidden[j];
    }
    logits[i] = d;
  }
  const float max = *std::max_element(logits.begin(), logits.end());
  float z = 0.0f;
  for (float& l : logits) {
    l = static_cast<float>(std::exp(static_cast<double>(l - max)));  // as fastText: exp(double)
    z += l;
  }
  // Loss::predict reports log(p + 1e-5), rounded to float.
  for (size_t i = 0; i < labels; ++i) {
    const float p = logits[i] / z;
    out.emplace_back(static_cast<float>(std::log(static_cast<double>(p) + 1e-5)),
                     static_cast<int32_t>(i));
  }
  return out;
}

std::vector<std::pair<float, int32_t>> FastTextClassifier::fasttext_predict(
    const std::vector<int32_t>& ids) const {
  fasttext::Predictions predictions;
  model_->predict(static_cast<int32_t>(label_types_.size()), ids, predictions, 0.0);
  std::vector<std::pair<float, int32_t>> out(predictions.begin(), predictions.end());
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  return out;
}

Classifier::Output FastTextClassifier::classify(const std::string& tokens) const {
  const auto predictions = predict(input_ids(tokens));
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
