// UTF-8 decoding and encoding for the checker: decoding never fails (an invalid byte
// becomes U+FFFD and is consumed alone), so any input — binary data included — can be
// checked. Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fanzha::checker {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point starting at `s[i]`; sets `length` to the bytes it used (1 for
// an invalid byte, which yields U+FFFD).
char32_t decode_utf8(std::string_view s, size_t i, size_t& length);
void append_utf8(std::string& out, char32_t c);
// Code points in `s`, an invalid byte counting as one (as sanitize_utf8 would make it).
size_t code_point_count(std::string_view s);
// `s` with every invalid byte replaced by U+FFFD; `s` itself when it is valid.
std::string sanitize_utf8(std::string_view s);

}  // namespace fanzha::checker
