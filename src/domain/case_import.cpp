#include "domain/case_import.h"

#include <array>
#include <cctype>

#include "common/text.h"
#include "domain/calendar.h"

namespace fanzha::domain {

namespace {

struct CaseFieldInfo {
  CaseField field;
  std::string_view key;
  std::string_view label;
  bool required;
  std::array<std::string_view, 8> aliases;  // normalised headers that mean this field
};

constexpr std::array<CaseFieldInfo, kCaseFieldCount> kCaseFields = {{
    {CaseField::kCaseNumber,
     "case_number",
     "案件编号",
     true,
     {"案件编号", "案件编码", "警情编号", "警情号", "案件号", "案号", "立案编号"}},
    {CaseField::kReportedAt,
     "reported_at",
     "报案时间",
     false,
     {"报案时间", "报警时间", "接警时间", "受理时间"}},
    {CaseField::kOccurredAt, "occurred_at", "发案时间", true, {"发案时间", "案发时间", "被骗时间"}},
    {CaseField::kPlace,
     "place",
     "发案地",
     true,
     {"发案地", "发案地点", "案发地", "案发地点", "发案单位", "发案村社区", "所属村社区",
      "发案地编码"}},
    {CaseField::kVictimName,
     "victim_name",
     "受害人姓名",
     false,
     {"受害人", "受害人姓名", "被害人", "被害人姓名", "事主", "事主姓名"}},
    {CaseField::kVictimId,
     "victim_id_number",
     "受害人身份证号",
     false,
     {"受害人身份证号", "身份证号", "身份证号码", "公民身份号码", "证件号码", "受害人身份证号码"}},
    {CaseField::kVictimAge, "victim_age", "年龄", false, {"年龄", "受害人年龄"}},
    {CaseField::kVictimSex, "victim_sex", "性别", false, {"性别", "受害人性别"}},
    {CaseField::kVictimGroup,
     "victim_group",
     "人员类别",
     false,
     {"人员类别", "受害人类别", "受害群体", "受害人员类别", "职业"}},
    {CaseField::kVictimUnit,
     "victim_unit",
     "工作单位/学校",
     false,
     {"工作单位", "所在单位", "学校", "就读学校", "单位学校", "工作单位学校"}},
    {CaseField::kFraudType,
     "fraud_type",
     "诈骗类型",
     true,
     {"诈骗类型", "案件类别", "案件类型", "诈骗手法", "作案手段"}},
    {CaseField::kChannel,
     "channel",
     "接触渠道",
     false,
     {"接触渠道", "作案渠道", "联系渠道", "渠道"}},
    {CaseField::kLoss,
     "loss",
     "损失金额",
     true,
     {"损失金额", "被骗金额", "涉案金额", "损失", "经济损失"}},
    {CaseField::kStopped,
     "stopped",
     "止付冻结金额",
     false,
     {"止付金额", "冻结金额", "止付冻结金额", "止付冻结"}},
    {CaseField::kReturned,
     "returned",
     "返还金额",
     false,
     {"返还金额", "返赃金额", "挽损金额", "返还"}},
    {CaseField::kStatus, "status", "案件状态", false, {"案件状态", "状态", "办案状态"}},
    {CaseField::kAccounts,
     "suspect_accounts",
     "涉案账号",
     false,
     {"涉案账号", "涉案账户", "嫌疑人账号", "收款账号", "嫌疑账号"}},
    {CaseField::kNotes, "notes", "简要案情", false, {"简要案情", "案情", "备注", "案情简述"}},
}};

const CaseFieldInfo& info(CaseField f) { return kCaseFields[static_cast<size_t>(f)]; }

// A header without spaces, and without a trailing bracketed unit ("（元）", "(警情号)").
std::string normalized_header(std::string_view header) {
  std::string h;
  for (char c : trim(strip_bom(header))) {
    if (c != ' ' && c != '\t') {
      h.push_back(c);
    }
  }
  for (const std::string_view open : {"（", "("}) {
    const size_t at = h.find(open);
    if (at != std::string::npos && at > 0) {
      h.resize(at);
    }
  }
  return h;
}

std::vector<int64_t> digit_groups(std::string_view text) {
  std::vector<int64_t> out;
  int64_t value = 0;
  int digits = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    const bool digit = i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]));
    if (digit && digits < 12) {
      value = value * 10 + (text[i] - '0');
      ++digits;
    } else if (!digit && digits > 0) {
      out.push_back(digits == 8 && out.empty() ? -value : value);  // -: a compact yyyymmdd
      value = 0;
      digits = 0;
    }
  }
  return out;
}

constexpr int64_t kMsPerDay = 86'400'000;
constexpr int64_t kExcelEpochDay = 25569;  // the Excel serial number of 1970-01-01
constexpr double kMinExcelSerial = 20000;  // 1954
constexpr double kMaxExcelSerial = 80000;  // 2119

std::optional<int64_t> excel_serial_time(std::string_view text) {
  size_t dots = 0;
  for (char c : text) {
    if (c == '.') {
      ++dots;
    } else if (!std::isdigit(static_cast<unsigned char>(c))) {
      return std::nullopt;
    }
  }
  if (dots > 1 || text.empty()) {
    return std::nullopt;
  }
  const double serial = std::stod(std::string(text));
  if (serial < kMinExcelSerial || serial > kMaxExcelSerial) {
    return std::nullopt;
  }
  const auto day = static_cast<int64_t>(serial);
  const auto ms_of_day =
      static_cast<int64_t>((serial - static_cast<double>(day)) * kMsPerDay + 0.5);
  // The serial counts county days; the county's midnight is where the day starts.
  return day_start_ms(date_from_index(day - kExcelEpochDay)) + ms_of_day;
}

