#include "checker/normalizer.h"

#include <algorithm>

#include "checker/fold_table.h"
#include "checker/utf8.h"

namespace fanzha::checker {

namespace {

// Separator runs longer than this are real gaps, not a dodge inside one word.
constexpr size_t kMaxDodgeRun = 3;
// A run of letters and digits is a number written with look-alike letters when it is
// at least this long and at least this share digits.
constexpr size_t kMinNumberRun = 5;
constexpr double kMinDigitShare = 0.4;
// Stand-in for emoji and control characters: a separator that is never kept as such.
constexpr char32_t kGap = 0x20;

struct Cp {
  char32_t c;
  Span src;
  bool gap = false;  // emoji, control character or whitespace
};

bool is_emoji(char32_t c) {
  return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) ||
         (c >= 0x2B00 && c <= 0x2BFF) || (c >= 0x2190 && c <= 0x21FF) ||
         (c >= 0x2300 && c <= 0x23FF) || (c >= 0x25A0 && c <= 0x25FF) ||
         (c >= 0xFE00 && c <= 0xFE0F) || c == 0x200D || (c >= 0xE0000 && c <= 0xE007F);
}

bool is_control(char32_t c) { return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F); }

bool is_space(char32_t c) { return c == ' ' || c == 0xA0 || c == 0x3000; }

// Punctuation scammers put between the characters of a word.
bool is_dodge_punct(char32_t c) {
  switch (c) {
    case '-':
    case '_':
    case '.':
    case '*':
    case '~':
    case '/':
    case '\\':
    case '+':
    case '=':
    case '^':
    case '`':
    case '\'':
    case '"':
    case '#':
    case 0xB7:
    case 0x2022:
    case 0x2027:
    case 0x30FB:
      return true;
    default:
      return false;
  }
}

bool is_separator(const Cp& cp) { return cp.gap || is_dodge_punct(cp.c); }

// Letters, digits and the characters of URLs and ids: an ASCII alias ("vx") must not
// touch any of them, so "vx.com" and "wx_123" stay as they are.
bool is_word_char(char32_t c) {
  return is_ascii_alnum(c) ||
         (c < 0x80 &&
          std::string_view("./:-_@?=&%#").find(static_cast<char>(c)) != std::string_view::npos);
}

// Cyrillic and Greek letters that look like Latin ones (after case folding).
char32_t latin_lookalike(char32_t c) {
  switch (c) {
    case 0x430:
      return 'a';
    case 0x435:
      return 'e';
    case 0x43E:
      return 'o';
    case 0x440:
      return 'p';
    case 0x441:
      return 'c';
    case 0x445:
      return 'x';
    case 0x443:
      return 'y';
    case 0x456:
      return 'i';
    case 0x458:
      return 'j';
    case 0x455:
      return 's';
    case 0x3BF:
      return 'o';
    case 0x3B1:
      return 'a';
    case 0x3BD:
      return 'v';
    case 0x3C1:
      return 'p';
    case 0x3B9:
      return 'i';
    default:
      return c;
  }
}

// The fold of every BMP character that folds to one code point (itself included), read
// once from the fold table: a load per character instead of a table walk.
struct BmpFold {
  static constexpr char32_t kSlow = 0xFFFFFFFF;  // dropped or several code points
  std::vector<char32_t> to;
  BmpFold() : to(0x10000) {
    for (char32_t c = 0; c < 0x10000; ++c) {
      const Fold f = fold_code_point(c);
      to[c] = f.identity ? c : f.code_points.size() == 1 ? f.code_points[0] : kSlow;
    }
  }
};

void fold(std::string_view original, std::vector<Cp>& out) {
  static const BmpFold bmp;
  out.clear();
  out.reserve(original.size());
  for (size_t i = 0; i < original.size();) {
    size_t length = 0;
    const char32_t c = decode_utf8(original, i, length);
    const Span src{static_cast<uint32_t>(i), static_cast<uint32_t>(i + length)};
    i += length;
    if (is_control(c) || is_emoji(c)) {
      out.push_back({kGap, src, true});
      continue;
    }
    if (c < 0x10000 && bmp.to[c] != BmpFold::kSlow) {
      const char32_t t = bmp.to[c];
      out.push_back({latin_lookalike(t), src, is_space(t)});
      continue;
    }
    const Fold f = fold_code_point(c);
    if (f.identity) {
      out.push_back({latin_lookalike(c), src, is_space(c)});
      continue;
    }
    for (char32_t t : f.code_points) {
      out.push_back({latin_lookalike(t), src, is_space(t)});
    }
  }
}

// Removes separator runs inside a word ("银 行 卡", "V 信", "刷🔥单"); other runs of gaps
// become one space.
void remove_dodges(const std::vector<Cp>& in, std::vector<Cp>& out) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size();) {
    if (!is_separator(in[i])) {
      out.push_back(in[i++]);
      continue;
    }
    size_t j = i;
    while (j < in.size() && is_separator(in[j])) {
      ++j;
    }
    const bool has_prev = !out.empty() && !out.back().gap;
    const bool has_next = j < in.size();
    bool inside_word = false;
    if (has_prev && has_next && j - i <= kMaxDodgeRun) {
      const char32_t p = out.back().c;
      const char32_t n = in[j].c;
      inside_word =
          (is_cjk(p) && (is_cjk(n) || is_ascii_alnum(n))) || (is_ascii_alnum(p) && is_cjk(n));
    }
    if (!inside_word) {
      bool gap_pending = false;
      for (size_t k = i; k < j; ++k) {
        if (in[k].gap) {
          if (!gap_pending && !out.empty()) {
            out.push_back({' ', in[k].src, true});
          }
          gap_pending = true;
        } else {
          out.push_back(in[k]);
          gap_pending = false;
        }
      }
    }
    i = j;
  }
  while (!out.empty() && out.back().gap) {
    out.pop_back();
  }
}

