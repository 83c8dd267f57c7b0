#include "demo/demo_cases.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numbers>
#include <numeric>
#include <set>
#include <unordered_map>

#include "common/random.h"
#include "common/text.h"
#include "demo/demo_case_profiles.h"
#include "domain/calendar.h"

namespace fanzha::demo {

namespace {

using case_profiles::CardBin;
using case_profiles::kCardBins;
using case_profiles::kChannelCount;
using case_profiles::kDayHours;
using case_profiles::kEveningHours;
using case_profiles::Kind;
using case_profiles::KindInfo;
using case_profiles::kKindCount;
using case_profiles::kKinds;
using case_profiles::kMonthRate;
using case_profiles::kNotes;
using case_profiles::kProfiles;
using case_profiles::loss_trend;
using case_profiles::Profile;
using case_profiles::trend;
using case_profiles::type_season;
using domain::CaseChannel;
using domain::CaseStatus;
using domain::DateNumber;
using domain::OrgKind;
using domain::PersonTag;
using domain::SuspectAccountKind;
using domain::VictimGroup;
using F = domain::FraudType;

constexpr int kMinutesPerDay = 24 * 60;
constexpr int64_t kMsPerMinute = 60'000;
constexpr double kKnownVictimShare = 0.66;  // a few draws find no one: about 60 % remain
constexpr double kSchoolCaseShare = 0.35;   // of student victims: the case is at the class
constexpr double kLargeFloorYuan = 500'000;
constexpr double kOrdinaryCapYuan = 480'000;
constexpr double kMinLossYuan = 200;
constexpr double kLowTownshipRate = 0.5;
constexpr double kHighTownshipRate = 1.8;
constexpr double kStreetRate = 1.6;

size_t index_of(Kind k) { return static_cast<size_t>(k); }

// SplitMix64's finaliser: a steady number for a seed and a unit code.
uint64_t mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}
double steady_fraction(uint64_t seed, std::string_view code) {
  uint64_t h = mix(seed ^ 0xCA5E5ULL);
  for (char c : code) {
    h = mix(h ^ static_cast<unsigned char>(c));
  }
  return static_cast<double>(h >> 11) * 0x1p-53;
}

struct Ref {
  uint32_t household;
  uint32_t member;
};

struct Place {
  std::string code;
  double weight = 0;
  std::array<std::vector<Ref>, kKindCount> pools;  // residents by Kind (a class: students)
};

class Generator {
 public:
  Generator(uint64_t seed, const DemoCounty& county, const std::vector<DemoHousehold>& households,
            DateNumber today);
  std::vector<DemoCase> run(int days, int per_year);

 private:
  double unit() { return static_cast<double>(random_.uniform(1ULL << 53)) * 0x1p-53; }
  bool chance(double p) { return unit() < p; }
  int between(int low, int high) {
    return low + static_cast<int>(random_.uniform(static_cast<uint64_t>(high - low + 1)));
  }
  double normal() {  // Box–Muller: portable, unlike std::normal_distribution
    return std::sqrt(-2 * std::log(1 - unit())) * std::cos(2 * std::numbers::pi * unit());
  }
  int poisson(double lambda);
  template <typename R>
  size_t weighted(const R& weights);

  void index(const DemoCounty& county);
  VictimGroup group_of(const DemoPerson& p, int age) const;
  void add_to_pools(Place& place, const DemoPerson& p, Ref ref);
  DemoCase make_case(int days_ago);
  void place_victim(DemoCase& c, const Profile& p, Kind kind, DateNumber day);
  void add_money(DemoCase& c, const Profile& p, Kind kind);
  void add_accounts(DemoCase& c);
  std::string case_number(DateNumber report_day);

