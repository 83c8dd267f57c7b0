// Small text helpers shared by every layer: UTF-8 checks, trimming, number parsing.
// Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fanzha {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view s);
// Number of code points in well-formed UTF-8.
size_t utf8_length(std::string_view s);
// True when `s` holds a C0/C1 control character or DEL (tabs and newlines included).
bool has_control_chars(std::string_view s);
// Strips ASCII whitespace and U+3000 (ideographic space) from both ends.
std::string_view trim(std::string_view s);
// Strips a leading UTF-8 byte-order mark.
std::string_view strip_bom(std::string_view s);
// Parses a whole string as a decimal int64; nullopt on anything else.
std::optional<int64_t> parse_int64(std::string_view s);
// `n` in decimal, left-padded with zeros to `width` digits (7, 3 → "007").
std::string zero_pad(int n, int width);
// ASCII lowercase / uppercase.
std::string to_lower_ascii(std::string_view s);
std::string to_upper_ascii(std::string_view s);

}  // namespace fanzha
