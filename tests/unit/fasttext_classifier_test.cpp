// The checker's fastText model reads a message exactly as fastText itself would.
#include "checker/fasttext_classifier.h"

#include <gtest/gtest.h>

#include "checker/corpus.h"
#include "checker/normalizer.h"
#include "checker/rule_file.h"
#include "checker/tokens.h"

namespace fanzha::checker {
namespace {

// Calls `f` with each corpus message and its model tokens; returns how many there were.
template <typename F>
size_t for_each_corpus_line(F&& f) {
  const auto parsed = read_rule_file(FANZHA_CHECKER_RULES);
  EXPECT_TRUE(parsed.rules);
  const Aliases aliases(parsed.rules->aliases);
  size_t lines = 0;
  for (const auto& m : read_corpus(FANZHA_CHECKER_CORPUS)) {
    f(m.text, model_tokens(normalize(m.text, aliases)));
    ++lines;
  }
  return lines;
}

TEST(FastTextClassifier, InputIdsAreFastTextsOwn) {
  const auto model = FastTextClassifier::load(FANZHA_CHECKER_MODEL);
  const size_t lines =
      for_each_corpus_line([&](const std::string& text, const std::string& tokens) {
        EXPECT_EQ(model->input_ids(tokens), model->fasttext_input_ids(tokens)) << text;
      });
  EXPECT_GT(lines, 4000u);
  // Unknown words, an empty line, runs of spaces, bytes above 0x7f.
  for (const std::string tokens : {"", "zzqx 从未 见过", "a  b   c", "\xe4\xbd\xa0 \xff\xfe"}) {
    EXPECT_EQ(model->input_ids(tokens), model->fasttext_input_ids(tokens)) << tokens;
  }
}

// predict() computes fastText's softmax itself: the same numbers, bit for bit.
TEST(FastTextClassifier, PredictionsAreFastTextsOwn) {
  const auto model = FastTextClassifier::load(FANZHA_CHECKER_MODEL);
  const size_t lines =
      for_each_corpus_line([&](const std::string& text, const std::string& tokens) {
        const auto ids = model->input_ids(tokens);
        EXPECT_EQ(model->predict(ids), model->fasttext_predict(ids)) << text;
      });
  EXPECT_GT(lines, 4000u);
  const auto only_end_of_line = model->input_ids("");
  EXPECT_EQ(model->predict(only_end_of_line), model->fasttext_predict(only_end_of_line));
}

TEST(FastTextClassifier, RefusesAFileThatIsNoModel) {
  EXPECT_THROW(FastTextClassifier::load(FANZHA_CHECKER_RULES), std::runtime_error);
}

}  // namespace
}  // namespace fanzha::checker
