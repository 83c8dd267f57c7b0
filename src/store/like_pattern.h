// Building LIKE patterns from user text: the text's own % _ and \ match literally
// (the SQL must say ESCAPE '\'). Pure, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace fanzha::store {

// The text with LIKE wildcards escaped.
inline std::string like_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') {
      out.push_back('\\');
    }
    out.push_back(c);
  }
  return out;
}

// "%text%": matches values that contain the text.
inline std::string like_contains(std::string_view text) { return "%" + like_escape(text) + "%"; }

}  // namespace fanzha::store
