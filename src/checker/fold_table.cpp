#include "checker/fold_table.h"

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "checker/utf8.h"

namespace fanzha::checker {

namespace {

constexpr size_t kPageBits = 8;
constexpr size_t kPageSize = size_t{1} << kPageBits;
constexpr size_t kPages = (0x10FFFF >> kPageBits) + 1;

// Two-level lookup: page of the code point → slot; slot 0 means "folds to itself".
struct Table {
  struct Target {
    uint32_t offset;
    uint32_t length;
  };
  std::vector<uint16_t> page_of;                       // kPages entries; 0 = no page
  std::vector<std::array<uint32_t, kPageSize>> pages;  // pages[0] is all zeros
  std::vector<Target> targets;                         // slot - 1 → target
  std::vector<char32_t> pool;

  Table() : page_of(kPages, 0), pages(1) {
    pages[0].fill(0);
    targets.reserve(detail::kFoldEntryCount);
    for (size_t i = 0; i < detail::kFoldEntryCount; ++i) {
      const auto& entry = detail::kFoldEntries[i];
      const std::string_view utf8(entry.utf8);
      const auto offset = static_cast<uint32_t>(pool.size());
      for (size_t k = 0; k < utf8.size();) {
        size_t length = 0;
        pool.push_back(decode_utf8(utf8, k, length));
        k += length;
      }
      targets.push_back({offset, static_cast<uint32_t>(pool.size() - offset)});
      const size_t page = entry.code_point >> kPageBits;
      if (page_of[page] == 0) {
        page_of[page] = static_cast<uint16_t>(pages.size());
        pages.emplace_back();
        pages.back().fill(0);
      }
      pages[page_of[page]][entry.code_point & (kPageSize - 1)] =
          static_cast<uint32_t>(targets.size());
    }
  }
};

const Table& table() {
  static const Table instance;
  return instance;
}

}  // namespace

Fold fold_code_point(char32_t c) {
  if (c > 0x10FFFF) {
    return {};
  }
  const Table& t = table();
  const uint32_t slot = t.pages[t.page_of[c >> kPageBits]][c & (kPageSize - 1)];
  if (slot == 0) {
    return {};
  }
  const auto& target = t.targets[slot - 1];
  return {false, std::span<const char32_t>(t.pool.data() + target.offset, target.length)};
}

}  // namespace fanzha::checker
