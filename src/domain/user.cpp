#include "domain/user.h"

#include <algorithm>

#include "common/text.h"

namespace fanzha::domain {

namespace {
constexpr size_t kMinUsernameChars = 3;
constexpr size_t kMaxUsernameChars = 32;
constexpr size_t kMaxDisplayNameChars = 32;
}  // namespace

std::optional<std::string> check_username(std::string_view username) {
  if (username.size() < kMinUsernameChars || username.size() > kMaxUsernameChars) {
    return "用户名长度应为3到32个字符";
  }
  if (!(username[0] >= 'a' && username[0] <= 'z')) {
    return "用户名应以小写字母开头";
  }
  const bool ok = std::all_of(username.begin(), username.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
  if (!ok) {
    return "用户名只能包含小写字母、数字和 . _ -";
  }
  return std::nullopt;
}

std::optional<std::string> check_display_name(std::string_view name) {
  if (name.empty()) {
    return "姓名不能为空";
  }
  if (!is_valid_utf8(name) || has_control_chars(name)) {
    return "姓名包含无效字符";
  }
  if (trim(name).size() != name.size()) {
    return "姓名首尾不能有空格";
  }
  if (utf8_length(name) > kMaxDisplayNameChars) {
    return "姓名最长32个字";
  }
  return std::nullopt;
}

std::optional<std::string> check_password(std::string_view password, std::string_view username) {
  if (password.size() > kMaxPasswordBytes) {
    return "密码过长（最多128字节）";
  }
  if (!is_valid_utf8(password)) {
    return "密码包含无效字符";
  }
  if (utf8_length(password) < kMinPasswordChars) {
    return "密码至少10个字符";
  }
  const bool has_letter = std::any_of(password.begin(), password.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
  const bool has_digit =
      std::any_of(password.begin(), password.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!has_letter || !has_digit) {
    return "密码须同时包含字母和数字";
  }
  if (!username.empty() && to_lower_ascii(password).find(username) != std::string::npos) {
    return "密码不能包含用户名";
  }
  return std::nullopt;
}

std::string generate_password(Random& random) {
  static constexpr std::string_view kLetters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  static constexpr std::string_view kDigits = "23456789";
  static constexpr size_t kLength = 12;
  const std::string alphabet = std::string(kLetters) + std::string(kDigits);
  while (true) {
    std::string password;
    for (size_t i = 0; i < kLength; ++i) {
      password.push_back(alphabet[random.uniform(alphabet.size())]);
    }
    const bool has_letter = password.find_first_of(kLetters) != std::string::npos;
    const bool has_digit = password.find_first_of(kDigits) != std::string::npos;
    if (has_letter && has_digit) {
      return password;
    }
  }
}

}  // namespace fanzha::domain
