#include "checker/utf8.h"

#include "common/text.h"

namespace fanzha::checker {

size_t code_point_count(std::string_view s) {
  size_t count = 0;
  for (size_t i = 0; i < s.size(); ++count) {
    size_t length = 0;
    decode_utf8(s, i, length);
    i += length;
  }
  return count;
}

std::string sanitize_utf8(std::string_view s) {
  if (is_valid_utf8(s)) {
    return std::string(s);  // the usual case: one copy
  }
  std::string out;
  out.reserve(s.size() + 2);
  for (size_t i = 0; i < s.size();) {
    size_t length = 0;
    const char32_t c = decode_utf8(s, i, length);
    if (c == kReplacementChar && length == 1) {
      append_utf8(out, kReplacementChar);
    } else {
      out.append(s.substr(i, length));
    }
    i += length;
  }
  return out;
}

}  // namespace fanzha::checker
