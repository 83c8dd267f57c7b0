#include "domain/fraud_case.h"

#include <array>

#include "common/text.h"
#include "domain/enum_table.h"
#include "domain/money.h"

namespace fanzha::domain {

namespace {

constexpr std::array<EnumEntry<CaseStatus>, 4> kStatuses = {{
    {CaseStatus::kRegistered, "registered", "已立案"},
    {CaseStatus::kInvestigating, "investigating", "侦办中"},
    {CaseStatus::kSolved, "solved", "已破案"},
    {CaseStatus::kClosed, "closed", "已结案"},
}};

constexpr std::array<EnumEntry<CaseChannel>, 8> kChannels = {{
    {CaseChannel::kPhoneCall, "phone_call", "电话"},
    {CaseChannel::kSms, "sms", "短信"},
    {CaseChannel::kWechat, "wechat", "微信"},
    {CaseChannel::kQq, "qq", "QQ"},
    {CaseChannel::kApp, "app", "APP"},
    {CaseChannel::kWebsite, "website", "网站"},
    {CaseChannel::kInPerson, "in_person", "当面"},
    {CaseChannel::kOther, "other", "其他"},
}};

constexpr std::array<EnumEntry<VictimGroup>, 7> kGroups = {{
    {VictimGroup::kStudent, "student", "在校学生"},
    {VictimGroup::kElderly, "elderly", "60岁以上老人"},
    {VictimGroup::kFinanceStaff, "finance_staff", "企业财务人员"},
    {VictimGroup::kEnterpriseHead, "enterprise_head", "企业负责人"},
    {VictimGroup::kWorkerAway, "worker_away", "外出务工人员"},
    {VictimGroup::kPublicStaff, "public_staff", "机关事业单位人员"},
    {VictimGroup::kOther, "other", "其他群众"},
}};

constexpr std::array<EnumEntry<SuspectAccountKind>, 3> kAccountKinds = {{
    {SuspectAccountKind::kBankCard, "bank_card", "银行卡"},
    {SuspectAccountKind::kPaymentAccount, "payment_account", "支付账户"},
    {SuspectAccountKind::kVirtualCurrency, "virtual_currency", "虚拟货币地址"},
}};

template <class E, size_t N>
constexpr auto values_of(const std::array<EnumEntry<E>, N>& table) {
  std::array<E, N> out{};
  for (size_t i = 0; i < N; ++i) {
    out[i] = table[i].value;
  }
  return out;
}
constexpr auto kAllStatuses = values_of(kStatuses);
constexpr auto kAllChannels = values_of(kChannels);
constexpr auto kAllGroups = values_of(kGroups);

constexpr int kElderlyAge = 60;
constexpr size_t kMinCaseNumber = 6;
constexpr size_t kMaxCaseNumber = 40;
constexpr size_t kMaxAccountChars = 80;
// Reported "now" may run a little ahead of the server's clock on another machine.
constexpr int64_t kClockSkewMs = 10 * 60 * 1000;

}  // namespace

std::span<const CaseStatus> all_case_statuses() { return kAllStatuses; }
std::string_view case_status_key(CaseStatus s) { return enum_key<CaseStatus>(kStatuses, s); }
std::string_view case_status_label(CaseStatus s) { return enum_label<CaseStatus>(kStatuses, s); }
std::optional<CaseStatus> parse_case_status(std::string_view t) {
  return parse_enum<CaseStatus>(kStatuses, trim(t));
}

std::span<const CaseChannel> all_case_channels() { return kAllChannels; }
std::string_view case_channel_key(CaseChannel c) { return enum_key<CaseChannel>(kChannels, c); }
std::string_view case_channel_label(CaseChannel c) { return enum_label<CaseChannel>(kChannels, c); }
std::optional<CaseChannel> parse_case_channel(std::string_view t) {
  return parse_enum<CaseChannel>(kChannels, trim(t));
}

std::span<const VictimGroup> all_victim_groups() { return kAllGroups; }
std::string_view victim_group_key(VictimGroup g) { return enum_key<VictimGroup>(kGroups, g); }
std::string_view victim_group_label(VictimGroup g) { return enum_label<VictimGroup>(kGroups, g); }
std::optional<VictimGroup> parse_victim_group(std::string_view t) {
  return parse_enum<VictimGroup>(kGroups, trim(t));
}

std::string_view suspect_account_kind_key(SuspectAccountKind k) {
  return enum_key<SuspectAccountKind>(kAccountKinds, k);
}
std::string_view suspect_account_kind_label(SuspectAccountKind k) {
  return enum_label<SuspectAccountKind>(kAccountKinds, k);
}
std::optional<SuspectAccountKind> parse_suspect_account_kind(std::string_view t) {
  return parse_enum<SuspectAccountKind>(kAccountKinds, trim(t));
}

VictimGroup default_victim_group(std::optional<int> age) {
  return age && *age >= kElderlyAge ? VictimGroup::kElderly : VictimGroup::kOther;
}

std::optional<std::string> normalize_case_number(std::string_view text) {
  const std::string number = to_upper_ascii(trim(text));
  if (number.size() < kMinCaseNumber || number.size() > kMaxCaseNumber) {
    return std::nullopt;
  }
  for (char c : number) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '-';
    if (!ok) {
      return std::nullopt;
    }
  }
  return number;
}

