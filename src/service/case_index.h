// Every case's figures in memory, for the statistics: one compact row per case (day,
// where, the victim's unit, type, group, channel, money, back-trace flags) sorted by
// day, and the org units' paths in sorted order, so that a subtree is one range of
// unit ranks. A question (a subtree, a period, optional filters) is a binary search to
// the period and one pass over its cases — a province's 500,000 cases in a few
// milliseconds. When the 'cases' change counter moves only the cases added or updated
// since are read and merged in; everything is reloaded when the tree is moved;
// residents per subtree come from the population counters, reloaded when people change.
// Thread-safe; a snapshot is immutable and may be kept after the index reloads.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/back_trace.h"
#include "domain/fraud_case.h"
#include "domain/period.h"
#include "service/context.h"

namespace fanzha::service {

inline constexpr size_t kFraudTypeCount = 32;  // ≥ domain::all_fraud_types().size()
inline constexpr size_t kVictimGroupCount = 8;
inline constexpr size_t kChannelCount = 8;

struct CaseSums {
  int64_t cases = 0;
  int64_t loss_fen = 0;
  int64_t stopped_fen = 0;
  int64_t returned_fen = 0;
  void add(int64_t loss, int64_t stopped, int64_t returned) {
    ++cases;
    loss_fen += loss;
    stopped_fen += stopped;
    returned_fen += returned;
  }
};

// Which cases a question counts.
struct CaseSelection {
  std::string path;  // the subtree: cases that happened there or whose victim's unit is there
  domain::Period period;
  std::optional<domain::FraudType> fraud_type;
  bool high_incidence_only = false;
  std::optional<domain::VictimGroup> victim_group;
  std::optional<domain::CaseChannel> channel;
  bool victim_unit_only = false;  // only by the victim's unit (what units and schools see)
  // Parts of the subtree to break the count down by (child units' paths); a case counts
  // for the first part its place is in, else the first its victim's unit is in.
  std::vector<std::string> parts;
};

struct CaseFigures {
  CaseSums total;
  std::array<CaseSums, kFraudTypeCount> by_type{};
  std::array<CaseSums, kVictimGroupCount> by_group{};
  std::array<CaseSums, kChannelCount> by_channel{};
  std::vector<CaseSums> by_part;  // parallel to CaseSelection::parts
  domain::BackTraceSummary trace;
  int64_t large_cases = 0;  // at or above the threshold given to `count`
  // Units (ids) whose own staff were victims, with their counts.
  std::vector<std::pair<int64_t, CaseSums>> inside_system;
};

struct ZeroCaseCount {
  int64_t total = 0;
  int64_t zero = 0;
};

struct ZeroCaseCounts {
  ZeroCaseCount villages;  // villages and communities (无诈村/社区)
  ZeroCaseCount units;     // departments, banks, telecom shops, enterprises (无诈单位)
  ZeroCaseCount schools;   // schools and colleges (无诈校园)
};

// What `count` needs besides the selection.
struct CaseCountOptions {
  int64_t large_case_fen = domain::kDefaultLargeCaseFen;
};

struct CaseUnits;  // case_index.cpp

class CaseIndex {
 public:
  explicit CaseIndex(ServiceContext context) : ctx_(context) {}

  CaseFigures count(const CaseSelection& selection, const CaseCountOptions& options);
  // Cases per county day within the selection's subtree and filters (period ignored),
  // from `first` to `last` inclusive.
  std::vector<CaseSums> daily(const CaseSelection& selection, domain::DateNumber first,
                              domain::DateNumber last);
  // Residents within `path` (from the per-unit population counters, reloaded when
  // people change).
  int64_t residents(std::string_view path);
  // Zero-case status in the period of the villages and communities, workplaces, and
  // schools within `path`: a unit is zero-case when no case happened in its subtree and
  // no victim belonged to it.
  ZeroCaseCounts zero_case(std::string_view path, const domain::Period& period);

  struct Data;
  struct Population;

 private:
  std::shared_ptr<const Data> current();
  std::shared_ptr<const Data> load() const;
  // `data` with the cases written since it was read.
  std::shared_ptr<const Data> append(const Data& data) const;
  std::shared_ptr<const Population> load_population(const Data& data) const;

  ServiceContext ctx_;
  std::mutex mutex_;
  std::shared_ptr<const Data> data_;
  int64_t loaded_version_ = -1;
  uint64_t loaded_epoch_ = 0;
  std::shared_ptr<const Population> population_;
  int64_t population_version_ = -1;
  // The units the population's ranks belong to (kept alive so the pointer stays unique).
  std::shared_ptr<const CaseUnits> population_of_;
};

}  // namespace fanzha::service
