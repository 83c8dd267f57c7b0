// checker/rules.yaml itself: every signal's examples fire and stay quiet as the file
// says, the whole checker keeps legitimate hard cases normal, and the service refuses
// a broken rule file while the old rules stay active.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "checker/rule_file.h"
#include "common/clock.h"
#include "common/error.h"
#include "service/check_service.h"
#include "unit/test_env.h"

namespace fanzha::checker {
namespace {

std::unique_ptr<Checker> project_rules() {
  auto compiled = compile_rule_file(FANZHA_CHECKER_RULES);
  if (auto* e = std::get_if<RuleFileError>(&compiled)) {
    ADD_FAILURE() << "rules.yaml:" << e->line << ": " << e->reason;
    return nullptr;
  }
  return std::move(std::get<std::unique_ptr<Checker>>(compiled));
}

TEST(CheckerRules, EverySignalHasExamplesThatFireAndStayQuiet) {
  const auto checker = project_rules();
  ASSERT_TRUE(checker);
  for (const auto& signal : checker->rules().signals) {
    EXPECT_FALSE(signal.fire_examples.empty()) << signal.name << " has no example that fires it";
    EXPECT_FALSE(signal.quiet_examples.empty()) << signal.name << " has no quiet example";
    for (const auto& text : signal.fire_examples) {
      const auto fired = checker->fired_signals(text);
      EXPECT_NE(std::find(fired.begin(), fired.end(), signal.name), fired.end())
          << signal.name << " (line " << signal.line << ") should fire on: " << text;
    }
    for (const auto& text : signal.quiet_examples) {
      const auto fired = checker->fired_signals(text);
      EXPECT_EQ(std::find(fired.begin(), fired.end(), signal.name), fired.end())
          << signal.name << " (line " << signal.line << ") should not fire on: " << text;
    }
  }
}

TEST(CheckerRules, EveryFraudTypeHasAdviceAndSignals) {
  const auto checker = project_rules();
  ASSERT_TRUE(checker);
  for (auto type : domain::all_fraud_types()) {
    const auto& rules = checker->rules();
    const bool advice = std::any_of(rules.type_advice.begin(), rules.type_advice.end(),
                                    [&](const TypeAdvice& a) { return a.type == type; });
    const bool signal = std::any_of(rules.signals.begin(), rules.signals.end(),
                                    [&](const SignalSpec& s) { return s.type == type; });
    EXPECT_TRUE(advice) << domain::fraud_type_key(type) << " has no advice";
    EXPECT_TRUE(signal) << domain::fraud_type_key(type) << " has no signal";
  }
}

// The promise, with the model as served: real legitimate shapes stay normal and
// the campaign rules' plain cases are fraud.
TEST(CheckerRules, LegitimateShapesStayNormalAndCampaignRulesCatch) {
  service::CheckOptions options;
  options.rules_path = FANZHA_CHECKER_RULES;
  options.model_path = FANZHA_CHECKER_MODEL;
  const SystemClock clock;
  service::CheckService service(clock, options);
  for (const char* text : {
           "【招商银行】验证码482913，您正在登录手机银行，5分钟内有效，请勿泄露给他人。",
           "【工商银行】您尾号2638卡12月1日10:31工资收入6,832.50元，余额9,118.07元。",
           "【县公安局】凡是自称公检法要求转账到“安全账户”的都是诈骗！公检法不会电话办案，"
           "请下载国家反诈中心APP，有疑问拨打96110。",
           "【京东】您的订单已签收，如有问题请在京东App内联系客服。",
           "妈，我到学校了，生活费收到了，别担心。",
       }) {
    EXPECT_EQ(service.check(text).verdict, Verdict::kNormal) << text;
  }
  for (const char* text : {
           "我是市公安局的，你涉嫌洗钱，马上把钱转到安全账户接受资金清查，不要告诉家人。",
           "您好，请把刚收到的短信验证码报给我，我帮您办理退款。",
           "招聘兼职刷单，先垫付本金，做完任务返佣金，日入500。",
           "您的贷款已审批，放款前需先缴纳3000元保证金。",
       }) {
    EXPECT_EQ(service.check(text).verdict, Verdict::kFraud) << text;
  }
}

TEST(CheckerService, BrokenRuleFileIsRefusedAndOldRulesStay) {
  std::string pattern = (std::filesystem::temp_directory_path() / "fanzha-checker-XXXXXX").string();
  const std::string dir = mkdtemp(pattern.data());
  const std::string path = dir + "/rules.yaml";
  auto write = [&path](const std::string& text) { std::ofstream(path) << text; };
  write("version: one\nsignals:\n  - name: a\n    weight: 70\n    words: [安全账户]\n");
  service::CheckOptions options;
  options.rules_path = path;
  const SystemClock clock;
  service::CheckService service(clock, options);
  EXPECT_EQ(service.check("安全账户").verdict, Verdict::kFraud);
  write("version: two\nsignals:\n  - name: a\n    weight: 70\n    regex: ['(安全']\n");
  const auto error = service.reload();
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->line, 5);
  EXPECT_EQ(service.status().version, "one");
  EXPECT_TRUE(service.status().last_error.has_value());
  EXPECT_EQ(service.check("安全账户").verdict, Verdict::kFraud);
  write("version: three\nsignals:\n  - name: a\n    weight: 10\n    words: [安全账户]\n");
  EXPECT_FALSE(service.reload().has_value());
  EXPECT_EQ(service.status().version, "three");
  EXPECT_EQ(service.check("安全账户").verdict, Verdict::kNormal);
  EXPECT_EQ(testing::code_of([&] { service.check("  "); }), ErrorCode::kInvalidValue);
  EXPECT_EQ(testing::code_of([&] { service.check(std::string(10'001, 'a')); }),
            ErrorCode::kInvalidValue);
  EXPECT_EQ(service.check(std::string(10'000, 'a')).verdict, Verdict::kNormal);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace fanzha::checker