std::string normalize_account_number(SuspectAccountKind kind, std::string_view number) {
  std::string out;
  for (char c : trim(number)) {
    if (c != ' ' && !(c == '-' && kind == SuspectAccountKind::kBankCard)) {
      out.push_back(c);
    }
  }
  return out;
}

std::string mask_account_number(std::string_view number) {
  const std::string_view n = trim(number);
  // Never more than about a third shows: 4 + 4 of a card, 2 + 2 of a short id.
  constexpr size_t kLong = 12, kShort = 6;
  const size_t shown = n.size() >= kLong ? 4 : (n.size() >= kShort ? 2 : 0);
  if (shown == 0) {
    return std::string(n.size(), '*');
  }
  return std::string(n.substr(0, shown)) + std::string(n.size() - 2 * shown, '*') +
         std::string(n.substr(n.size() - shown));
}

std::string mask_person_name(std::string_view name) {
  const std::string_view n = trim(name);
  const size_t chars = utf8_length(n);
  if (chars == 0) {
    return "";
  }
  // Only the first character shows (the surname, or the first of a compound one).
  size_t first = 1;
  while (first < n.size() && (static_cast<unsigned char>(n[first]) & 0xC0) == 0x80) {
    ++first;
  }
  return std::string(n.substr(0, first)) + std::string(chars - 1, '*');
}

std::optional<CaseProblem> check_case(const FraudCase& c, int64_t now) {
  if (!normalize_case_number(c.case_number)) {
    return CaseProblem{"case_number", "案件编号应为6–40位字母、数字或“-”"};
  }
  if (c.occurred_at <= 0 || c.reported_at <= 0) {
    return CaseProblem{c.occurred_at <= 0 ? "occurred_at" : "reported_at", "请填写发案和报案时间"};
  }
  if (c.occurred_at > c.reported_at) {
    return CaseProblem{"occurred_at", "发案时间不能晚于报案时间"};
  }
  if (c.reported_at > now + kClockSkewMs) {
    return CaseProblem{"reported_at", "报案时间不能晚于当前时间"};
  }
  if (c.org_unit_id <= 0) {
    return CaseProblem{"org_unit_id", "请选择发案地（到村/社区/网格，或学校班级）"};
  }
  if (c.victim_age && (*c.victim_age < 0 || *c.victim_age > kMaxVictimAge)) {
    return CaseProblem{"victim_age", "受害人年龄应在0–120岁之间"};
  }
  const auto amount = [](int64_t fen) { return fen >= 0 && fen <= kMaxFen; };
  if (!amount(c.loss_fen)) {
    return CaseProblem{"loss_fen", "损失金额应为0至1000亿元之间的金额"};
  }
  if (!amount(c.stopped_fen) || c.stopped_fen > c.loss_fen) {
    return CaseProblem{"stopped_fen", "止付冻结金额不能为负，也不能超过损失金额"};
  }
  if (!amount(c.returned_fen) || c.returned_fen > c.loss_fen) {
    return CaseProblem{"returned_fen", "返还金额不能为负，也不能超过损失金额"};
  }
  if (c.suspect_accounts.size() > kMaxSuspectAccounts) {
    return CaseProblem{"suspect_accounts", "一个案件最多登记20个涉案账号"};
  }
  for (const auto& a : c.suspect_accounts) {
    const std::string_view number = trim(a.number);
    if (number.empty() || number.size() > kMaxAccountChars || has_control_chars(number)) {
      return CaseProblem{"suspect_accounts", "涉案账号不能为空，且不超过80个字符"};
    }
  }
  if (!is_valid_utf8(c.notes) || utf8_length(c.notes) > kMaxCaseNotesChars) {
    return CaseProblem{"notes", "备注不超过2000字"};
  }
  return std::nullopt;
}

}  // namespace fanzha::domain
