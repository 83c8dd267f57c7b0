// Telephone spot checks of app rosters (电话抽查): drawing a stratified random sample that
// can be drawn again from its seed, the call outcomes, and the honesty rate
// (抽查属实率 = confirmed ÷ checked). Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace fanzha::domain {

struct Stratum {
  int64_t key = 0;             // e.g. the village's unit id
  std::vector<int64_t> items;  // e.g. roster entries (person ids), any order
};

struct SampledItem {
  int64_t stratum = 0;
  int64_t item = 0;
};

// Up to `per_stratum` items from each stratum, uniformly without replacement. The same
// strata and seed always give the same sample; each stratum's draw depends only on its
// own items, its key and the seed.
std::vector<SampledItem> stratified_sample(std::span<const Stratum> strata, size_t per_stratum,
                                           uint64_t seed);

enum class CallOutcome : uint8_t {
  kConfirmed,     // 确认已安装
  kNotInstalled,  // 未安装
  kWrongNumber,   // 号码错误
  kUnreachable,   // 无法接通
  kRefused,       // 拒绝回答
  kNoPublicity,   // 未接受过宣传
};

std::span<const CallOutcome> all_call_outcomes();
std::string_view call_outcome_key(CallOutcome outcome);
std::string_view call_outcome_label(CallOutcome outcome);
std::optional<CallOutcome> parse_call_outcome(std::string_view key);
// Whether the call checked the entry at all (unreachable and refused did not).
bool counts_as_checked(CallOutcome outcome);
// Whether the entry was found false (flagged: the roster claimed what was not so).
bool found_false_entry(CallOutcome outcome);
// Whether the call disproves the app status the roster claimed (not installed, or the
// number is not the person's), so that the status is set back to "not installed".
// "Did not receive publicity" is false too, but says nothing against the app.
bool reverts_app_status(CallOutcome outcome);

struct Honesty {
  int64_t checked = 0;
  int64_t confirmed = 0;
  int64_t found_false = 0;  // entries found false (flagged)
  Honesty& add(CallOutcome outcome, int64_t n) {
    if (counts_as_checked(outcome)) {
      checked += n;
      confirmed += outcome == CallOutcome::kConfirmed ? n : 0;
    }
    found_false += found_false_entry(outcome) ? n : 0;
    return *this;
  }
  Honesty& operator+=(const Honesty& o) {
    checked += o.checked;
    confirmed += o.confirmed;
    found_false += o.found_false;
    return *this;
  }
  double rate() const { return checked == 0 ? 0.0 : static_cast<double>(confirmed) / checked; }
};

}  // namespace fanzha::domain