bool is_alnum_text(std::string_view s) {
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return !s.empty();
}

SuspectAccountKind account_kind(std::string_view number) {
  bool digits = !number.empty();
  for (char c : number) {
    digits = digits && std::isdigit(static_cast<unsigned char>(c));
  }
  constexpr size_t kMinCard = 12, kMaxCard = 19, kMinAddress = 26, kMaxAddress = 64;
  if (digits && number.size() >= kMinCard && number.size() <= kMaxCard) {
    return SuspectAccountKind::kBankCard;
  }
  const bool address_prefix = number.starts_with("0x") || number.starts_with("T") ||
                              number.starts_with("bc1") || number.starts_with("1") ||
                              number.starts_with("3");
  if (!digits && address_prefix && is_alnum_text(number) && number.size() >= kMinAddress &&
      number.size() <= kMaxAddress) {
    return SuspectAccountKind::kVirtualCurrency;
  }
  return SuspectAccountKind::kPaymentAccount;
}

}  // namespace

std::string_view case_field_key(CaseField field) { return info(field).key; }
std::string_view case_field_label(CaseField field) { return info(field).label; }

CaseHeaderMapping map_case_headers(const std::vector<std::string>& headers) {
  CaseHeaderMapping out;
  std::array<bool, kCaseFieldCount> seen{};
  for (const auto& header : headers) {
    const std::string h = normalized_header(header);
    std::optional<CaseField> match;
    for (const auto& f : kCaseFields) {
      for (const auto alias : f.aliases) {
        if (!alias.empty() && (h == alias || h == f.key)) {
          match = f.field;
        }
      }
    }
    if (match && seen[static_cast<size_t>(*match)]) {
      out.problems.push_back("“" + std::string(info(*match).label) + "”列出现了两次");
      match.reset();
    }
    if (match) {
      seen[static_cast<size_t>(*match)] = true;
    } else if (!h.empty()) {
      out.ignored.push_back(header);
    }
    out.columns.push_back(match);
  }
  for (const auto& f : kCaseFields) {
    if (f.required && !seen[static_cast<size_t>(f.field)]) {
      out.problems.push_back("缺少“" + std::string(f.label) + "”列");
    }
  }
  return out;
}

std::optional<int64_t> parse_case_time(std::string_view text) {
  const std::string_view t = trim(text);
  if (const auto serial = excel_serial_time(t)) {
    return serial;
  }
  auto g = digit_groups(t);
  if (!g.empty() && g[0] < 0) {  // yyyymmdd, then perhaps the time
    const int64_t compact = -g[0];
    g.erase(g.begin());
    g.insert(g.begin(), {compact / 10000, compact / 100 % 100, compact % 100});
  }
  constexpr size_t kDateParts = 3, kMaxParts = 6;
  if (g.size() < kDateParts || g.size() == kDateParts + 1 || g.size() > kMaxParts) {
    return std::nullopt;
  }
  const auto date = static_cast<DateNumber>(g[0] * 10000 + g[1] * 100 + g[2]);
  const int64_t hour = g.size() > 3 ? g[3] : 0;
  const int64_t minute = g.size() > 4 ? g[4] : 0;
  const int64_t second = g.size() > 5 ? g[5] : 0;
  if (g[0] > 9999 || !is_valid_date(date) || hour > 23 || minute > 59 || second > 59) {
    return std::nullopt;
  }
  return day_start_ms(date) + ((hour * 60 + minute) * 60 + second) * 1000;
}

std::vector<SuspectAccount> parse_account_list(std::string_view text) {
  std::string s(text);
  for (const std::string_view sep : {"；", "，", "、", "\r", "\n", ";", ","}) {
    for (size_t at = s.find(sep); at != std::string::npos; at = s.find(sep, at)) {
      s.replace(at, sep.size(), "|");
    }
  }
  std::vector<SuspectAccount> out;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t bar = s.find('|', start);
    std::string part(trim(std::string_view(s).substr(
        start, bar == std::string::npos ? std::string::npos : bar - start)));
    start = bar == std::string::npos ? s.size() + 1 : bar + 1;
    std::string holder;
    for (const auto& [open, close] : {std::pair{"（", "）"}, std::pair{"(", ")"}}) {
      const size_t o = part.find(open);
      const size_t c = o == std::string::npos ? o : part.find(close, o);
      if (c != std::string::npos) {
        holder = std::string(trim(std::string_view(part).substr(
            o + std::string_view(open).size(), c - o - std::string_view(open).size())));
        part = std::string(trim(std::string_view(part).substr(0, o)));
      }
    }
    // Spaces never belong to a number; dashes only split the digits of a card.
    std::string number, digits;
    bool card_like = true;
    for (char ch : part) {
      if (ch != ' ') {
        number.push_back(ch);
      }
      if (std::isdigit(static_cast<unsigned char>(ch))) {
        digits.push_back(ch);
      } else if (ch != ' ' && ch != '-') {
        card_like = false;
      }
    }
    if (card_like) {
      number = digits;
    }
    if (!number.empty()) {
      out.push_back({account_kind(number), number, holder});
    }
  }
  return out;
}

}  // namespace fanzha::domain
