// The fastText model as the checker's Classifier. The model file is trained at build
// time by gen/train_model.cpp from checker/corpus (never downloaded). Loading reads the
// file; classify() is thread-safe (fastText's predict keeps its state on the stack).
// classify() maps tokens to the model's input rows itself (input_ids), as fastText's
// Dictionary::getLine does but without an istream, a string per token or a probe of
// its 30-million-slot vocabulary table; a test holds the two to the same ids.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "checker/classifier.h"

namespace fasttext {
class FastText;
class DenseMatrix;
}  // namespace fasttext

namespace fanzha::checker {

class FastTextClassifier : public Classifier {
 public:
  // Throws std::runtime_error naming the file when it cannot be read as a model.
  static std::unique_ptr<FastTextClassifier> load(const std::string& path);
  ~FastTextClassifier() override;
  Output classify(const std::string& tokens) const override;
  // The input rows of a line of space-separated tokens: word ids, then word n-gram
  // buckets (what fastText's getLine gives for the line).
  std::vector<int32_t> input_ids(std::string_view tokens) const;
  // fastText's own reading of the same line, for the test.
  std::vector<int32_t> fasttext_input_ids(const std::string& tokens) const;
  // (log P, label) of every label for the input rows `ids`, in label order. For a
  // softmax model this is fastText's Model::predict computed here, in the same order
  // and precision: the Debian build runs fastText's row sums scalar, and they were
  // over half of a check with the model. Other losses go to fastText itself.
  std::vector<std::pair<float, int32_t>> predict(const std::vector<int32_t>& ids) const;
  // fastText's own prediction, for the test.
  std::vector<std::pair<float, int32_t>> fasttext_predict(const std::vector<int32_t>& ids) const;

 private:
  FastTextClassifier();
  std::unique_ptr<fasttext::FastText> model_;
  // The model's matrices when its loss is softmax (predict() computes with them).
  std::shared_ptr<const fasttext::DenseMatrix> input_;
  std::shared_ptr<const fasttext::DenseMatrix> output_;
  int normal_label_ = -1;
  std::vector<std::optional<domain::FraudType>> label_types_;
  // Vocabulary by fastText's token hash; kCollision when two words share a hash.
  static constexpr int32_t kCollision = -2;
  std::unordered_map<uint32_t, int32_t> word_by_hash_;
  std::vector<std::string> words_;
  int32_t nwords_ = 0;
  uint64_t buckets_ = 0;
  int word_ngrams_ = 1;
};

}  // namespace fanzha::checker
