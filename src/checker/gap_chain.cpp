#include "checker/gap_chain.h"

#include <algorithm>
#include <charconv>

namespace fanzha::checker {

namespace {

constexpr uint32_t kMaxBytesPerCodePoint = 4;

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Parses "{m,n}" or "{n}" at `i`; advances `i` past it (and past a lazy '?').
std::optional<std::pair<uint32_t, uint32_t>> parse_bounds(std::string_view s, size_t& i) {
  if (i >= s.size() || s[i] != '{') {
    return std::nullopt;
  }
  const size_t close = s.find('}', i);
  if (close == std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view body = s.substr(i + 1, close - i - 1);
  const size_t comma = body.find(',');
  const std::string_view lo = body.substr(0, comma);
  const std::string_view hi = comma == std::string_view::npos ? lo : body.substr(comma + 1);
  uint32_t min = 0;
  uint32_t max = 0;
  const auto parse = [](std::string_view t, uint32_t& v) {
    const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
    return !t.empty() && r.ec == std::errc() && r.ptr == t.data() + t.size();
  };
  if (!parse(lo, min) || !parse(hi, max) || min > max) {
    return std::nullopt;
  }
  i = close + 1;
  if (i < s.size() && s[i] == '?') {
    ++i;
  }
  return std::make_pair(min, max);
}

// The characters of a negated class body of plain literals ("。,!"), or nullopt.
std::optional<std::vector<std::string>> literal_class(std::string_view body) {
  std::vector<std::string> out;
  for (size_t i = 0; i < body.size();) {
    const char c = body[i];
    if (c == '\\' || c == '-' || c == '[' || c == '^') {
      return std::nullopt;
    }
    size_t n = 1;
    while (i + n < body.size() && is_continuation(static_cast<unsigned char>(body[i + n]))) {
      ++n;
    }
    out.emplace_back(body.substr(i, n));
    i += n;
  }
  if (out.empty()) {
    return std::nullopt;
  }
  return out;
}

// Where the class starting at `open` ('[') ends (one past its ']'), or npos.
size_t class_end(std::string_view s, size_t open) {
  size_t i = open + 1;
  if (i < s.size() && s[i] == '^') {
    ++i;
  }
  if (i < s.size() && s[i] == ']') {
    ++i;  // a leading ']' is literal
  }
  for (; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == ']') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// True when text[from, to) holds between gap.min and gap.max code points, none excluded.
bool gap_fits(std::string_view text, uint32_t from, uint32_t to, const Gap& gap) {
  if (to - from > gap.max * kMaxBytesPerCodePoint || to - from < gap.min) {
    return false;
  }
  uint32_t code_points = 0;
  for (uint32_t i = from; i < to; ++i) {
    if (!is_continuation(static_cast<unsigned char>(text[i]))) {
      ++code_points;
      for (const auto& x : gap.excluded) {
        if (text.compare(i, x.size(), x) == 0) {
          return false;
        }
      }
    }
  }
  return code_points >= gap.min && code_points <= gap.max;
}

struct Joiner {
  std::string_view text;
  const std::vector<Gap>& gaps;
  const std::vector<const std::vector<ByteMatch>*>& pieces;  // each sorted by `from`
  size_t limit;
  std::vector<ByteMatch> out;

  void extend(size_t piece, uint32_t start, uint32_t end) {
    if (piece == pieces.size()) {
      out.push_back({start, end});
      return;
    }
    const Gap& gap = gaps[piece - 1];
    const auto& matches = *pieces[piece];
    const uint64_t window_end = uint64_t{end} + gap.max * kMaxBytesPerCodePoint;
    auto it = std::lower_bound(matches.begin(), matches.end(), end,
                               [](const ByteMatch& m, uint32_t v) { return m.from < v; });
    for (; it != matches.end() && it->from <= window_end && out.size() < limit; ++it) {
      if (gap_fits(text, end, it->from, gap)) {
        extend(piece + 1, start, it->to);
      }
    }
  }
};

}  // namespace

std::optional<GapChain> split_gaps(std::string_view regex) {
  GapChain chain;
  std::string piece;
  int depth = 0;
  for (size_t i = 0; i < regex.size();) {
    const char c = regex[i];
    if (c == '\\') {
      piece.append(regex.substr(i, 2));
      i += 2;
      continue;
    }
    if (c == '[') {
      const size_t end = class_end(regex, i);
      if (end == std::string_view::npos) {
        return std::nullopt;
      }
      size_t after = end;
      if (depth == 0 && regex[i + 1] == '^') {
        auto excluded = literal_class(regex.substr(i + 2, end - i - 3));
        auto bounds = parse_bounds(regex, after);
        if (excluded && bounds) {
          chain.pieces.push_back(std::move(piece));
          chain.gaps.push_back({std::move(*excluded), bounds->first, bounds->second});
          piece.clear();
          i = after;
          continue;
        }
      }
      piece.append(regex.substr(i, end - i));
      i = end;
      continue;
    }
    if (c == '.' && depth == 0) {
      size_t after = i + 1;
      if (auto bounds = parse_bounds(regex, after)) {
        chain.pieces.push_back(std::move(piece));
        chain.gaps.push_back({{}, bounds->first, bounds->second});
        piece.clear();
        i = after;
        continue;
      }
    }
    if (c == '|' && depth == 0) {
      return std::nullopt;
    }
    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
    piece += c;
    ++i;
  }
  chain.pieces.push_back(std::move(piece));
  if (chain.gaps.empty()) {
    return std::nullopt;
  }
  for (const auto& p : chain.pieces) {
    if (p.empty()) {
      return std::nullopt;
    }
  }
  return chain;
}

std::vector<ByteMatch> join_chain(std::string_view text, const std::vector<Gap>& gaps,
                                  const std::vector<const std::vector<ByteMatch>*>& pieces,
                                  size_t limit) {
  Joiner joiner{text, gaps, pieces, limit, {}};
  for (const auto& first : *pieces.front()) {
    if (joiner.out.size() >= limit) {
      break;
    }
    joiner.extend(1, first.from, first.to);
  }
  return std::move(joiner.out);
}

}  // namespace fanzha::checker
