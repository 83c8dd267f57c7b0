// A constexpr table of an enum's stable keys (API, database, CSV) and Chinese labels,
// with the lookups every such enum needs. Pure, thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace fanzha::domain {

template <class E>
struct EnumEntry {
  E value;
  std::string_view key;
  std::string_view label;
};

template <class E>
std::string_view enum_key(std::span<const EnumEntry<E>> table, E value) {
  for (const auto& e : table) {
    if (e.value == value) {
      return e.key;
    }
  }
  return "";
}

template <class E>
std::string_view enum_label(std::span<const EnumEntry<E>> table, E value) {
  for (const auto& e : table) {
    if (e.value == value) {
      return e.label;
    }
  }
  return "";
}

// By key or by label, as imports carry either.
template <class E>
std::optional<E> parse_enum(std::span<const EnumEntry<E>> table, std::string_view text) {
  for (const auto& e : table) {
    if (e.key == text || e.label == text) {
      return e.value;
    }
  }
  return std::nullopt;
}

}  // namespace fanzha::domain
