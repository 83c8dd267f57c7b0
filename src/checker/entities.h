// Entities a check reports and rules can refer to: URLs, phone numbers, QQ and WeChat
// ids, bank card numbers (Luhn-checked) and amounts of money. Their patterns run in the
// same Vectorscan pass as the rules; this file turns raw matches into entities.
// Pure, thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "checker/normalizer.h"

namespace fanzha::checker {

enum class EntityKind { kUrl, kPhone, kQq, kWechat, kBankCard, kAmount };

std::span<const EntityKind> all_entity_kinds();
// "url", "phone", "qq", "wechat", "bank_card", "amount": also the names of the built-in
// signals that fire when a message holds one (for composites in the rule file).
std::string_view entity_kind_name(EntityKind kind);
std::optional<EntityKind> parse_entity_kind(std::string_view name);

struct EntityPattern {
  EntityKind kind;
  std::string regex;
  bool re2_only = false;  // see entity_patterns()
};
// The patterns to compile beside the rules (over normalised text).
const std::vector<EntityPattern>& entity_patterns();

// A raw match of an entity pattern in the normalised text.
struct EntityMatch {
  EntityKind kind;
  uint32_t from;
  uint32_t to;
};

struct Entity {
  EntityKind kind;
  uint32_t from = 0;  // normalised byte range
  uint32_t to = 0;
  std::string value;  // normalised: digits only for numbers, the URL, "5000元"
};

// Overlapping matches merged, values extracted, false hits (a bank "card" failing the
// Luhn check, a phone number inside a longer number) dropped.
std::vector<Entity> extract_entities(std::vector<EntityMatch> matches, const NormalizedText& text);

bool luhn_valid(std::string_view digits);

}  // namespace fanzha::checker
