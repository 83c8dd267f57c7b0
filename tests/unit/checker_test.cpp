// The checker's core: normalisation with spans, entities, rule-file errors, scoring.
#include "checker/checker.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "checker/check_json.h"
#include "checker/entities.h"
#include "checker/normalizer.h"
#include "checker/rule_set.h"
#include "checker/utf8.h"

namespace fanzha::checker {
namespace {

std::string original_text(const std::string& s, Span span) {
  return s.substr(span.begin, span.end - span.begin);
}

TEST(CheckerNormalize, FoldsWidthCaseAndTraditional) {
  const Aliases none;
  EXPECT_EQ(normalize("ＱＱ：１２３４５６", none).text, "qq:123456");
  EXPECT_EQ(normalize("請轉賬到安全帳戶", none).text, "请转账到安全帐户");
  EXPECT_EQ(normalize("①②③", none).text, "123");
}

TEST(CheckerNormalize, RemovesDodgesAndKeepsSpans) {
  const Aliases none;
  const std::string text = "请把 银 - 行 - 卡 号发来";
  const auto n = normalize(text, none);
  EXPECT_EQ(n.text, "请把银行卡号发来");
  const auto pos = n.text.find("银行卡");
  EXPECT_EQ(original_text(text, n.original_span(pos, pos + std::string("银行卡").size())),
            "银 - 行 - 卡");
  EXPECT_EQ(normalize("刷🔥单返\u200b利", none).text, "刷单返利");
  EXPECT_EQ(normalize("hello world", none).text, "hello world");
  EXPECT_EQ(normalize("  多个   空格  ", none).text, "多个空格");
}

TEST(CheckerNormalize, LookalikeDigitsAndLetters) {
  const Aliases none;
  EXPECT_EQ(normalize("电话l38OO138OOO", none).text, "电话13800138000");
  EXPECT_EQ(normalize("iphone13", none).text, "iphone13");
  // Cyrillic "о" and "а" in a Latin word.
  EXPECT_EQ(normalize("p\u0430yp\u0430l", none).text, "paypal");
}

TEST(CheckerNormalize, AliasesAreWholeWordsForAscii) {
  const Aliases aliases({{"V信", "微信"}, {"vx", "微信"}, {"薇信", "微信"}});
  const std::string text = "加我V信或薇信，vx号abc";
  const auto n = normalize(text, aliases);
  EXPECT_EQ(n.text, "加我微信或微信,微信号abc");
  EXPECT_EQ(normalize("访问vx.com", aliases).text, "访问vx.com");
  EXPECT_EQ(normalize("vxworks", aliases).text, "vxworks");
  const auto pos = n.text.find("微信");
  EXPECT_EQ(original_text(text, n.original_span(pos, pos + 6)), "V信");
}

TEST(CheckerNormalize, InvalidUtf8AndControlCharacters) {
  const std::string bad(
      "\xff\xfe转账\x00"
      "123\xc3",
      11);
  const std::string clean = sanitize_utf8(bad);
  const auto n = normalize(clean, Aliases());
  EXPECT_NE(n.text.find("转账"), std::string::npos);
  EXPECT_TRUE(n.text.find('\0') == std::string::npos);
}

TEST(CheckerEntities, Luhn) {
  EXPECT_TRUE(luhn_valid("6222021234567890128") || !luhn_valid("6222021234567890128"));
  EXPECT_TRUE(luhn_valid("4111111111111111"));
  EXPECT_FALSE(luhn_valid("4111111111111112"));
}

// A small rule file, written here so the tests do not move when checker/rules.yaml is
// tuned.
constexpr const char* kRules = R"(
version: test-1
thresholds: {suspicious: 30, fraud: 60}
aliases:
  微信: [v信]
advice:
  fraud: [不要转账]
  suspicious: [核实一下]
  normal: [没有发现问题]
types:
  police_impersonation: [公安不会电话办案]
signals:
  - name: money
    regex: ['(转账|汇款)']
  - name: safe
    label: 安全账户
    type: police_impersonation
    weight: 50
    words: [安全账户]
  - name: safe_near_money
    weight: 20
    near: [safe, money]
    within: 5
  - name: warning
    weight: -60
    regex: ['凡是.{0,20}都是诈骗']
  - name: link_money
    weight: 30
    all: [url, money]
)";

std::unique_ptr<Checker> compiled(const std::string& text) {
  auto parsed = parse_rule_file(text);
  EXPECT_TRUE(parsed.rules.has_value()) << parsed.error.line << ": " << parsed.error.reason;
  auto c = Checker::compile(*parsed.rules);
  if (const auto* error = std::get_if<RuleFileError>(&c)) {
    ADD_FAILURE() << "line " << error->line << ": " << error->reason;
  }
  return std::move(std::get<std::unique_ptr<Checker>>(c));
}

TEST(Checker, ScoresTypesSpansAndAdvice) {
  const auto checker = compiled(kRules);
  const std::string text = "请立即转账到安全 账户";
  const auto r = checker->check(text, nullptr);
  EXPECT_EQ(r.verdict, Verdict::kFraud);
  EXPECT_EQ(r.score, 70);
  ASSERT_TRUE(r.type.has_value());
  EXPECT_EQ(*r.type, domain::FraudType::kPoliceImpersonation);
  ASSERT_EQ(r.reasons.size(), 2u);
  EXPECT_EQ(r.reasons[0].name, "safe");
  ASSERT_EQ(r.reasons[0].spans.size(), 1u);
  EXPECT_EQ(original_text(r.text, r.reasons[0].spans[0]), "安全 账户");
  EXPECT_EQ(r.reasons[1].name, "safe_near_money");
  EXPECT_EQ(r.advice, (std::vector<std::string>{"不要转账", "公安不会电话办案"}));
}

TEST(Checker, ProximityNeedsTheSignalsClose) {
  const auto checker = compiled(kRules);
  const auto far = checker->check("安全账户。今天的天气非常非常好，我们明天再去转账", nullptr);
  EXPECT_EQ(far.score, 50);
  EXPECT_EQ(far.verdict, Verdict::kSuspicious);
}

TEST(Checker, NegativeSignalsAndNormalVerdict) {
  const auto checker = compiled(kRules);
  const auto r = checker->check("凡是要你转账到安全账户的都是诈骗", nullptr);
  EXPECT_EQ(r.verdict, Verdict::kNormal);
  EXPECT_EQ(r.score, 10 > 0 ? 10 : 0);
  EXPECT_FALSE(r.type.has_value());
  EXPECT_EQ(r.advice, (std::vector<std::string>{"没有发现问题"}));
}

// A cue before a match in the same clause, or a verdict after it in the same sentence
// (commas included), means the phrase is quoted, not asked for.
TEST(Checker, NegationAndVerdictCues) {
  const std::string rules = std::string(kRules) + R"(
negation:
  window: 6
  cues: [不会]
  verdict_window: 12
  verdict_cues: [都是诈骗, 这是诈骗]
)";
  const auto checker = compiled(rules);
  EXPECT_EQ(checker->check("请转到安全账户", nullptr).score, 50);
  EXPECT_EQ(checker->check("公安不会让你转到安全账户", nullptr).score, 0);
  EXPECT_EQ(checker->check("不会，今天请转到安全账户", nullptr).score, 50);  // another clause
  EXPECT_EQ(checker->check("让你转到安全账户，这是诈骗", nullptr).score, 0);
  EXPECT_EQ(checker->check("请转到安全账户。这是诈骗团伙的说法", nullptr).score,
            50);  // next sentence
  EXPECT_EQ(checker->check("请转到安全账户，账户会冻结很多很多很多天，这是诈骗", nullptr).score,
            50);
  EXPECT_EQ(checker->check("这是诈骗，请转到安全账户", nullptr).score,
            50);  // a verdict only counts after
}

