// The fraud taxonomy (domain.md: "Fraud types"): a fixed, extensible list of keys with
// Chinese labels, the four high-incidence types flagged. Visits record the topics they
// explained as a set of these; cases and the message checker use the same list.
// Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace fanzha::domain {

enum class FraudType : uint8_t {
  kOnlineLoan,            // 网络贷款
  kInvestmentGambling,    // 网络投资理财/博彩
  kClickFarming,          // 刷单返利
  kShoppingRefund,        // 网购退款(冒充客服)
  kPoliceImpersonation,   // 冒充公检法
  kBossImpersonation,     // 冒充领导熟人
  kTeacherImpersonation,  // 冒充老师
  kChildInDanger,         // 虚构子女险情
  kCampusLoan,            // 校园贷/注销账户
  kGameTrading,           // 游戏交易
  kFakeShopping,          // 虚假购物
  kRomanceInvestment,     // 杀猪盘
  kCreditCardAgent,       // 代办信用卡
  kSocialSecurity,        // 冒充社保医保
  kElderlyServices,       // 养老服务
  kElderlyProjects,       // 养老项目
  kHouseForPension,       // 以房养老
  kElderlyProducts,       // 养老产品
  kElderlyAid,            // 养老帮扶
  kPensionInsurance,      // 养老保险
  kPhishingLink,          // 钓鱼链接(冒充银行/ETC/运营商)
  kFakePrize,             // 虚假中奖/补贴
};

std::span<const FraudType> all_fraud_types();
std::string_view fraud_type_key(FraudType type);
std::string_view fraud_type_label(FraudType type);
bool is_high_incidence(FraudType type);
std::optional<FraudType> parse_fraud_type(std::string_view key_or_label);

// A set of fraud types as a bit mask (bit i = type i), for compact storage.
using FraudTypeSet = uint32_t;
inline FraudTypeSet fraud_type_bit(FraudType type) {
  return FraudTypeSet{1} << static_cast<int>(type);
}

}  // namespace fanzha::domain
