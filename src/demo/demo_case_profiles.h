// What the demo county's fraud cases look like, type by type: who falls for them, over
// which channel, how much they lose, how fast they report, the notes police write, and
// how the calendar and the campaign's "two drops" move them. Internal to
// demo_cases.cpp, kept apart so that the figures can be tuned without reading the
// generator. Pure data, thread-safe.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "demo/demo_cases.h"
#include "domain/fraud_case.h"
#include "domain/fraud_type.h"

namespace fanzha::demo::case_profiles {

using F = domain::FraudType;
using domain::VictimGroup;

// Who a victim is drawn as: finer than VictimGroup (young and middle-aged adults apart).
enum class Kind : uint8_t { kStudent, kYoung, kAdult, kElderly, kFinance, kHead, kAway, kPublic };
inline constexpr size_t kKindCount = 8;
inline constexpr size_t kChannelCount = 8;

struct KindInfo {
  int min_age;  // at the case
  int max_age;
  VictimGroup group;  // for a victim known by age and sex only
};
inline constexpr std::array<KindInfo, kKindCount> kKinds = {{{10, 22, VictimGroup::kStudent},
                                                             {18, 35, VictimGroup::kOther},
                                                             {25, 59, VictimGroup::kOther},
                                                             {60, 88, VictimGroup::kElderly},
                                                             {22, 60, VictimGroup::kFinanceStaff},
                                                             {28, 67, VictimGroup::kEnterpriseHead},
                                                             {18, 52, VictimGroup::kWorkerAway},
                                                             {23, 59, VictimGroup::kPublicStaff}}};

struct Profile {
  F type;
  double weight;                                // per cent of cases, before the season
  std::array<uint8_t, kKindCount> victims;      // weights by Kind
  std::array<uint8_t, kChannelCount> channels;  // weights by CaseChannel
  int median_yuan;
  double spread;        // sigma of the log loss
  double large_chance;  // of a case of 500,000 yuan and more
  double female_share;
  bool evening;       // mostly in the evening (online pastimes), else in office hours
  double late_share;  // reported days later: the victim realises slowly
};

// In FraudType order. Victims: student young adult elderly finance head away public.
// Channels: phone sms wechat qq app website in-person other.
// clang-format off
inline constexpr std::array<Profile, 22> kProfiles = {{
    // type                weight   S  Y  A  E  F  H  W  P     ph sm wx qq ap wb ip ot
    {F::kOnlineLoan,           12, { 0,50,33, 0, 0, 0,15, 1}, {20,15, 0, 0,50,15, 0, 0},
     5000, 0.9, 0, 0.45, false, 0.1},
    {F::kInvestmentGambling,   17, { 0,17,48,10, 0, 8,15, 1}, { 0, 0,40, 5,35,20, 0, 0},
     30000, 1.3, 0.012, 0.5, true, 0.35},
    {F::kClickFarming,         20, {25,40,28, 0, 0, 0, 7, 0}, { 0, 5,30,30,30, 5, 0, 0},
     8000, 1.0, 0, 0.62, true, 0.1},
    {F::kShoppingRefund,       14, { 5,45,38,10, 0, 0, 2, 0}, {85,10, 3, 2, 0, 0, 0, 0},
     6000, 1.0, 0, 0.55, false, 0.05},
    {F::kPoliceImpersonation,   6, { 0,20,42,35, 0, 0, 2, 1}, {90, 0, 5, 5, 0, 0, 0, 0},
     40000, 1.2, 0.01, 0.6, false, 0.15},
    {F::kBossImpersonation,     6, { 0, 0,25,10,45,15, 5, 0}, { 5, 0,40,55, 0, 0, 0, 0},
     50000, 1.1, 0.03, 0.65, false, 0.05},
    {F::kTeacherImpersonation,  1, { 0, 0,10, 0, 0, 0, 0, 0}, { 0, 0,60,40, 0, 0, 0, 0},
     2500, 0.6, 0, 0.7, false, 0.05},
    {F::kChildInDanger,         1, { 0, 0,50,50, 0, 0, 0, 0}, {80, 0,20, 0, 0, 0, 0, 0},
     15000, 0.8, 0, 0.6, false, 0.05},
    {F::kCampusLoan,          1.5, {60,40, 0, 0, 0, 0, 0, 0}, {60, 0, 0,15,25, 0, 0, 0},
     6000, 0.8, 0, 0.5, false, 0.1},
    {F::kGameTrading,           4, {80,20, 0, 0, 0, 0, 0, 0}, { 0, 0,15,45,40, 0, 0, 0},
     1500, 0.9, 0, 0.3, true, 0.1},
    {F::kFakeShopping,          4, {15,50,35, 0, 0, 0, 0, 0}, { 0, 0,40,10,20,30, 0, 0},
     2000, 0.9, 0, 0.55, true, 0.1},
    {F::kRomanceInvestment,     4, { 0,25,60, 0, 0, 0,15, 0}, { 0, 0,50,10,40, 0, 0, 0},
     80000, 1.1, 0.015, 0.65, true, 0.45},
    {F::kCreditCardAgent,       2, { 0,50,50, 0, 0, 0, 0, 0}, {50,30,20, 0, 0, 0, 0, 0},
     3000, 0.8, 0, 0.45, false, 0.1},
    {F::kSocialSecurity,        2, { 0, 0,30,70, 0, 0, 0, 0}, {70,30, 0, 0, 0, 0, 0, 0},
     10000, 1.0, 0, 0.55, false, 0.1},
    {F::kElderlyServices,     0.5, { 0, 0, 0,10, 0, 0, 0, 0}, {30, 0,10, 0, 0, 0,60, 0},
     20000, 1.0, 0, 0.6, false, 0.4},
    {F::kElderlyProjects,     0.4, { 0, 0, 0,10, 0, 0, 0, 0}, {30, 0,10, 0, 0, 0,60, 0},
     50000, 1.0, 0.01, 0.55, false, 0.5},
    {F::kHouseForPension,     0.2, { 0, 0, 0,10, 0, 0, 0, 0}, {20, 0, 0, 0, 0, 0,80, 0},
     150000, 0.8, 0.05, 0.5, false, 0.6},
    {F::kElderlyProducts,     1.2, { 0, 0, 0,10, 0, 0, 0, 0}, {30, 0,10, 0, 0, 0,60, 0},
     8000, 0.9, 0, 0.6, false, 0.4},
    {F::kElderlyAid,          0.3, { 0, 0, 0,10, 0, 0, 0, 0}, {50, 0,10, 0, 0, 0,40, 0},
     5000, 0.8, 0, 0.6, false, 0.2},
    {F::kPensionInsurance,    0.4, { 0, 0, 0,10, 0, 0, 0, 0}, {50, 0,10, 0, 0, 0,40, 0},
     20000, 1.0, 0, 0.55, false, 0.3},
    {F::kPhishingLink,          3, { 0,30,50,20, 0, 0, 0, 0}, { 0,80, 0, 0, 0,20, 0, 0},
     8000, 1.0, 0, 0.5, false, 0.1},
    {F::kFakePrize,           1.5, { 0,20,40,40, 0, 0, 0, 0}, {30,50,20, 0, 0, 0, 0, 0},
     3000, 0.8, 0, 0.5, false, 0.1},
}};
// clang-format on

// The notes of a case, by FraudType.
inline constexpr std::array<std::array<std::string_view, 2>, 22> kNotes = {{
    {"受害人急需用钱，下载虚假贷款APP后被以“解冻费”“保证金”为由多次转账",
     "对方冒充贷款平台客服，称银行卡号填错需先缴纳解冻金"},
    {"受害人被拉入“荐股”群，在虚假投资平台充值后无法提现",
     "网友推荐博彩网站，先小额获利后大额投入，平台无法提现"},
    {"受害人看到网络兼职刷单广告，前几单小额返利后被诱导大额垫付",
     "对方以点赞关注任务引流，后以“卡单”为由要求继续充值"},
    {"对方冒充电商客服称商品有质量问题可理赔，诱导受害人共享屏幕后转账",
     "冒充快递客服称快递丢失需理赔，以开通“备用金”为由骗取转账"},
    {"对方冒充公安民警称受害人涉嫌洗钱，要求将资金转入“安全账户”",
     "冒充检察院工作人员出示“通缉令”，诱导受害人转账配合资金核查"},
    {"对方冒充公司负责人拉入聊天群，以急需付款为由要求财务转账",
     "冒充熟人添加好友，以借钱周转为由骗取转账"},
    {"对方冒充班主任在家长群内收取资料费", "冒充老师添加家长好友，以报名补课为由收取费用"},
    {"对方谎称受害人子女在外出事急需用钱", "冒充学校老师称孩子突发疾病需立即转账治疗"},
    {"对方冒充网贷平台称需注销“校园贷”账户，否则影响征信",
     "以注销学生贷款账户为由诱导受害人在多个平台贷款后转出"},
    {"受害人买卖游戏装备，被诱导到虚假交易平台付款",
     "对方以低价出售游戏账号为由骗取定金和“解冻费”"},
    {"在朋友圈低价购买商品，付款后对方失联", "通过二手平台私下交易，付款后未收到货"},
    {"受害人通过婚恋交友软件结识“网友”，被诱导在虚假平台投资",
     "网恋对象以投资赚钱为由，引导受害人在虚假平台充值"},
    {"对方以代办大额信用卡为由收取手续费、保证金",
     "冒充银行工作人员称可提升信用卡额度，骗取验证码"},
    {"对方冒充医保局工作人员称社保卡异常需转账核查",
     "冒充社保部门称可领取补贴，诱导受害人提供验证码"},
    {"以提供养老服务为名收取老人预付会员费后失联", "以入住养老机构可优惠为由收取预付费用"},
    {"以投资养老公寓项目、承诺高额回报为名骗取老人资金", "以认购养老床位可返利为名骗取老人积蓄"},
    {"以“以房养老”为名诱导老人抵押房产后购买理财产品",
     "诱导老人办理房产抵押借款后投资，资金无法收回"},
    {"以免费体检、讲座送礼为名向老人高价推销“保健品”", "谎称保健品可治愈慢性病，诱导老人大量购买"},
    {"冒充民政部门称可领取养老帮扶金，需先缴纳手续费", "以帮扶困难老人为名收取“办理费”"},
    {"以代办养老保险、补缴社保为名骗取老人钱款", "谎称可提高养老金待遇，收取“补缴费用”"},
    {"受害人收到“ETC认证失效”短信，点击链接填写银行卡信息后被盗刷",
     "收到冒充银行的积分兑换短信，登录钓鱼网站后资金被转走"},
    {"对方称受害人中奖需先缴纳个人所得税", "冒充政府部门发放补贴，以缴纳手续费为由骗取钱款"},
}};

constexpr bool profiles_in_type_order() {
  for (size_t i = 0; i < kProfiles.size(); ++i) {
    if (static_cast<size_t>(kProfiles[i].type) != i) {
      return false;
    }
  }
  return true;
}
static_assert(profiles_in_type_order(), "kProfiles is indexed by FraudType");

// Cases per day by month: Spring Festival and year end high, double 11, summer holidays.
inline constexpr std::array<double, 12> kMonthRate = {1.35, 1.3,  0.95, 0.8,  0.8,  0.9,
                                                      1.05, 1.05, 0.95, 0.95, 1.15, 1.2};
// Hour weights of office-hours and evening types.
inline constexpr std::array<uint8_t, 24> kDayHours = {1, 1, 0, 0, 0, 0, 1, 2, 4, 7, 8, 8,
                                                      7, 7, 8, 8, 7, 6, 5, 4, 4, 3, 2, 1};
inline constexpr std::array<uint8_t, 24> kEveningHours = {3, 2, 1, 0, 0, 0, 0, 1, 2, 3, 4, 4,
                                                          4, 4, 4, 4, 4, 5, 6, 8, 9, 9, 7, 5};

// Debit-card number ranges of the banks victims and mules use (bank, prefix, length).
struct CardBin {
  std::string_view bank;
  std::string_view bin;
  int length;
};
inline constexpr std::array<CardBin, 9> kCardBins = {{{"中国工商银行", "622202", 19},
                                                      {"中国农业银行", "622848", 19},
                                                      {"中国银行", "621661", 19},
                                                      {"中国建设银行", "621700", 19},
                                                      {"中国邮政储蓄银行", "621799", 19},
                                                      {"交通银行", "622262", 19},
                                                      {"兴业银行", "622909", 18},
                                                      {"招商银行", "622588", 16},
                                                      {"中信银行", "622690", 16}}};

// The trend of the "two drops": from 1.22 two years ago down to 0.78 today (mean 1).
inline double trend(int days_ago) {
  return 0.78 + 0.444 * std::min(days_ago, kDemoCaseDays) / 730.0;
}
// Cases of the recent year lose somewhat less too: the second of the "two drops".
inline double loss_trend(int days_ago) {
  return 0.85 + 0.3 * std::min(days_ago, kDemoCaseDays) / 730.0;
}

// Some types follow the calendar: shopping festivals, school terms, holidays.
inline double type_season(F t, int month) {
  const bool summer = month == 7 || month == 8;
  switch (t) {
    case F::kShoppingRefund:
      return month == 11 ? 1.8 : month == 6 ? 1.3 : month == 12 ? 1.2 : 1;
    case F::kFakeShopping:
      return month == 11 ? 1.5 : month == 1 ? 1.4 : 1;
    case F::kGameTrading:
      return summer ? 2.2 : month == 2 ? 1.4 : 1;
    case F::kClickFarming:
      return summer ? 1.3 : 1;
    case F::kCampusLoan:
      return month == 9 ? 1.6 : 1;
    case F::kTeacherImpersonation:
      return month == 9 || month == 3 ? 2 : 1;
    case F::kOnlineLoan:
      return month <= 2 ? 1.3 : 1;
    case F::kBossImpersonation:
      return month == 12 || month == 1 ? 1.4 : 1;
    case F::kSocialSecurity:
      return month >= 10 ? 1.5 : 1;
    default:
      return 1;
  }
}

}  // namespace fanzha::demo::case_profiles