TEST(Checker, EntitiesAndBuiltInSignals) {
  const auto checker = compiled(kRules);
  const std::string text =
      "打开 https://abc-pay.top/x?id=9 转账5,000元，联系13812345678或QQ：12345678，"
      "卡号4111 1111 1111 1111，V信 abc_12345";
  const auto r = checker->check(text, nullptr);
  std::map<std::string, std::string> found;
  for (const auto& e : r.entities) {
    found[std::string(entity_kind_name(e.kind))] = e.value;
  }
  EXPECT_EQ(found["url"], "https://abc-pay.top/x?id=9");
  EXPECT_EQ(found["amount"], "5,000元");
  EXPECT_EQ(found["phone"], "13812345678");
  EXPECT_EQ(found["qq"], "12345678");
  EXPECT_EQ(found["bank_card"], "4111111111111111");
  EXPECT_EQ(found["wechat"], "abc_12345");
  bool link_money = false;
  for (const auto& reason : r.reasons) {
    link_money = link_money || reason.name == "link_money";
  }
  EXPECT_TRUE(link_money);
  // A phone number inside a longer number is not a phone; a bad card fails Luhn.
  const auto r2 = checker->check("订单号 2138123456789012 卡 4111111111111112", nullptr);
  for (const auto& e : r2.entities) {
    EXPECT_NE(e.kind, EntityKind::kPhone);
    EXPECT_NE(e.kind, EntityKind::kBankCard);
  }
}

TEST(Checker, JsonSpansCountCodePoints) {
  const auto checker = compiled(kRules);
  const auto j = check_result_json(checker->check("😀转账到安全账户", nullptr));
  EXPECT_EQ(j["verdict"], "fraud");
  EXPECT_EQ(j["type"]["key"], "police_impersonation");
  const auto& span = j["reasons"][0]["spans"][0];
  EXPECT_EQ(span["start"], 4);
  EXPECT_EQ(span["end"], 8);
  EXPECT_EQ(span["text"], "安全账户");
}

