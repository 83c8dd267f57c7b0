// Chinese resident identity numbers (GB 11643-1999, 公民身份号码) and mobile/landline
// phone numbers: validation, normalisation, what they tell (birth date, sex) and how
// they are shown masked. Pure, thread-safe. Messages never repeat the number itself.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace fanzha::domain {

enum class Sex { kUnknown, kMale, kFemale };

std::string_view sex_key(Sex sex);                    // "", "M", "F"
std::string_view sex_label(Sex sex);                  // "", "男", "女"
std::optional<Sex> parse_sex(std::string_view text);  // 男/女/M/F/male/female; "" → kUnknown

// A calendar date as yyyymmdd (e.g. 19850317).
using DateNumber = int;

bool is_valid_date(DateNumber date);
// "2026-11-30" (or "20261130") as a date; nullopt when it is not a real calendar date.
std::optional<DateNumber> parse_date_text(std::string_view text);
// Whole years between `birth` and `today` (both yyyymmdd).
int age_on(DateNumber birth, DateNumber today);

struct ResidentId {
  std::string number;  // 18 characters, a final 'x' upper-cased
  DateNumber birth_date = 0;
  Sex sex = Sex::kUnknown;
};

// The check character of the first 17 digits (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2).
char resident_id_check_char(std::string_view first17);

// Checks an 18-character number: digits, a real birth date not after `today` and not
// before 1900, and the check character. Returns the parsed number or a message.
std::variant<ResidentId, std::string> parse_resident_id(std::string_view text, DateNumber today);

struct PhoneNumber {
  std::string digits;
};

// Mobile numbers (11 digits starting 13–19, "+86"/"86" prefixes and spaces/dashes
// dropped) and landlines (0 + area code + number, 10–12 digits). Returns the digits or
// a message.
std::variant<PhoneNumber, std::string> parse_phone(std::string_view text);

// "3418**********1234": the first four and last four characters.
std::string mask_resident_id(std::string_view number);
// "138****5678" for mobiles; landlines keep the area code's first 4 and the last 2.
std::string mask_phone(std::string_view digits);

}  // namespace fanzha::domain
