// Reading case files exported by the police case system (CSV or XLSX): which column
// holds which field (by the headers such exports use), and the cell formats — times as
// text or Excel serial numbers in county time, amounts in yuan, lists of suspect
// accounts. Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/fraud_case.h"

namespace fanzha::domain {

enum class CaseField : uint8_t {
  kCaseNumber,   // 案件编号
  kReportedAt,   // 报案时间
  kOccurredAt,   // 发案时间
  kPlace,        // 发案地 (a unit's code or name)
  kVictimName,   // 受害人姓名
  kVictimId,     // 受害人身份证号 (links the case to a person in fanzha)
  kVictimAge,    // 年龄
  kVictimSex,    // 性别
  kVictimGroup,  // 人员类别
  kVictimUnit,   // 工作单位/学校 (a unit's code or name)
  kFraudType,    // 诈骗类型
  kChannel,      // 接触渠道
  kLoss,         // 损失金额（元）
  kStopped,      // 止付冻结金额（元）
  kReturned,     // 返还金额（元）
  kStatus,       // 案件状态
  kAccounts,     // 涉案账号
  kNotes,        // 简要案情 / 备注
};
inline constexpr size_t kCaseFieldCount = 18;

std::string_view case_field_key(CaseField field);
std::string_view case_field_label(CaseField field);

struct CaseHeaderMapping {
  std::vector<std::optional<CaseField>> columns;  // per column; nullopt: ignored
  std::vector<std::string> ignored;               // headers no field matched
  std::vector<std::string> problems;              // required columns missing, duplicates
};

// Matches headers to fields by name (e.g. "案件编号", "案件编号(警情号)", "损失金额（元）").
// 案件编号, 发案时间, 发案地, 诈骗类型 and 损失金额 are required; 报案时间 defaults to the
// occurrence time.
CaseHeaderMapping map_case_headers(const std::vector<std::string>& headers);

// A time as exports write it, in county time: "2026-11-30 14:05[:00]", "2026/11/30
// 14:05", "2026年11月30日14时05分", "2026-11-30" (midnight), or an Excel serial number
// ("46356.5854"). Returns epoch ms; nullopt when it is none of these.
std::optional<int64_t> parse_case_time(std::string_view text);

// Suspect accounts listed in one cell, separated by ；;，, 、 or new lines; each may
// carry its bank or platform in brackets ("6222021234567890123(工商银行)"). Bank cards
// are 12–19 digits, virtual-currency addresses start with 0x, T, bc1, 1 or 3 and are
// 26–64 letters and digits; anything else is a payment account.
std::vector<SuspectAccount> parse_account_list(std::string_view text);

}  // namespace fanzha::domain
