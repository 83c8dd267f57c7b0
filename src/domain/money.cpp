#include "domain/money.h"

#include <cstdlib>

#include "common/text.h"

namespace fanzha::domain {

namespace {

// Full-width digits, point and comma (０-９ ． ，) as ASCII; other bytes unchanged.
std::string ascii_digits(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xEF && i + 2 < s.size()) {
      const auto b1 = static_cast<unsigned char>(s[i + 1]);
      const auto b2 = static_cast<unsigned char>(s[i + 2]);
      if (b1 == 0xBC && b2 >= 0x90 && b2 <= 0x99) {  // U+FF10..FF19
        out += static_cast<char>('0' + (b2 - 0x90));
        i += 2;
        continue;
      }
      if (b1 == 0xBC && (b2 == 0x8E || b2 == 0x8C)) {  // U+FF0E, U+FF0C
        out += b2 == 0x8E ? '.' : ',';
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

bool strip_prefix(std::string_view& s, std::string_view p) {
  if (s.substr(0, p.size()) != p) {
    return false;
  }
  s.remove_prefix(p.size());
  return true;
}

bool strip_suffix(std::string_view& s, std::string_view p) {
  if (s.size() < p.size() || s.substr(s.size() - p.size()) != p) {
    return false;
  }
  s.remove_suffix(p.size());
  return true;
}

std::string group_thousands(int64_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<size_t>(i), ",");
  }
  return digits;
}

std::string two_decimals(int64_t hundredths) {
  const bool negative = hundredths < 0;
  const int64_t a = std::llabs(hundredths);
  return (negative ? "-" : "") + group_thousands(a / 100) + "." +
         zero_pad(static_cast<int>(a % 100), 2);
}

}  // namespace

std::variant<int64_t, std::string> parse_yuan(std::string_view input) {
  const std::string text = ascii_digits(trim(input));
  std::string_view s = text;
  const std::string kHint = "金额应为数字，如 12345.67、3000元 或 1.5万";
  if (s.empty()) {
    return "金额为空";
  }
  if (s.front() == '-') {
    return "金额不能为负数";
  }
  // Currency marks and units, in any order people write them.
  for (std::string_view mark : {"￥", "¥", "RMB", "人民币"}) {
    if (strip_prefix(s, mark)) {
      break;
    }
  }
  s = trim(s);
  if (!strip_suffix(s, "元")) {
    strip_suffix(s, "圆");
  }
  const bool wan = strip_suffix(s, "万");
  s = trim(s);
  const size_t point = s.find('.');
  std::string_view whole = s.substr(0, point);
  const std::string_view decimals = point == std::string_view::npos ? "" : s.substr(point + 1);
  if (whole.empty() || (point != std::string_view::npos && decimals.empty())) {
    return kHint;
  }
  // Thousands separators: groups of exactly three after the first.
  std::string digits;
  if (whole.find(',') != std::string_view::npos) {
    size_t group = 0;
    for (size_t i = whole.size(); i-- > 0;) {
      if (whole[i] == ',') {
        if (group != 3) {
          return kHint;
        }
        group = 0;
        continue;
      }
      ++group;
    }
    if (group == 0 || group > 3) {
      return kHint;
    }
  }
  for (char c : whole) {
    if (c != ',') {
      digits += c;
    }
  }
  const int scale = wan ? 6 : 2;  // decimal places that still are whole fen
  if (decimals.size() > static_cast<size_t>(scale)) {
    return wan ? "以“万”为单位时最多六位小数" : "金额最多两位小数（精确到分）";
  }
  digits += std::string(decimals);
  digits += std::string(static_cast<size_t>(scale) - decimals.size(), '0');
  for (char c : digits) {
    if (c < '0' || c > '9') {
      return kHint;
    }
  }
  // Ignore leading zeros, then check the size before converting.
  const size_t nonzero = digits.find_first_not_of('0');
  if (nonzero == std::string::npos) {
    return int64_t{0};
  }
  if (digits.size() - nonzero > 18) {
    return "金额过大";
  }
  const int64_t fen = *parse_int64(std::string_view(digits).substr(nonzero));
  if (fen > kMaxFen) {
    return "金额过大";
  }
  return fen;
}

std::string format_yuan(int64_t fen) { return two_decimals(fen); }

std::string format_wan_yuan(int64_t fen) {
  // 1 万元 = 1,000,000 fen; hundredths of 万 = 10,000 fen, rounded half away from zero.
  const int64_t a = std::llabs(fen);
  const int64_t hundredths = (a + 5'000) / 10'000;
  return two_decimals(fen < 0 ? -hundredths : hundredths);
}

}  // namespace fanzha::domain
