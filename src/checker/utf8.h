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
// an invalid byte, which yields U+FFFD). Inline: the normaliser calls it per character.
inline char32_t decode_utf8(std::string_view s, size_t i, size_t& length) {
  const auto c = static_cast<unsigned char>(s[i]);
  length = 1;
  if (c < 0x80) {
    return c;
  }
  size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
    min = 0x10000;
  } else {
    return kReplacementChar;
  }
  if (i + len > s.size()) {
    return kReplacementChar;
  }
  for (size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) {
      return kReplacementChar;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return kReplacementChar;
  }
  length = len;
  return cp;
}

inline void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
    return;
  }
  char bytes[4];
  size_t n = 0;
  if (c < 0x800) {
    bytes[n++] = static_cast<char>(0xC0 | (c >> 6));
  } else if (c < 0x10000) {
    bytes[n++] = static_cast<char>(0xE0 | (c >> 12));
    bytes[n++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  } else {
    bytes[n++] = static_cast<char>(0xF0 | (c >> 18));
    bytes[n++] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    bytes[n++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  }
  bytes[n++] = static_cast<char>(0x80 | (c & 0x3F));
  out.append(bytes, n);  // one capacity check, not one per byte
}

// Code points in `s`, an invalid byte counting as one (as sanitize_utf8 would make it).
size_t code_point_count(std::string_view s);
// `s` with every invalid byte replaced by U+FFFD; `s` itself when it is valid.
std::string sanitize_utf8(std::string_view s);

}  // namespace fanzha::checker
