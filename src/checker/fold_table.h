// The character fold applied before matching: NFKC_Casefold then traditional →
// simplified Chinese, one code point at a time (so every folded character still points
// at its source). The table is generated at build time by gen/fold_table_gen.cpp from
// ICU and OpenCC data. Immutable after first use; thread-safe.
#pragma once

#include <cstddef>
#include <span>

namespace fanzha::checker {

namespace detail {
struct FoldEntry {
  char32_t code_point;
  const char* utf8;  // the fold, possibly empty (dropped) or several code points
};
extern const FoldEntry kFoldEntries[];
extern const size_t kFoldEntryCount;
}  // namespace detail

// The fold of `c`, or an empty optional-like span with `identity` set when `c` folds
// to itself. An empty span with identity false means "drop the character".
struct Fold {
  bool identity = true;
  std::span<const char32_t> code_points;
};
Fold fold_code_point(char32_t c);

}  // namespace fanzha::checker
