// The checker's fastText model reads a message exactly as fastText itself would.
#include "checker/fasttext_classifier.h"

#include <gtest/gtest.h>

#include "checker/corpus.h"
#include "checker/normalizer.h"
#include "checker/rule_file.h"
#include "checker/tokens.h"

namespace fanzha::checker {
namespace {

TEST(FastTextClassifier, InputIdsAreFastTextsOwn) {
  const auto model = FastTextClassifier::load(FANZHA_CHECKER_MODEL);
  const auto parsed = read_rule_file(FANZHA_CHECKER_RULES);
  ASSERT_TRUE(parsed.rules);
  const Aliases aliases(parsed.rules->aliases);
  size_t lines = 0;
  for (const auto& m : read_corpus(FANZHA_CHECKER_CORPUS)) {
    const std::string tokens = model_tokens(normalize(m.text, aliases));
    ASSERT_EQ(model->input_ids(tokens), model->fasttext_input_ids(tokens)) << m.text;
    ++lines;
  }
  EXPECT_GT(lines, 4000u);
  // Unknown words, an empty line, runs of spaces, bytes above 0x7f.
  for (const std::string tokens : {"", "zzqx 从未 见过", "a  b   c", "\xe4\xbd\xa0 \xff\xfe"}) {
    EXPECT_EQ(model->input_ids(tokens), model->fasttext_input_ids(tokens)) << tokens;
  }
}

TEST(FastTextClassifier, RefusesAFileThatIsNoModel) {
  EXPECT_THROW(FastTextClassifier::load(FANZHA_CHECKER_RULES), std::runtime_error);
}

}  // namespace
}  // namespace fanzha::checker