  uint64_t seed_;
  int county_households_;
  SeededRandom random_;
  const std::vector<DemoHousehold>& households_;
  DateNumber today_;
  std::string county_code_ = "349901";
  std::set<std::string> departments_;
  std::vector<Place> villages_;
  std::vector<Place> classes_;
  std::vector<double> village_weights_;
  std::vector<double> class_weights_;
  std::set<std::pair<uint32_t, uint32_t>> used_;
  std::map<DateNumber, int> last_sequence_;
};

Generator::Generator(uint64_t seed, const DemoCounty& county,
                     const std::vector<DemoHousehold>& households, DateNumber today)
    : seed_(seed),
      county_households_(std::max(county.households, 0)),
      random_(seed ^ 0xF4A0'CA5EULL),
      households_(households),
      today_(today) {
  index(county);
}

int Generator::poisson(double lambda) {
  int n = 0;
  for (; lambda > 30; lambda -= 30) {
    n += poisson(30);
  }
  const double limit = std::exp(-lambda);
  for (double p = unit(); p > limit; p *= unit()) {
    ++n;
  }
  return n;
}

template <typename R>
size_t Generator::weighted(const R& weights) {
  double total = 0;
  for (auto w : weights) {
    total += static_cast<double>(w);
  }
  double draw = unit() * total;
  for (size_t i = 0; i + 1 < std::size(weights); ++i) {
    draw -= static_cast<double>(weights[i]);
    if (draw < 0) {
      return i;
    }
  }
  return std::size(weights) - 1;
}

VictimGroup Generator::group_of(const DemoPerson& p, int age) const {
  const auto has = [&](PersonTag t) { return (p.tags & domain::person_tag_bit(t)) != 0; };
  if ((has(PersonTag::kStudent) || p.link_role == domain::LinkRole::kStudent) && age <= 22) {
    return VictimGroup::kStudent;
  }
  if (has(PersonTag::kFinanceStaff)) {
    return VictimGroup::kFinanceStaff;
  }
  if (has(PersonTag::kEnterpriseHead)) {
    return VictimGroup::kEnterpriseHead;
  }
  if (p.link_role == domain::LinkRole::kStaff && departments_.contains(p.link_unit_code)) {
    return VictimGroup::kPublicStaff;
  }
  if (age >= 60) {
    return VictimGroup::kElderly;
  }
  return has(PersonTag::kWorkingAway) ? VictimGroup::kWorkerAway : VictimGroup::kOther;
}

void Generator::add_to_pools(Place& place, const DemoPerson& p, Ref ref) {
  // By today's age with a margin; the age at the case is checked when one is drawn.
  const int age = domain::age_on(p.birth_date, today_);
  const VictimGroup group = group_of(p, age);
  const auto add = [&](Kind k) { place.pools[index_of(k)].push_back(ref); };
  if (group == VictimGroup::kStudent || (p.link_role == domain::LinkRole::kStudent && age <= 24)) {
    add(Kind::kStudent);
  }
  if (age >= 18 && age <= 37) {
    add(Kind::kYoung);
  }
  if (age >= 25 && age <= 61) {
    add(Kind::kAdult);
  }
  if (age >= 60) {
    add(Kind::kElderly);
  }
  const std::array<std::pair<VictimGroup, Kind>, 4> tagged = {
      {{VictimGroup::kFinanceStaff, Kind::kFinance},
       {VictimGroup::kEnterpriseHead, Kind::kHead},
       {VictimGroup::kPublicStaff, Kind::kPublic},
       {VictimGroup::kWorkerAway, Kind::kAway}}};
  for (const auto& [g, k] : tagged) {
    if (group == g) {
      add(k);
    }
  }
}

void Generator::index(const DemoCounty& county) {
  std::unordered_map<std::string, const domain::OrgImportRow*> units;
  std::unordered_map<std::string, size_t> village_index;
  std::unordered_map<std::string, size_t> class_index;
  for (const auto& u : county.units) {
    units.emplace(u.code, &u);
    if (u.kind == OrgKind::kCounty && u.code.size() == 6) {
      county_code_ = u.code;
    } else if (u.kind == OrgKind::kDepartment) {
      departments_.insert(u.code);
    } else if (u.kind == OrgKind::kVillage || u.kind == OrgKind::kCommunity) {
      village_index.emplace(u.code, villages_.size());
      villages_.push_back({u.code, 0, {}});
    } else if (u.kind == OrgKind::kClass) {
      class_index.emplace(u.code, classes_.size());
      // College students live online more than middle-school pupils.
      classes_.push_back({u.code, u.code.find("-S02-") != std::string::npos ? 3.0 : 1.0, {}});
    }
  }
  const auto village_of = [&](const std::string& code) -> Place* {
    auto it = units.find(code);
    for (int depth = 0; depth < 8 && it != units.end(); ++depth) {
      if (auto v = village_index.find(it->first); v != village_index.end()) {
        return &villages_[v->second];
      }
      it = units.find(it->second->parent_code);
    }
    return nullptr;
  };
  for (const auto& [code, count] : county.household_plan) {
    if (Place* v = village_of(code)) {
      v->weight += count;
    }
  }
  // Steady unevenness: townships ranked by a steady draw get 0.5…1.8 (the worst over
  // three times the rate of the best), the urban streets 1.6, villages 0.7…1.4 of that.
  std::vector<std::pair<double, std::string>> ranked;
  std::unordered_map<std::string, double> township_rate;
  for (const auto& v : villages_) {
    const std::string& township = units.at(v.code)->parent_code;
    const auto t = units.find(township);
    if (t != units.end() && t->second->kind == OrgKind::kStreet) {
      township_rate[township] = kStreetRate;
    } else {
      ranked.emplace_back(steady_fraction(seed_, township), township);
    }
  }
  std::sort(ranked.begin(), ranked.end());
  ranked.erase(std::unique(ranked.begin(), ranked.end()), ranked.end());
  for (size_t i = 0; i < ranked.size(); ++i) {
    const double rank =
        static_cast<double>(i) / static_cast<double>(std::max<size_t>(ranked.size() - 1, 1));
    township_rate[ranked[i].second] =
        kLowTownshipRate + (kHighTownshipRate - kLowTownshipRate) * rank;
  }
  for (auto& v : villages_) {
    v.weight *= township_rate.at(units.at(v.code)->parent_code) *
                (0.7 + 0.7 * steady_fraction(seed_, v.code));
    village_weights_.push_back(v.weight);
  }
  for (size_t h = 0; h < households_.size(); ++h) {
    Place* v = village_of(households_[h].unit_code);
    for (size_t m = 0; v != nullptr && m < households_[h].members.size(); ++m) {
      const auto& p = households_[h].members[m];
      const Ref ref{static_cast<uint32_t>(h), static_cast<uint32_t>(m)};
      add_to_pools(*v, p, ref);
      if (auto c = class_index.find(p.link_unit_code);
          c != class_index.end() && p.link_role == domain::LinkRole::kStudent) {
        classes_[c->second].pools[index_of(Kind::kStudent)].push_back(ref);
      }
    }
  }
  for (const auto& c : classes_) {
    class_weights_.push_back(c.weight);
  }
}

void Generator::place_victim(DemoCase& c, const Profile& p, Kind kind, DateNumber day) {
  const bool at_class = kind == Kind::kStudent && !classes_.empty() && chance(kSchoolCaseShare);
  const Place& place =
      at_class ? classes_[weighted(class_weights_)] : villages_[weighted(village_weights_)];
  c.unit_code = place.code;
  const auto& pool = place.pools[index_of(kind)];
  const KindInfo& info = kKinds[index_of(kind)];
  const bool known = chance(kKnownVictimShare);
  for (int attempt = 0; known && !pool.empty() && attempt < 12; ++attempt) {
    const Ref ref = pool[random_.uniform(pool.size())];
    const DemoPerson& person = households_[ref.household].members[ref.member];
    const int age = domain::age_on(person.birth_date, day);
    if (age < info.min_age || age > info.max_age || used_.contains({ref.household, ref.member})) {
      continue;
    }
    used_.insert({ref.household, ref.member});
    c.victim = DemoCaseVictim{ref.household, ref.member};
    c.victim_sex = person.sex;
    c.victim_group = group_of(person, age);
    return;
  }
  if (at_class) {  // the school's own pupils: middle school or college ages
    const bool college = place.code.find("-S02-") != std::string::npos;
    c.victim_age = college ? between(17, 22) : between(12, 15);
  } else if (info.group == VictimGroup::kElderly) {
    c.victim_age = info.min_age + std::min(between(0, 28), between(0, 28));  // fewer at 80+
  } else {
    c.victim_age = between(info.min_age, info.max_age);
  }
  c.victim_sex = chance(p.female_share) ? domain::Sex::kFemale : domain::Sex::kMale;
  c.victim_group = info.group;
}

void Generator::add_money(DemoCase& c, const Profile& p, Kind kind) {
  const double boost = kind == Kind::kFinance ? 3 : kind == Kind::kHead ? 2 : 1;
  double yuan = 0;
  // Large cases fall with the trend too: each one is back-traced and its gaps closed.
  if (chance(p.large_chance * (kind == Kind::kFinance ? 2 : 1) * trend(c.days_ago))) {
    const double u = unit();
    yuan = kLargeFloorYuan * std::exp(u * u * std::log(6.0));  // 500,000 to 3 million
  } else {
    const double median = p.median_yuan * boost * loss_trend(c.days_ago);
    for (int i = 0; i < 4 && (yuan == 0 || yuan > kOrdinaryCapYuan); ++i) {
      yuan = median * std::exp(p.spread * normal());
    }
    yuan = std::clamp(yuan, kMinLossYuan, kOrdinaryCapYuan);
  }
  // The one step from the draw to money; everything after is integer fen.
  int64_t fen = std::llround(yuan * 100);
  const int style = between(0, 99);
  if (style < 50) {
    fen = std::max<int64_t>(10'000, fen / 10'000 * 10'000);  // whole hundreds of yuan
  } else if (style < 85) {
    fen = fen / 100 * 100;
  }
  c.loss_fen = fen;
  // Stop-payment works when the victim reports quickly.
  const bool large = fen >= domain::kDefaultLargeCaseFen;
  const double stop = large                                      ? 0.6
                      : c.report_delay_minutes <= 120            ? 0.35
                      : c.report_delay_minutes <= kMinutesPerDay ? 0.2
                                                                 : 0.06;
  if (chance(stop)) {
    c.stopped_fen = fen * between(50, 700) / 1000;
  }
  if ((c.status == CaseStatus::kSolved || c.status == CaseStatus::kClosed) && chance(0.45)) {
    c.returned_fen = (fen - c.stopped_fen) * between(100, 800) / 1000;
  }
}

void Generator::add_accounts(DemoCase& c) {
  const bool crypto_prone =
      c.fraud_type == F::kInvestmentGambling || c.fraud_type == F::kRomanceInvestment;
  const bool wallet_prone = c.fraud_type == F::kClickFarming || c.fraud_type == F::kGameTrading ||
                            c.fraud_type == F::kFakeShopping;
  const int count = 1 + static_cast<int>(weighted(std::array{50, 35, 15}));
  const auto digits = [&](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) {
      s += static_cast<char>('0' + random_.uniform(10));
    }
    return s;
  };
  for (int i = 0; i < count; ++i) {
    domain::SuspectAccount a;
    if (chance(crypto_prone ? 0.12 : 0.02)) {
      static constexpr std::string_view kBase58 =
          "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
      a = {SuspectAccountKind::kVirtualCurrency, "T", "USDT-TRC20"};
      for (int k = 0; k < 33; ++k) {
        a.number += kBase58[random_.uniform(kBase58.size())];
      }
    } else if (chance(wallet_prone ? 0.45 : 0.25)) {
      static constexpr std::string_view kWxid = "abcdefghijklmnopqrstuvwxyz0123456789";
      if (chance(0.5)) {
        a = {SuspectAccountKind::kPaymentAccount, "2088" + digits(12), "支付宝"};
      } else {
        a = {SuspectAccountKind::kPaymentAccount, "wxid_", "微信支付"};
        for (int k = 0; k < 14; ++k) {
          a.number += kWxid[random_.uniform(kWxid.size())];
        }
      }
    } else {
      const CardBin& bin = kCardBins[random_.uniform(kCardBins.size())];
      std::string number = std::string(bin.bin) + digits(bin.length - 7);
      int sum = 0;  // Luhn: double every second digit from the right of the full number
      for (size_t k = 0; k < number.size(); ++k) {
        int d = number[number.size() - 1 - k] - '0';
        d = k % 2 == 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        sum += d;
      }
      number += static_cast<char>('0' + (10 - sum % 10) % 10);
      a = {SuspectAccountKind::kBankCard, number, std::string(bin.bank)};
    }
    c.suspect_accounts.push_back(std::move(a));
  }
}

std::string Generator::case_number(DateNumber report_day) {
  // A station's daily sequence: other cases take the numbers in between.
  const auto it = last_sequence_.try_emplace(report_day, between(0, 40)).first;
  it->second += between(1, 12);
  return "A" + county_code_ + std::to_string(report_day) + zero_pad(it->second, 5);
}

DemoCase Generator::make_case(int days_ago) {
  const DateNumber day = domain::add_days(today_, -days_ago);
  const int month = day / 100 % 100;
  std::array<double, kProfiles.size()> type_weights{};
  for (size_t i = 0; i < kProfiles.size(); ++i) {
    type_weights[i] = kProfiles[i].weight * type_season(kProfiles[i].type, month);
  }
  const Profile& p = kProfiles[weighted(type_weights)];
  // Students at home in the holidays; workers back for Spring Festival.
  std::array<double, kKindCount> kinds{};
  for (size_t k = 0; k < kKindCount; ++k) {
    kinds[k] = p.victims[k];
  }
  const bool holiday = month == 1 || month == 2 || month == 7 || month == 8;
  kinds[index_of(Kind::kStudent)] *= holiday ? 2 : 1;
  kinds[index_of(Kind::kAway)] *= month <= 2 ? 1.5 : 1;
  const auto kind = static_cast<Kind>(weighted(kinds));

  DemoCase c;
  c.days_ago = days_ago;
  c.fraud_type = p.type;
  c.channel = static_cast<CaseChannel>(weighted(p.channels));
  c.minute_of_day =
      static_cast<int>(weighted(p.evening ? kEveningHours : kDayHours)) * 60 + between(0, 59);
  const double r = unit();
  c.report_delay_minutes = r < p.late_share ? between(1, 20) * kMinutesPerDay
                           : r < p.late_share + (1 - p.late_share) * 0.3 ? between(240, 1440)
                                                                         : between(10, 240);
  c.report_delay_minutes =
      std::clamp(c.report_delay_minutes, 0, (days_ago + 1) * kMinutesPerDay - 1 - c.minute_of_day);
  place_victim(c, p, kind, day);

  // Older cases are more often solved, and then closed.
  const double solved = std::min(0.7, 0.1 + 0.6 * days_ago / 540.0);
  if (chance(solved)) {
    c.status = chance(std::min(0.85, days_ago / 730.0)) ? CaseStatus::kClosed : CaseStatus::kSolved;
  } else {
    c.status = days_ago < 10 && chance(0.6) ? CaseStatus::kRegistered : CaseStatus::kInvestigating;
  }
  add_money(c, p, kind);
  add_accounts(c);
  const auto& notes = kNotes[static_cast<size_t>(p.type)];
  c.notes = std::string(notes[random_.uniform(notes.size())]);
  if (c.stopped_fen > 0) {
    c.notes += "，已紧急止付冻结部分资金";
  }
  if (c.returned_fen > 0) {
    c.notes += "，已返还部分被骗资金";
  }
  c.notes += c.loss_fen >= domain::kDefaultLargeCaseFen ? "。大额案件，已全面倒查" : "。";
  const int report_day_offset = (c.minute_of_day + c.report_delay_minutes) / kMinutesPerDay;
  c.case_number = case_number(domain::add_days(day, report_day_offset));
  return c;
}

std::vector<DemoCase> Generator::run(int days, int per_year) {
  std::vector<DemoCase> out;
  const double total = std::accumulate(village_weights_.begin(), village_weights_.end(), 0.0);
  if (total <= 0) {
    return out;
  }
  double mean_month = 0;
  for (double m : kMonthRate) {
    mean_month += m / 12;
  }
  const double per_day = per_year / 365.0 * county_households_ / 300'000.0 / mean_month;
  for (int days_ago = days - 1; days_ago >= 0; --days_ago) {
    const int month = domain::add_days(today_, -days_ago) / 100 % 100;
    const int n = poisson(per_day * kMonthRate[static_cast<size_t>(month - 1)] * trend(days_ago));
    const size_t first = out.size();
    for (int i = 0; i < n; ++i) {
      out.push_back(make_case(days_ago));
    }
    std::stable_sort(
        out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
        [](const DemoCase& a, const DemoCase& b) { return a.minute_of_day < b.minute_of_day; });
  }
  return out;
}

}  // namespace

std::vector<DemoCase> generate_demo_cases(uint64_t seed, const DemoCounty& county,
                                          const std::vector<DemoHousehold>& households,
                                          domain::DateNumber today, int days,
                                          int cases_per_year_per_300k_households) {
  return Generator(seed, county, households, today)
      .run(std::max(days, 0), std::max(cases_per_year_per_300k_households, 0));
}

int64_t demo_case_occurred_ms(const DemoCase& c, domain::DateNumber today) {
  return domain::day_start_ms(domain::add_days(today, -c.days_ago)) +
         c.minute_of_day * kMsPerMinute;
}

int64_t demo_case_reported_ms(const DemoCase& c, domain::DateNumber today) {
  return demo_case_occurred_ms(c, today) + c.report_delay_minutes * kMsPerMinute;
}

}  // namespace fanzha::demo
