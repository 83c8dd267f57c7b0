// A regex split at its top-level bounded gaps: "(安全|专用)账户[^。]{0,8}(转|汇)" is the
// pieces "(安全|专用)账户" and "(转|汇)" with a gap of 0–8 characters other than "。"
// between them. Vectorscan finds each piece with its start cheaply; a gap chain then
// joins piece matches whose gaps fit. Bounded repeats such as [^。]{0,8} inside one
// Vectorscan pattern compile to NFAs that dominate scanning time (start-of-match
// tracking makes them worse), so patterns of that shape are matched in pieces.
// Pure functions over byte offsets into UTF-8 text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fanzha::checker {

struct ByteMatch {
  uint32_t from;
  uint32_t to;
};

struct Gap {
  std::vector<std::string> excluded;  // characters the gap may not contain (UTF-8)
  uint32_t min = 0;                   // code points
  uint32_t max = 0;
};

struct GapChain {
  std::vector<std::string> pieces;  // regexes, each without a top-level gap
  std::vector<Gap> gaps;            // gaps[i] lies between pieces[i] and pieces[i + 1]
};

// Splits `regex` at top-level gaps written `[^…]{m,n}` (a class of literal characters)
// or `.{m,n}`; nullopt when it has none, has a top-level alternation, or a piece would
// be empty.
std::optional<GapChain> split_gaps(std::string_view regex);

// Every chain of piece matches (`pieces[i]`: the matches of piece i) whose gaps fit,
// as the range from the first piece's start to the last piece's end; at most `limit`.
std::vector<ByteMatch> join_chain(std::string_view text, const std::vector<Gap>& gaps,
                                  const std::vector<const std::vector<ByteMatch>*>& pieces,
                                  size_t limit);

}  // namespace fanzha::checker
