// Normalisation before matching, keeping every character's source: the text is folded
// (NFKC_Casefold, traditional → simplified), zero-width characters and emoji dropped,
// separators inserted to dodge filters removed ("银 行 卡", "银-行-卡", "刷🔥单"),
// look-alike letters in numbers turned into digits ("l38OO"), Cyrillic/Greek look-alike
// letters turned into Latin, and aliases replaced ("V信" → "微信"). Each code point of the
// result knows the byte range of the original text it came from, so matches found in
// the normalised text are reported as spans of the original.
// Pure; an Aliases object is immutable after construction and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace fanzha::checker {

// A byte range [begin, end) of the original text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
};

// Alias → canonical word replacements, given as normalised strings.
class Aliases {
 public:
  // Each pair is (alias, canonical); both are folded as the text is before lookup.
  explicit Aliases(const std::vector<std::pair<std::string, std::string>>& pairs);
  Aliases() = default;

  struct Entry {
    std::u32string alias;
    std::u32string canonical;
    bool ascii_word = false;  // must not touch other ASCII letters or digits
  };
  // Entries whose alias starts with `c`, longest first.
  const std::vector<Entry>* starting_with(char32_t c) const;

 private:
  std::unordered_map<char32_t, std::vector<Entry>> by_first_;
  std::vector<bool> first_bmp_;  // quick "no alias starts with this BMP character"
};

struct NormalizedText {
  std::string text;                  // normalised UTF-8
  std::vector<uint32_t> cp_of_byte;  // text byte → index of its code point
  std::vector<uint32_t> cp_byte;     // code point → its first byte in `text`
  std::vector<Span> source;          // code point → original byte range

  size_t code_points() const { return source.size(); }
  // The original byte range behind normalised bytes [begin, end).
  Span original_span(size_t begin, size_t end) const;
};

// `original` must be valid UTF-8 (see sanitize_utf8).
NormalizedText normalize(std::string_view original, const Aliases& aliases);
// The same into `out`, reusing its buffers (the checker keeps one per thread).
void normalize(std::string_view original, const Aliases& aliases, NormalizedText& out);

// Character classes used by the normaliser and the tokenizer.
bool is_cjk(char32_t c);
bool is_ascii_alnum(char32_t c);

}  // namespace fanzha::checker
