#include "checker/entities.h"

#include <algorithm>
#include <array>

namespace fanzha::checker {

namespace {

constexpr std::array kKinds = {EntityKind::kUrl,    EntityKind::kPhone,    EntityKind::kQq,
                               EntityKind::kWechat, EntityKind::kBankCard, EntityKind::kAmount};
constexpr std::array<std::string_view, 6> kNames = {"url",    "phone",     "qq",
                                                    "wechat", "bank_card", "amount"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string digits_of(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (is_digit(c)) {
      out += c;
    }
  }
  return out;
}

// The id after a prefix such as "qq:" or "微信号 ": the trailing run of id characters.
std::string trailing_id(std::string_view s) {
  size_t i = s.size();
  while (i > 0) {
    const char c = s[i - 1];
    const bool id_char = is_digit(c) || (c >= 'a' && c <= 'z') || c == '_' || c == '-';
    if (!id_char) {
      break;
    }
    --i;
  }
  return std::string(s.substr(i));
}

// False when the match sits inside a longer run of digits.
bool digit_bounded(const std::string& text, uint32_t from, uint32_t to) {
  const bool before = from > 0 && is_digit(text[from - 1]);
  const bool after = to < text.size() && is_digit(text[to]);
  return !before && !after;
}

}  // namespace

std::span<const EntityKind> all_entity_kinds() { return kKinds; }

std::string_view entity_kind_name(EntityKind kind) { return kNames[static_cast<size_t>(kind)]; }

std::optional<EntityKind> parse_entity_kind(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) {
      return kKinds[i];
    }
  }
  return std::nullopt;
}

const std::vector<EntityPattern>& entity_patterns() {
  using K = EntityKind;
  static const std::vector<EntityPattern> patterns = {
      {K::kUrl, R"((?:https?://|www\.)[a-z0-9\-._~:/?#@!$&%+=;,]+)"},
      // A bare domain runs on RE2 alone: Vectorscan 5.4.9 (Debian 12) misses it on an
      // AVX-512 machine after a long run of letters ("aaaa…:http://x-y.cn"), found by
      // PatternDb.FindsWhatRe2FindsOnTheCorpus; with start-of-match it is found but
      // makes every scan 25 % slower, while one RE2 pass costs almost nothing.
      {K::kUrl,
       R"([a-z0-9](?:[a-z0-9\-]*\.)+(?:cn|com|net|org|top|xyz|vip|cc|club|shop|site|online|info|me|io|app|link|icu|wang|ltd|pw|hk|co|tk)(?:/[a-z0-9\-._~/?#=&%+]*)?)",
       true},
      {K::kUrl, R"(\d{1,3}(?:\.\d{1,3}){3}(?::\d{2,5})?(?:/[a-z0-9\-._~/?#=&%+]*)?)"},
      {K::kPhone, R"((?:\+?86[\- ]?)?1[3-9]\d[\- ]?\d{4}[\- ]?\d{4})"},
      {K::kPhone, R"(\+?852[\- ]?\d{4}[\- ]?\d{4})"},
      {K::kPhone, R"(0\d{2,3}-\d{7,8})"},
      {K::kPhone, R"(400[\- ]?\d{3}[\- ]?\d{4})"},
      {K::kPhone, R"(95\d{3})"},
      {K::kQq, R"((?:qq|q号|扣扣|企鹅号|q群)[^0-9]{0,5}[1-9]\d{4,11})"},
      {K::kWechat, R"((?:微信号|微信|wechat|wx|vx)[号:： ]{0,3}[a-z0-9][a-z0-9_\-]{5,19})"},
      {K::kBankCard, R"(\d{16,19})"},
      {K::kBankCard, R"(\d{4}(?: \d{4}){3}(?: ?\d{1,3})?)"},
      {K::kAmount, R"((?:¥|rmb|人民币) ?\d+(?:,\d{3})*(?:\.\d{1,2})?(?:万元|元|块|万)?)"},
      {K::kAmount, R"(\d+(?:,\d{3})*(?:\.\d+)? ?(?:万元|元|块钱|块|万))"},
      {K::kAmount, R"([一二两三四五六七八九十百千]{1,6}(?:万元|元|块钱|块|万))"},
  };
  return patterns;
}

bool luhn_valid(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (size_t i = digits.size(); i > 0; --i) {
    int d = digits[i - 1] - '0';
    if (twice) {
      d *= 2;
      if (d > 9) {
        d -= 9;
      }
    }
    sum += d;
    twice = !twice;
  }
  return !digits.empty() && sum % 10 == 0;
}

std::vector<Entity> extract_entities(std::vector<EntityMatch> matches, const NormalizedText& text) {
  std::sort(matches.begin(), matches.end(), [](const EntityMatch& a, const EntityMatch& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.from != b.from) return a.from < b.from;
    return a.to > b.to;
  });
  // Overlapping matches of one kind are one entity.
  std::vector<Entity> merged;
  for (const auto& m : matches) {
    if (!merged.empty() && merged.back().kind == m.kind && m.from < merged.back().to) {
      merged.back().to = std::max(merged.back().to, m.to);
      continue;
    }
    merged.push_back({m.kind, m.from, m.to, {}});
  }
  std::vector<Entity> urls;
  for (const auto& e : merged) {
    if (e.kind == EntityKind::kUrl) {
      urls.push_back(e);
    }
  }
  std::vector<Entity> out;
  for (auto& e : merged) {
    const std::string_view raw(text.text.data() + e.from, e.to - e.from);
    const bool in_url =
        e.kind != EntityKind::kUrl && std::any_of(urls.begin(), urls.end(), [&](const Entity& u) {
          return e.from >= u.from && e.to <= u.to;
        });
    if (in_url) {
      continue;
    }
    switch (e.kind) {
      case EntityKind::kUrl:
        e.value = std::string(raw);
        break;
      case EntityKind::kPhone:
      case EntityKind::kBankCard:
        if (!digit_bounded(text.text, e.from, e.to)) {
          continue;
        }
        e.value = digits_of(raw);
        if (e.kind == EntityKind::kBankCard && !luhn_valid(e.value)) {
          continue;
        }
        break;
      case EntityKind::kQq:
      case EntityKind::kWechat:
        e.value = trailing_id(raw);
        break;
      case EntityKind::kAmount:
        e.value = std::string(raw);
        break;
    }
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(),
            [](const Entity& a, const Entity& b) { return a.from < b.from; });
  return out;
}

}  // namespace fanzha::checker
