// Multi-pattern matching: gap chains split patterns at bounded gaps, and the compiled
// database finds exactly what RE2 finds, pattern by pattern, on the whole corpus.
#include "checker/pattern_db.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include "checker/corpus.h"
#include "checker/entities.h"
#include "checker/gap_chain.h"
#include "checker/normalizer.h"
#include "checker/rule_file.h"

namespace fanzha::checker {
namespace {

TEST(GapChain, SplitsAtTopLevelGaps) {
  const auto chain = split_gaps("(安全|专用)账户[^。,]{0,8}(转|汇).{1,6}钱");
  ASSERT_TRUE(chain);
  EXPECT_EQ(chain->pieces, (std::vector<std::string>{"(安全|专用)账户", "(转|汇)", "钱"}));
  ASSERT_EQ(chain->gaps.size(), 2u);
  EXPECT_EQ(chain->gaps[0].excluded, (std::vector<std::string>{"。", ","}));
  EXPECT_EQ(chain->gaps[0].min, 0u);
  EXPECT_EQ(chain->gaps[0].max, 8u);
  EXPECT_TRUE(chain->gaps[1].excluded.empty());
  EXPECT_EQ(chain->gaps[1].min, 1u);
  EXPECT_EQ(chain->gaps[1].max, 6u);
}

TEST(GapChain, LeavesOtherShapesWhole) {
  EXPECT_FALSE(split_gaps("账户|转[^。]{0,3}账"));  // top-level alternation
  EXPECT_FALSE(split_gaps("(账户[^。]{0,3}转)"));   // gap inside a group
  EXPECT_FALSE(split_gaps("[^。]{0,3}转账"));       // nothing before the gap
  EXPECT_FALSE(split_gaps("转账[^。]{0,3}"));       // nothing after it
  EXPECT_FALSE(split_gaps("转[^\\d]{0,3}账"));      // not a class of literals
  EXPECT_FALSE(split_gaps("转[^。]*账"));           // unbounded
  EXPECT_FALSE(split_gaps("转账\\d{4,8}"));         // no gap at all
}

TEST(GapChain, JoinsOnlyWhereTheGapFits) {
  const std::string text = "请转账。到账户转入";  // 请 转 账 。 到 账 户 转 入
  const auto chain = split_gaps("(转|账户)[^。]{0,2}(账|入)");
  ASSERT_TRUE(chain);
  // Byte offsets: each character is three bytes.
  const std::vector<ByteMatch> first = {{3, 6}, {15, 21}};             // 转, 账户
  const std::vector<ByteMatch> second = {{6, 9}, {15, 18}, {24, 27}};  // 账, 账, 入
  const auto joined = join_chain(text, chain->gaps, {&first, &second}, 100);
  // 转+账 (gap 0); 转 … 账 crosses "。"; 账户 … 入 has gap 1 (转).
  ASSERT_EQ(joined.size(), 2u);
  EXPECT_EQ(joined[0].from, 3u);
  EXPECT_EQ(joined[0].to, 9u);
  EXPECT_EQ(joined[1].from, 15u);
  EXPECT_EQ(joined[1].to, 27u);
  EXPECT_EQ(join_chain(text, chain->gaps, {&first, &second}, 1).size(), 1u);
}

// The same regexes the checker compiles from the rule file (words escaped).
std::vector<PatternDb::Source> rule_sources(const RuleSet& rules, const Aliases& aliases) {
  std::vector<PatternDb::Source> out;
  for (const auto& s : rules.signals) {
    for (const auto& p : s.patterns) {
      out.push_back({p.literal ? escape_regex(normalize(p.text, aliases).text) : p.text, p.line});
    }
  }
  for (const auto& e : entity_patterns()) {
    out.push_back({e.regex, 0, e.re2_only});
  }
  return out;
}

TEST(PatternDb, FindsWhatRe2FindsOnTheCorpus) {
  const auto parsed = read_rule_file(FANZHA_CHECKER_RULES);
  ASSERT_TRUE(parsed.rules) << parsed.error.reason;
  const Aliases aliases(parsed.rules->aliases);
  const auto sources = rule_sources(*parsed.rules, aliases);
  auto compiled = PatternDb::compile(sources);
  ASSERT_TRUE(std::holds_alternative<std::unique_ptr<PatternDb>>(compiled));
  const auto& db = *std::get<std::unique_ptr<PatternDb>>(compiled);
  EXPECT_GT(db.chain_count(), 20u);  // the rule file's gap patterns are matched in pieces
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_dot_nl(true);
  std::vector<std::unique_ptr<RE2>> re2;
  for (const auto& s : sources) {
    re2.push_back(std::make_unique<RE2>(s.regex, options));
    ASSERT_TRUE(re2.back()->ok()) << s.regex;
  }
  size_t checked = 0;
  for (const auto& message : read_corpus(FANZHA_CHECKER_CORPUS)) {
    const std::string text = normalize(message.text, aliases).text;
    std::vector<PatternMatch> matches;
    db.scan(text, matches);
    std::vector<bool> found(sources.size(), false);
    for (const auto& m : matches) {
      found[m.pattern] = true;
      const std::string_view span(text.data() + m.from, m.to - m.from);
      EXPECT_TRUE(RE2::FullMatch(span, *re2[m.pattern]))
          << sources[m.pattern].regex << " reported '" << span << "' in " << message.text;
    }
    for (size_t i = 0; i < sources.size(); ++i) {
      EXPECT_EQ(found[i], RE2::PartialMatch(text, *re2[i]))
          << sources[i].regex << " on " << message.text;
    }
    ++checked;
  }
  EXPECT_GT(checked, 4000u);
}

}  // namespace
}  // namespace fanzha::checker
