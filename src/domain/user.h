// Users, and the rules for their names and passwords. Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/random.h"
#include "domain/role.h"

namespace fanzha::domain {

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kViewer;
  int64_t org_unit_id = 0;
  std::string org_unit_name;  // filled by queries that join the unit
  bool active = true;
  bool must_change_password = false;
  int failed_logins = 0;
  std::optional<int64_t> locked_until;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// Login lockout: this many failures in a row lock the account for kLockoutMs.
inline constexpr int kMaxFailedLogins = 5;
inline constexpr int64_t kLockoutMs = 15 * 60 * 1000;

inline constexpr size_t kMinPasswordChars = 10;
inline constexpr size_t kMaxPasswordBytes = 128;

// 3-32 characters: lowercase letters, digits, '.', '_' and '-', starting with a letter.
std::optional<std::string> check_username(std::string_view username);
// 1-32 characters, no control characters, no outer spaces.
std::optional<std::string> check_display_name(std::string_view name);
// At least 10 characters with a letter and a digit; at most 128 bytes; not the username.
std::optional<std::string> check_password(std::string_view password, std::string_view username);

// A new password that passes check_password: 12 characters from an alphabet without
// look-alikes (no 0/O, 1/l/I), with at least one letter and one digit.
std::string generate_password(Random& random);

}  // namespace fanzha::domain
