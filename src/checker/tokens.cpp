#include "checker/tokens.h"

#include "checker/utf8.h"

namespace fanzha::checker {

namespace {

constexpr size_t kMaxDigitShape = 12;

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_letter(char32_t c) { return c >= 'a' && c <= 'z'; }

}  // namespace

std::string model_tokens(const NormalizedText& text) {
  std::string out;
  out.reserve(text.text.size() * 2);
  const std::string& s = text.text;
  auto add = [&out](std::string_view token) {
    if (!out.empty()) {
      out += ' ';
    }
    out += token;
  };
  for (size_t i = 0; i < s.size();) {
    size_t length = 0;
    const char32_t c = decode_utf8(s, i, length);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      i += length;
      continue;
    }
    if (is_digit(c) || is_letter(c)) {
      const bool digits = is_digit(c);
      size_t j = i;
      while (j < s.size() && (digits ? is_digit(static_cast<unsigned char>(s[j]))
                                     : is_letter(static_cast<unsigned char>(s[j])))) {
        ++j;
      }
      if (digits) {
        add("<n" + std::to_string(std::min(j - i, kMaxDigitShape)) + ">");
      } else {
        add(s.substr(i, j - i));
      }
      i = j;
      continue;
    }
    add(s.substr(i, length));
    i += length;
  }
  return out;
}

std::string fraud_label(std::string_view type_key) { return "__label__" + std::string(type_key); }

}  // namespace fanzha::checker
