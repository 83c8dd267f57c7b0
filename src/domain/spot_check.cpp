#include "domain/spot_check.h"

#include <algorithm>
#include <array>

#include "common/random.h"

namespace fanzha::domain {

namespace {

// SplitMix64: mixes the seed and the stratum key into one stratum's own seed.
uint64_t mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

struct OutcomeInfo {
  CallOutcome outcome;
  std::string_view key;
  std::string_view label;
  bool checked;
  bool false_entry;
};
constexpr std::array kOutcomes = {
    OutcomeInfo{CallOutcome::kConfirmed, "confirmed", "确认已安装", true, false},
    OutcomeInfo{CallOutcome::kNotInstalled, "not_installed", "未安装", true, true},
    OutcomeInfo{CallOutcome::kWrongNumber, "wrong_number", "号码错误", true, true},
    OutcomeInfo{CallOutcome::kUnreachable, "unreachable", "无法接通", false, false},
    OutcomeInfo{CallOutcome::kRefused, "refused", "拒绝回答", false, false},
    OutcomeInfo{CallOutcome::kNoPublicity, "no_publicity", "未接受过宣传", true, true},
};
constexpr std::array kAllOutcomes = {CallOutcome::kConfirmed,   CallOutcome::kNotInstalled,
                                     CallOutcome::kWrongNumber, CallOutcome::kUnreachable,
                                     CallOutcome::kRefused,     CallOutcome::kNoPublicity};

}  // namespace

std::vector<SampledItem> stratified_sample(std::span<const Stratum> strata, size_t per_stratum,
                                           uint64_t seed) {
  std::vector<SampledItem> out;
  for (const auto& stratum : strata) {
    // A canonical order first, so the draw does not depend on how items were listed.
    std::vector<int64_t> items = stratum.items;
    std::sort(items.begin(), items.end());
    SeededRandom random(mix(seed ^ mix(static_cast<uint64_t>(stratum.key))));
    const size_t take = std::min(per_stratum, items.size());
    // Partial Fisher–Yates: the first `take` places get a uniform sample.
    for (size_t i = 0; i < take; ++i) {
      const size_t j = i + static_cast<size_t>(random.uniform(items.size() - i));
      std::swap(items[i], items[j]);
      out.push_back({stratum.key, items[i]});
    }
  }
  return out;
}

std::span<const CallOutcome> all_call_outcomes() { return kAllOutcomes; }
std::string_view call_outcome_key(CallOutcome o) { return kOutcomes[static_cast<size_t>(o)].key; }
std::string_view call_outcome_label(CallOutcome o) {
  return kOutcomes[static_cast<size_t>(o)].label;
}
bool counts_as_checked(CallOutcome o) { return kOutcomes[static_cast<size_t>(o)].checked; }
bool found_false_entry(CallOutcome o) { return kOutcomes[static_cast<size_t>(o)].false_entry; }
bool reverts_app_status(CallOutcome o) {
  return o == CallOutcome::kNotInstalled || o == CallOutcome::kWrongNumber;
}
std::optional<CallOutcome> parse_call_outcome(std::string_view key) {
  for (const auto& o : kOutcomes) {
    if (key == o.key) {
      return o.outcome;
    }
  }
  return std::nullopt;
}

}  // namespace fanzha::domain