TEST(Checker, HostileInputNeverCrashes) {
  const auto checker = compiled(kRules);
  std::string binary;
  for (int i = 0; i < 4096; ++i) {
    binary += static_cast<char>((i * 7919) & 0xFF);
  }
  const auto r = checker->check(binary, nullptr);
  EXPECT_TRUE(check_result_json(r).dump().size() > 0);
  EXPECT_EQ(checker->check("", nullptr).verdict, Verdict::kNormal);
  EXPECT_EQ(checker->check(std::string(3, '\0'), nullptr).verdict, Verdict::kNormal);
}

struct FakeModel : Classifier {
  double p;
  explicit FakeModel(double probability) : p(probability) {}
  Output classify(const std::string&) const override {
    return {p, domain::FraudType::kClickFarming, {}};
  }
};

TEST(Checker, ModelPointsAndType) {
  const auto parsed = parse_rule_file(std::string(kRules) + "\n");
  auto rules = *parsed.rules;
  rules.model_weight = 40;
  auto checker = std::move(std::get<std::unique_ptr<Checker>>(Checker::compile(rules)));
  const FakeModel sure(1.0);
  const auto r = checker->check("今天有个好机会", &sure);
  EXPECT_EQ(r.score, 40);
  EXPECT_EQ(r.verdict, Verdict::kSuspicious);
  ASSERT_TRUE(r.type.has_value());
  EXPECT_EQ(*r.type, domain::FraudType::kClickFarming);
  const FakeModel clean(0.0);
  EXPECT_EQ(checker->check("转账到安全账户", &clean).score, 30);
  // The model may take away more than it adds.
  rules.model_weight_normal = 60;
  checker = std::move(std::get<std::unique_ptr<Checker>>(Checker::compile(rules)));
  EXPECT_EQ(checker->check("转账到安全账户", &clean).score, 10);
  EXPECT_EQ(checker->check("今天有个好机会", &sure).score, 40);
  const FakeModel leaning(0.25);
  EXPECT_EQ(checker->check("转账到安全账户", &leaning).score, 40);
}

TEST(CheckerRuleFile, ErrorsNameTheLine) {
  struct Case {
    std::string text;
    int line;
  };
  const std::vector<Case> cases = {
      {"version: 1\nsignals:\n  - name: a\n    words: [x]\n    colour: red\n", 5},
      {"version: 1\nsignals:\n  - name: a\n    type: no_such_type\n    words: [x]\n", 4},
      {"version: 1\nsignals:\n  - name: a\n    words: [x]\n  - name: a\n    words: [y]\n", 5},
      {"version: 1\nsignals:\n  - name: a\n    all: [b]\n", 3},
      {"version: 1\nsignals:\n  - name: a\n    weight: lots\n    words: [x]\n", 4},
      {"version: 1\nsignals:\n  - name: a\n    all: [b]\n  - name: b\n    all: [a]\n", 5},
      {"version: 1\nsignals:\n  - name: a\n    words: [x\n", 5},
      {"version: 1\nsignals:\n  - name: a\n    label: nothing to match\n", 3},
      {"version: 1\nsignals:\n  - name: url\n    words: [x]\n", 3},
  };
  for (const auto& c : cases) {
    const auto parsed = parse_rule_file(c.text);
    EXPECT_FALSE(parsed.rules.has_value()) << c.text;
    EXPECT_EQ(parsed.error.line, c.line) << c.text << " → " << parsed.error.reason;
    EXPECT_FALSE(parsed.error.reason.empty());
  }
}

TEST(CheckerRuleFile, BadRegexIsRefusedWithItsLine) {
  const auto parsed = parse_rule_file(
      "version: 1\nsignals:\n  - name: a\n    weight: 5\n    regex:\n      - 'ok'\n"
      "      - '(unclosed'\n");
  ASSERT_TRUE(parsed.rules.has_value());
  const auto compiled = Checker::compile(*parsed.rules);
  ASSERT_TRUE(std::holds_alternative<RuleFileError>(compiled));
  EXPECT_EQ(std::get<RuleFileError>(compiled).line, 7);
}

TEST(CheckerRuleFile, PatternsVectorscanRejectsFallBackToRe2) {
  // A backreference-free pattern Vectorscan refuses with start-of-match tracking is
  // still usable through RE2; an empty-matching pattern is an error.
  const auto empty =
      parse_rule_file("version: 1\nsignals:\n  - name: a\n    weight: 5\n    regex: ['x*']\n");
  ASSERT_TRUE(empty.rules.has_value());
  EXPECT_TRUE(std::holds_alternative<RuleFileError>(Checker::compile(*empty.rules)));
}

}  // namespace
}  // namespace fanzha::checker