// "l38OO138000" → "13800138000": letters that look like digits inside a number.
void fix_lookalike_digits(std::vector<Cp>& cps) {
  for (size_t i = 0; i < cps.size();) {
    if (!is_ascii_alnum(cps[i].c)) {
      ++i;
      continue;
    }
    size_t j = i;
    size_t digits = 0;
    while (j < cps.size() && is_ascii_alnum(cps[j].c)) {
      digits += (cps[j].c >= '0' && cps[j].c <= '9') ? 1 : 0;
      ++j;
    }
    const size_t run = j - i;
    if (run >= kMinNumberRun && static_cast<double>(digits) >= kMinDigitShare * run) {
      for (size_t k = i; k < j; ++k) {
        char32_t& c = cps[k].c;
        if (c == 'o') {
          c = '0';
        } else if (c == 'l' || c == 'i') {
          c = '1';
        }
      }
    }
    i = j;
  }
}

void replace_aliases(const std::vector<Cp>& in, const Aliases& aliases, std::vector<Cp>& out) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size();) {
    const auto* candidates = aliases.starting_with(in[i].c);
    const Aliases::Entry* hit = nullptr;
    if (candidates != nullptr) {
      for (const auto& e : *candidates) {
        const size_t n = e.alias.size();
        if (i + n > in.size()) {
          continue;
        }
        bool same = true;
        for (size_t k = 0; k < n && same; ++k) {
          same = in[i + k].c == e.alias[k];
        }
        if (!same) {
          continue;
        }
        if (e.ascii_word && ((i > 0 && is_word_char(in[i - 1].c)) ||
                             (i + n < in.size() && is_word_char(in[i + n].c)))) {
          continue;
        }
        hit = &e;
        break;
      }
    }
    if (hit == nullptr) {
      out.push_back(in[i++]);
      continue;
    }
    const Span src{in[i].src.begin, in[i + hit->alias.size() - 1].src.end};
    for (char32_t c : hit->canonical) {
      out.push_back({c, src, false});
    }
    i += hit->alias.size();
  }
}

std::u32string folded_u32(std::string_view s) {
  std::u32string out;
  std::vector<Cp> cps;
  fold(s, cps);
  for (const Cp& cp : cps) {
    if (!cp.gap) {
      out += cp.c;
    }
  }
  return out;
}

bool all_ascii_alnum(const std::u32string& s) {
  return std::all_of(s.begin(), s.end(), [](char32_t c) { return is_ascii_alnum(c); });
}

}  // namespace

bool is_cjk(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

bool is_ascii_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

Aliases::Aliases(const std::vector<std::pair<std::string, std::string>>& pairs) {
  for (const auto& [alias, canonical] : pairs) {
    Entry e{folded_u32(alias), folded_u32(canonical), false};
    if (e.alias.empty()) {
      continue;
    }
    e.ascii_word = all_ascii_alnum(e.alias);
    by_first_[e.alias[0]].push_back(std::move(e));
  }
  first_bmp_.assign(0x10000, false);
  for (auto& [first, entries] : by_first_) {
    if (first < 0x10000) {
      first_bmp_[first] = true;
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      return a.alias.size() > b.alias.size();
    });
  }
}

const std::vector<Aliases::Entry>* Aliases::starting_with(char32_t c) const {
  if (by_first_.empty() || (c < 0x10000 && !first_bmp_[c])) {
    return nullptr;
  }
  const auto it = by_first_.find(c);
  return it == by_first_.end() ? nullptr : &it->second;
}

Span NormalizedText::original_span(size_t begin, size_t end) const {
  if (source.empty() || begin >= end || begin >= text.size()) {
    return {};
  }
  end = std::min(end, text.size());
  return {source[cp_of_byte[begin]].begin, source[cp_of_byte[end - 1]].end};
}

void normalize(std::string_view original, const Aliases& aliases, NormalizedText& out) {
  // Two working buffers, kept per thread so that a check allocates nothing here; the
  // passes alternate between them and the last one leaves its result in `cps`.
  thread_local std::vector<Cp> cps;
  thread_local std::vector<Cp> between;
  fold(original, cps);
  remove_dodges(cps, between);
  fix_lookalike_digits(between);
  replace_aliases(between, aliases, cps);
  out.text.clear();
  out.cp_of_byte.clear();
  out.cp_byte.clear();
  out.source.clear();
  out.text.reserve(cps.size() * 3);
  out.cp_of_byte.reserve(cps.size() * 3);
  out.source.reserve(cps.size());
  out.cp_byte.reserve(cps.size());
  for (const Cp& cp : cps) {
    const auto index = static_cast<uint32_t>(out.source.size());
    const size_t first = out.text.size();
    out.cp_byte.push_back(static_cast<uint32_t>(first));
    append_utf8(out.text, cp.c);
    for (size_t b = first; b < out.text.size(); ++b) {
      out.cp_of_byte.push_back(index);
    }
    out.source.push_back(cp.src);
  }
}

NormalizedText normalize(std::string_view original, const Aliases& aliases) {
  NormalizedText out;
  normalize(original, aliases, out);
  return out;
}

}  // namespace fanzha::checker
