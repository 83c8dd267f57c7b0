#include "domain/resident_id.h"

#include <algorithm>
#include <array>

#include "common/text.h"

namespace fanzha::domain {

namespace {

constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCheckChars = "10X98765432";
constexpr int kEarliestBirthYear = 1900;
constexpr size_t kMobileDigits = 11;
constexpr size_t kMinLandlineDigits = 10;
constexpr size_t kMaxLandlineDigits = 12;

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Drops spaces (ASCII and ideographic), dashes and parentheses people type into numbers.
std::string strip_separators(std::string_view text) {
  std::string out;
  text = trim(text);
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '\t') {
      continue;
    }
    if (text.substr(i).starts_with("\xE3\x80\x80")) {  // U+3000
      i += 2;
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string_view sex_key(Sex sex) {
  switch (sex) {
    case Sex::kMale:
      return "M";
    case Sex::kFemale:
      return "F";
    case Sex::kUnknown:
      break;
  }
  return "";
}

std::string_view sex_label(Sex sex) {
  switch (sex) {
    case Sex::kMale:
      return "男";
    case Sex::kFemale:
      return "女";
    case Sex::kUnknown:
      break;
  }
  return "";
}

std::optional<Sex> parse_sex(std::string_view text) {
  text = trim(text);
  if (text.empty()) {
    return Sex::kUnknown;
  }
  const std::string lower = to_lower_ascii(text);
  if (text == "男" || lower == "m" || lower == "male") {
    return Sex::kMale;
  }
  if (text == "女" || lower == "f" || lower == "female") {
    return Sex::kFemale;
  }
  return std::nullopt;
}

bool is_valid_date(DateNumber date) {
  const int year = date / 10000;
  const int month = date / 100 % 100;
  const int day = date % 100;
  if (year < 1 || month < 1 || month > 12 || day < 1) {
    return false;
  }
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int days = kDays[static_cast<size_t>(month - 1)] + (month == 2 && is_leap(year) ? 1 : 0);
  return day <= days;
}

int age_on(DateNumber birth, DateNumber today) {
  int age = today / 10000 - birth / 10000;
  if (today % 10000 < birth % 10000) {
    --age;
  }
  return std::max(age, 0);
}

char resident_id_check_char(std::string_view first17) {
  int sum = 0;
  for (size_t i = 0; i < kWeights.size(); ++i) {
    sum += (first17[i] - '0') * kWeights[i];
  }
  return kCheckChars[static_cast<size_t>(sum % 11)];
}

std::variant<ResidentId, std::string> parse_resident_id(std::string_view text, DateNumber today) {
  std::string number = strip_separators(text);
  if (number.size() == 15 && all_digits(number)) {
    return std::string("这是旧的15位身份证号，请填写18位号码");
  }
  if (number.find_first_of("eE.") != std::string::npos) {
    return std::string("身份证号被表格存成了数字，后几位已丢失；请把该列设为“文本”后重新填写");
  }
  if (number.size() != 18) {
    return std::string("身份证号应为18位");
  }
  if (number.back() == 'x') {
    number.back() = 'X';
  }
  const std::string_view first17 = std::string_view(number).substr(0, 17);
  if (!all_digits(first17) ||
      !(number.back() == 'X' || (number.back() >= '0' && number.back() <= '9'))) {
    return std::string("身份证号只能由数字组成（最后一位可以是X）");
  }
  const DateNumber birth = std::stoi(number.substr(6, 8));
  if (!is_valid_date(birth) || birth / 10000 < kEarliestBirthYear || birth > today) {
    return std::string("身份证号中的出生日期无效");
  }
  if (resident_id_check_char(first17) != number.back()) {
    return std::string("身份证号校验位不正确（可能有数字填错）");
  }
  const int sequence_digit = number[16] - '0';
  return ResidentId{number, birth, sequence_digit % 2 == 1 ? Sex::kMale : Sex::kFemale};
}

std::variant<PhoneNumber, std::string> parse_phone(std::string_view text) {
  std::string digits = strip_separators(text);
  if (digits.starts_with("+86")) {
    digits = digits.substr(3);
  } else if (digits.size() == kMobileDigits + 2 && digits.starts_with("86")) {
    digits = digits.substr(2);
  }
  if (digits.find_first_of("eE.") != std::string::npos) {
    return std::string("手机号被表格存成了数字格式，请把该列设为“文本”");
  }
  if (!all_digits(digits) || digits.empty()) {
    return std::string("电话号码只能包含数字");
  }
  if (digits.size() == kMobileDigits && digits[0] == '1' && digits[1] >= '3') {
    return PhoneNumber{digits};
  }
  if (digits[0] == '0' && digits.size() >= kMinLandlineDigits &&
      digits.size() <= kMaxLandlineDigits) {
    return PhoneNumber{digits};
  }
  return std::string("电话号码应为11位手机号或带区号的座机号");
}

std::string mask_resident_id(std::string_view number) {
  if (number.size() < 8) {
    return std::string(number.size(), '*');
  }
  return std::string(number.substr(0, 4)) + std::string(number.size() - 8, '*') +
         std::string(number.substr(number.size() - 4));
}

std::string mask_phone(std::string_view digits) {
  if (digits.size() == kMobileDigits && digits[0] == '1') {
    return std::string(digits.substr(0, 3)) + "****" + std::string(digits.substr(7));
  }
  if (digits.size() < 6) {
    return std::string(digits.size(), '*');
  }
  return std::string(digits.substr(0, 4)) + std::string(digits.size() - 6, '*') +
         std::string(digits.substr(digits.size() - 2));
}

std::optional<DateNumber> parse_date_text(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c != '-' || digits.size() % 2 != 0) {
      return std::nullopt;
    }
  }
  const bool dashed = text.find('-') != std::string_view::npos;
  if (digits.size() != 8 || (dashed && (text.size() != 10 || text[4] != '-' || text[7] != '-'))) {
    return std::nullopt;
  }
  const DateNumber date = std::stoi(digits);
  return is_valid_date(date) ? std::optional(date) : std::nullopt;
}

}  // namespace fanzha::domain
