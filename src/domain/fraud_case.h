// Telecom-fraud cases (案件) as the county keeps them: the police case number, when and
// where, the victim (a person in fanzha, or only age, sex and group), the fraud type and
// channel, the money (lost, stopped/frozen, returned; integer fen) and the status, with
// the checks a case must pass before it is stored. Suspect accounts are PII and stay
// encrypted outside the domain. Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/fraud_type.h"
#include "domain/resident_id.h"

namespace fanzha::domain {

enum class CaseStatus : uint8_t {
  kRegistered,     // 已立案
  kInvestigating,  // 侦办中
  kSolved,         // 已破案
  kClosed,         // 已结案
};

enum class CaseChannel : uint8_t {
  kPhoneCall,  // 电话
  kSms,        // 短信
  kWechat,     // 微信
  kQq,         // QQ
  kApp,        // APP
  kWebsite,    // 网站
  kInPerson,   // 当面
  kOther,      // 其他
};

// Who the victim is, as bulletins break cases down.
enum class VictimGroup : uint8_t {
  kStudent,         // 在校学生
  kElderly,         // 60岁以上老人
  kFinanceStaff,    // 企业财务人员
  kEnterpriseHead,  // 企业负责人
  kWorkerAway,      // 外出务工人员
  kPublicStaff,     // 机关事业单位人员 (a case "inside the system")
  kOther,           // 其他群众
};

enum class SuspectAccountKind : uint8_t {
  kBankCard,         // 银行卡
  kPaymentAccount,   // 支付账户 (WeChat Pay, Alipay …)
  kVirtualCurrency,  // 虚拟货币地址
};

std::span<const CaseStatus> all_case_statuses();
std::string_view case_status_key(CaseStatus s);
std::string_view case_status_label(CaseStatus s);
std::optional<CaseStatus> parse_case_status(std::string_view key_or_label);

std::span<const CaseChannel> all_case_channels();
std::string_view case_channel_key(CaseChannel c);
std::string_view case_channel_label(CaseChannel c);
std::optional<CaseChannel> parse_case_channel(std::string_view key_or_label);

std::span<const VictimGroup> all_victim_groups();
std::string_view victim_group_key(VictimGroup g);
std::string_view victim_group_label(VictimGroup g);
std::optional<VictimGroup> parse_victim_group(std::string_view key_or_label);

std::string_view suspect_account_kind_key(SuspectAccountKind k);
std::string_view suspect_account_kind_label(SuspectAccountKind k);
std::optional<SuspectAccountKind> parse_suspect_account_kind(std::string_view key_or_label);

// The group of a victim known only by age when no group was given: 60+ are elderly.
VictimGroup default_victim_group(std::optional<int> age);

struct SuspectAccount {
  SuspectAccountKind kind = SuspectAccountKind::kBankCard;
  std::string number;  // plain only inside the service; encrypted at rest, masked out
  std::string holder;  // bank or platform, as the police record gives it
};

// Cases of this loss and more get a full back-trace with a rectification plan (the
// county may set another threshold).
inline constexpr int64_t kDefaultLargeCaseFen = 50'000'000;  // 500,000 yuan

// What a case holds; ids are the store's.
struct FraudCase {
  int64_t id = 0;
  std::string case_number;  // police case number, unique
  int64_t reported_at = 0;  // epoch ms
  int64_t occurred_at = 0;  // epoch ms
  int64_t org_unit_id = 0;  // where: down to village / community / grid, or a class
  std::optional<int64_t> victim_person_id;
  std::optional<int> victim_age;
  Sex victim_sex = Sex::kUnknown;
  VictimGroup victim_group = VictimGroup::kOther;
  FraudType fraud_type = FraudType::kOnlineLoan;
  CaseChannel channel = CaseChannel::kOther;
  int64_t loss_fen = 0;
  int64_t stopped_fen = 0;   // stopped / frozen
  int64_t returned_fen = 0;  // returned to the victim
  CaseStatus status = CaseStatus::kRegistered;
  std::vector<SuspectAccount> suspect_accounts;
  std::string notes;
};

inline constexpr size_t kMaxCaseNotesChars = 2000;
inline constexpr size_t kMaxSuspectAccounts = 20;
inline constexpr int kMaxVictimAge = 120;

// A police case number upper-cased and trimmed: 6–40 letters, digits and '-'; nullopt
// when it is not one.
std::optional<std::string> normalize_case_number(std::string_view text);

// An account number as stored: without spaces (and, for bank cards, without dashes).
std::string normalize_account_number(SuspectAccountKind kind, std::string_view number);

// An account number as shown to those who may not see it in clear: the first and last
// four characters of 12 and more, two of 6–11, none of shorter ones; the rest as '*'.
std::string mask_account_number(std::string_view number);
// A victim's name as roles without the identity capability see it: "张*", "欧**".
std::string mask_person_name(std::string_view name);

struct CaseProblem {
  std::string field;    // the API / CSV field at fault, e.g. "stopped_fen"
  std::string message;  // what to fix, in Chinese
};

// Checks a case before it is stored (`now`: the current instant, epoch ms). Returns the
// first problem found.
std::optional<CaseProblem> check_case(const FraudCase& c, int64_t now);

}  // namespace fanzha::domain
