#include "domain/fraud_type.h"

#include <array>

#include "common/text.h"

namespace fanzha::domain {

namespace {

using F = FraudType;

struct Info {
  FraudType type;
  std::string_view key;
  std::string_view label;
  bool high_incidence;
};

constexpr std::array kTypes = {
    Info{F::kOnlineLoan, "online_loan", "网络贷款", true},
    Info{F::kInvestmentGambling, "investment_gambling", "网络投资理财/博彩", true},
    Info{F::kClickFarming, "click_farming", "刷单返利", true},
    Info{F::kShoppingRefund, "shopping_refund", "网购退款(冒充客服)", true},
    Info{F::kPoliceImpersonation, "police_impersonation", "冒充公检法", false},
    Info{F::kBossImpersonation, "boss_impersonation", "冒充领导熟人", false},
    Info{F::kTeacherImpersonation, "teacher_impersonation", "冒充老师", false},
    Info{F::kChildInDanger, "child_in_danger", "虚构子女险情", false},
    Info{F::kCampusLoan, "campus_loan", "校园贷/注销账户", false},
    Info{F::kGameTrading, "game_trading", "游戏交易", false},
    Info{F::kFakeShopping, "fake_shopping", "虚假购物", false},
    Info{F::kRomanceInvestment, "romance_investment", "杀猪盘", false},
    Info{F::kCreditCardAgent, "credit_card_agent", "代办信用卡", false},
    Info{F::kSocialSecurity, "social_security", "冒充社保医保", false},
    Info{F::kElderlyServices, "elderly_services", "养老服务", false},
    Info{F::kElderlyProjects, "elderly_projects", "养老项目", false},
    Info{F::kHouseForPension, "house_for_pension", "以房养老", false},
    Info{F::kElderlyProducts, "elderly_products", "养老产品", false},
    Info{F::kElderlyAid, "elderly_aid", "养老帮扶", false},
    Info{F::kPensionInsurance, "pension_insurance", "养老保险", false},
    Info{F::kPhishingLink, "phishing_link", "钓鱼链接(冒充银行/ETC/运营商)", false},
    Info{F::kFakePrize, "fake_prize", "虚假中奖/补贴", false},
};

constexpr auto make_all() {
  std::array<FraudType, kTypes.size()> all{};
  for (size_t i = 0; i < kTypes.size(); ++i) {
    all[i] = kTypes[i].type;
  }
  return all;
}
constexpr auto kAll = make_all();

static_assert(kTypes.size() <= 32, "FraudTypeSet is a 32-bit mask");

}  // namespace

std::span<const FraudType> all_fraud_types() { return kAll; }
std::string_view fraud_type_key(FraudType type) { return kTypes[static_cast<size_t>(type)].key; }
std::string_view fraud_type_label(FraudType type) {
  return kTypes[static_cast<size_t>(type)].label;
}
bool is_high_incidence(FraudType type) { return kTypes[static_cast<size_t>(type)].high_incidence; }

std::optional<FraudType> parse_fraud_type(std::string_view text) {
  text = trim(text);
  for (const auto& t : kTypes) {
    if (text == t.key || text == t.label) {
      return t.type;
    }
  }
  return std::nullopt;
}

}  // namespace fanzha::domain
