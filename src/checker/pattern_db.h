// Many regexes matched in one pass over a normalised text with Vectorscan (Hyperscan),
// compiled once per rule-set version with start-of-match reporting. A pattern with
// bounded gaps ("账户[^。]{0,8}转") is matched as its pieces joined by a gap chain
// (checker/gap_chain.h). Patterns start-of-match refuses are found by Vectorscan and
// located by RE2; patterns Vectorscan cannot compile at all run on RE2 alone.
// Immutable after compile; scan() is thread-safe (each thread keeps its own scratch).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "checker/rule_set.h"

namespace fanzha::checker {

struct PatternMatch {
  uint32_t pattern;  // index into the compiled sources
  uint32_t from;     // byte offsets into the scanned text
  uint32_t to;
};

class PatternDb {
 public:
  struct Source {
    std::string regex;      // over the normalised text: lowercase, simplified, no dodges
    int line = 0;           // rule-file line, for errors
    bool re2_only = false;  // skip Vectorscan (see entities.cpp for the one such pattern)
  };

  // Compiles all sources; an error names the first source that does not compile.
  static std::variant<std::unique_ptr<PatternDb>, RuleFileError> compile(
      const std::vector<Source>& sources);
  ~PatternDb();
  PatternDb(const PatternDb&) = delete;
  PatternDb& operator=(const PatternDb&) = delete;

  // Appends every match (at most a bounded number) to `out`, in no particular order.
  void scan(std::string_view text, std::vector<PatternMatch>& out) const;
  size_t size() const { return size_; }
  size_t re2_count() const;
  size_t chain_count() const;
  struct ScanBuffers;

 private:
  struct Impl;
  struct SpanContext;
  static int on_span(unsigned int id, unsigned long long from, unsigned long long to,
                     unsigned int flags, void* ctx);
  void join_chains(std::string_view text, ScanBuffers& buffers, std::vector<PatternMatch>& out,
                   size_t start) const;
  explicit PatternDb(std::unique_ptr<Impl> impl, size_t size);
  std::unique_ptr<Impl> impl_;
  size_t size_;
};

}  // namespace fanzha::checker
