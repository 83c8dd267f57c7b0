// The demo county's case history: deterministic, sized to the county, every case valid
// for the domain checks, and shaped like a real county's — two drops, seasons, the
// high-incidence four, large cases, uneven townships, victims who live where the case is.
#include "demo/demo_cases.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <unordered_map>

#include "domain/calendar.h"

namespace fanzha::demo {
namespace {

using domain::CaseStatus;
using domain::FraudType;
using domain::VictimGroup;

constexpr domain::DateNumber kToday = 20260310;

struct World {
  DemoCounty county;
  std::vector<DemoHousehold> households;
  std::unordered_map<std::string, const domain::OrgImportRow*> units;

  // The village or community holding a unit (itself if it is one), or "".
  std::string village_of(const std::string& code) const {
    for (auto it = units.find(code); it != units.end(); it = units.find(it->second->parent_code)) {
      const auto kind = it->second->kind;
      if (kind == domain::OrgKind::kVillage || kind == domain::OrgKind::kCommunity) {
        return it->first;
      }
    }
    return "";
  }
};

World make_world(int households) {
  World w;
  w.county = generate_demo_county(1, households);
  generate_demo_households(w.county, 1, kToday,
                           [&](const DemoHousehold& h) { w.households.push_back(h); });
  for (const auto& u : w.county.units) {
    w.units.emplace(u.code, &u);
  }
  return w;
}

const World& small_world() {
  static const World w = make_world(3000);
  return w;
}
const World& mid_world() {
  static const World w = make_world(30000);
  return w;
}
// A county planned for 3,000 households but counted as 300,000: the volume of a large
// county without a million residents to generate.
const World& big_world() {
  static const World w = [] {
    World b = make_world(3000);
    b.county.households = 300000;
    return b;
  }();
  return w;
}
const std::vector<DemoCase>& big_run() {
  static const auto cases =
      generate_demo_cases(7, big_world().county, big_world().households, kToday);
  return cases;
}

std::string describe(const DemoCase& c) {
  std::string s = c.case_number + "|" + std::to_string(c.days_ago) + "|" +
                  std::to_string(c.minute_of_day) + "|" + std::to_string(c.report_delay_minutes) +
                  "|" + c.unit_code + "|" + std::to_string(c.loss_fen) + "|" +
                  std::to_string(c.stopped_fen) + "|" + std::to_string(c.returned_fen) + "|" +
                  std::string(domain::fraud_type_key(c.fraud_type)) + "|" + c.notes;
  if (c.victim) {
    s += "|v" + std::to_string(c.victim->household) + "." + std::to_string(c.victim->member);
  }
  for (const auto& a : c.suspect_accounts) {
    s += "|" + a.number;
  }
  return s;
}

domain::FraudCase to_fraud_case(const DemoCase& c) {
  domain::FraudCase f;
  f.case_number = c.case_number;
  f.occurred_at = demo_case_occurred_ms(c, kToday);
  f.reported_at = demo_case_reported_ms(c, kToday);
  f.org_unit_id = 42;
  if (c.victim) {
    f.victim_person_id = 7;
  }
  f.victim_age = c.victim_age;
  f.victim_sex = c.victim_sex;
  f.victim_group = c.victim_group;
  f.fraud_type = c.fraud_type;
  f.channel = c.channel;
  f.loss_fen = c.loss_fen;
  f.stopped_fen = c.stopped_fen;
  f.returned_fen = c.returned_fen;
  f.status = c.status;
  f.suspect_accounts = c.suspect_accounts;
  f.notes = c.notes;
  return f;
}

int month_of(const DemoCase& c) { return domain::add_days(kToday, -c.days_ago) / 100 % 100; }

bool luhn_valid(const std::string& digits) {
  int sum = 0;
  for (size_t k = 0; k < digits.size(); ++k) {
    int d = digits[digits.size() - 1 - k] - '0';
    sum += k % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
  }
  return sum % 10 == 0;
}

TEST(DemoCases, SameInputsGiveTheSameCases) {
  const auto& w = small_world();
  const auto a = generate_demo_cases(3, w.county, w.households, kToday);
  const auto b = generate_demo_cases(3, w.county, w.households, kToday);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(describe(a[i]), describe(b[i]));
  }
  const auto other = generate_demo_cases(4, w.county, w.households, kToday);
  const auto all = [](const std::vector<DemoCase>& cases) {
    std::string text;
    for (const auto& c : cases) {
      text += describe(c) + "\n";
    }
    return text;
  };
  EXPECT_NE(all(a), all(other));
  // Another day shifts the window: a demo loaded tomorrow differs.
  EXPECT_NE(all(a), all(generate_demo_cases(3, w.county, w.households, 20260311)));
}

TEST(DemoCases, VolumeFitsTheCountySize) {
  const auto& small = small_world();
  int total = 0;
  constexpr int kSeeds = 8;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    const auto n =
        static_cast<int>(generate_demo_cases(seed, small.county, small.households, kToday).size());
    EXPECT_GE(n, 12) << seed;  // about 15 a year
    EXPECT_LE(n, 55) << seed;
    total += n;
  }
  EXPECT_GE(total / kSeeds, 22);
  EXPECT_LE(total / kSeeds, 38);
  const auto& mid = mid_world();
  const auto mid_cases = generate_demo_cases(1, mid.county, mid.households, kToday);
  EXPECT_GE(mid_cases.size(), 230u);
  EXPECT_LE(mid_cases.size(), 380u);
  EXPECT_GE(big_run().size(), 2600u);
  EXPECT_LE(big_run().size(), 3400u);
  const auto one_year =
      generate_demo_cases(7, big_world().county, big_world().households, kToday, 365);
  EXPECT_GE(one_year.size(), 1050u);  // the recent, quieter year
  EXPECT_LE(one_year.size(), 1600u);
  const auto doubled =
      generate_demo_cases(7, big_world().county, big_world().households, kToday, 365, 3000);
  EXPECT_GT(doubled.size(), one_year.size() * 17 / 10);  // the rate is a parameter
  EXPECT_LT(doubled.size(), one_year.size() * 23 / 10);
}

TEST(DemoCases, EveryCasePassesTheDomainChecks) {
  const int64_t end_of_today = domain::day_start_ms(domain::add_days(kToday, 1));
  std::set<std::string> places;
  for (const auto& u : big_world().county.units) {
    using K = domain::OrgKind;
    if (u.kind == K::kVillage || u.kind == K::kCommunity || u.kind == K::kClass) {
      places.insert(u.code);
    }
  }
  std::set<std::string> numbers;
  for (const auto& c : big_run()) {
    const auto problem = domain::check_case(to_fraud_case(c), end_of_today);
    EXPECT_FALSE(problem) << c.case_number << ": " << problem->field << " " << problem->message;
    EXPECT_EQ(domain::normalize_case_number(c.case_number), c.case_number);
    EXPECT_TRUE(numbers.insert(c.case_number).second) << c.case_number;
    EXPECT_LT(demo_case_reported_ms(c, kToday), end_of_today);
    EXPECT_GE(c.report_delay_minutes, 0);
    EXPECT_TRUE(c.minute_of_day >= 0 && c.minute_of_day < 1440);
    EXPECT_TRUE(c.days_ago >= 0 && c.days_ago < kDemoCaseDays);
    EXPECT_TRUE(places.contains(c.unit_code)) << c.unit_code;
    EXPECT_GT(c.loss_fen, 0);
    EXPECT_LE(c.stopped_fen + c.returned_fen, c.loss_fen);
    EXPECT_FALSE(c.notes.empty());
    EXPECT_NE(c.victim.has_value(), c.victim_age.has_value());
  }
}

TEST(DemoCases, MostCasesAreReportedTheSameDay) {
  int same_day = 0;
  for (const auto& c : big_run()) {
    same_day += c.report_delay_minutes < 1440 ? 1 : 0;
  }
  EXPECT_GT(same_day, static_cast<int>(big_run().size()) * 7 / 10);
}

TEST(DemoCases, KnownVictimsLiveWhereTheCaseIs) {
  const auto& w = mid_world();
  const auto cases = generate_demo_cases(5, w.county, w.households, kToday);
  int known = 0;
  std::set<std::pair<size_t, size_t>> seen;
  for (const auto& c : cases) {
    if (!c.victim) {
      continue;
    }
    ++known;
    ASSERT_LT(c.victim->household, w.households.size());
    const auto& h = w.households[c.victim->household];
    ASSERT_LT(c.victim->member, h.members.size());
    const auto& p = h.members[c.victim->member];
    const bool at_home = w.village_of(h.unit_code) == c.unit_code;
    const bool at_class =
        p.link_role == domain::LinkRole::kStudent && p.link_unit_code == c.unit_code;
    EXPECT_TRUE(at_home || at_class) << c.unit_code;
    EXPECT_EQ(p.sex, c.victim_sex);
    EXPECT_TRUE(seen.insert({c.victim->household, c.victim->member}).second);
    const int age = domain::age_on(p.birth_date, domain::add_days(kToday, -c.days_ago));
    const auto has = [&](domain::PersonTag t) { return (p.tags & domain::person_tag_bit(t)) != 0; };
    switch (c.victim_group) {
      case VictimGroup::kStudent:
        EXPECT_TRUE(has(domain::PersonTag::kStudent) || p.link_role == domain::LinkRole::kStudent);
        EXPECT_LE(age, 22);
        break;
      case VictimGroup::kElderly:
        EXPECT_GE(age, 60);
        break;
      case VictimGroup::kFinanceStaff:
        EXPECT_TRUE(has(domain::PersonTag::kFinanceStaff));
        break;
      case VictimGroup::kEnterpriseHead:
        EXPECT_TRUE(has(domain::PersonTag::kEnterpriseHead));
        break;
      case VictimGroup::kWorkerAway:
        EXPECT_TRUE(has(domain::PersonTag::kWorkingAway));
        break;
      case VictimGroup::kPublicStaff:
        EXPECT_EQ(p.link_role, domain::LinkRole::kStaff);
        break;
      case VictimGroup::kOther:
        EXPECT_LT(age, 60);
        break;
    }
    if (c.fraud_type == FraudType::kGameTrading) {
      EXPECT_LE(age, 40);
    }
  }
  EXPECT_GE(known, static_cast<int>(cases.size()) * 45 / 100);
  EXPECT_LE(known, static_cast<int>(cases.size()) * 75 / 100);
}

TEST(DemoCases, UnknownVictimsHaveFittingAges) {
  for (const auto& c : big_run()) {
    if (!c.victim_age) {
      continue;
    }
    const int age = *c.victim_age;
    if (c.victim_group == VictimGroup::kStudent) {
      EXPECT_TRUE(age >= 10 && age <= 22) << age;
    } else if (c.victim_group == VictimGroup::kElderly) {
      EXPECT_GE(age, 60);
    } else {
      EXPECT_TRUE(age >= 18 && age < 70) << age;
    }
    if (c.victim_group == VictimGroup::kOther) {
      EXPECT_EQ(domain::default_victim_group(age), VictimGroup::kOther);
    }
  }
}

// "Two drops": the recent year has 15–25 % fewer cases, and less loss.
TEST(DemoCases, TheSecondYearHasFewerCasesAndLessLoss) {
  int first = 0, second = 0;
  int64_t first_loss = 0, second_loss = 0;
  for (const auto& c : big_run()) {
    (c.days_ago >= 365 ? first : second) += 1;
    (c.days_ago >= 365 ? first_loss : second_loss) += c.loss_fen;
  }
  EXPECT_LT(second, first * 88 / 100);
  EXPECT_GT(second, first * 70 / 100);
  EXPECT_LT(second_loss, first_loss * 95 / 100);
}

TEST(DemoCases, HighIncidenceTypesDominate) {
  std::map<FraudType, int> by_type;
  int high = 0;
  for (const auto& c : big_run()) {
    ++by_type[c.fraud_type];
    high += domain::is_high_incidence(c.fraud_type) ? 1 : 0;
  }
  const double share = static_cast<double>(high) / static_cast<double>(big_run().size());
  EXPECT_GT(share, 0.55);
  EXPECT_LT(share, 0.75);
  EXPECT_GE(by_type.size(), 18u);  // the long tail shows up too
  const auto top =
      std::max_element(by_type.begin(), by_type.end(),
                       [](const auto& a, const auto& b) { return a.second < b.second; });
  EXPECT_TRUE(domain::is_high_incidence(top->first));
}

TEST(DemoCases, AHandfulOfLargeCasesEveryYear) {
  std::array<int, 2> large{};  // first year, second year
  int investment_or_boss = 0;
  for (const auto& c : big_run()) {
    if (c.loss_fen < domain::kDefaultLargeCaseFen) {
      continue;
    }
    ++large[c.days_ago >= 365 ? 0 : 1];
    investment_or_boss += c.fraud_type == FraudType::kInvestmentGambling ||
                                  c.fraud_type == FraudType::kBossImpersonation
                              ? 1
                              : 0;
  }
  for (int n : large) {
    EXPECT_GE(n, 1);
    EXPECT_LE(n, 20);
  }
  EXPECT_GT(investment_or_boss * 2, large[0] + large[1]);
}

TEST(DemoCases, LossesSpreadLikeARealCounty) {
  std::vector<int64_t> losses;
  for (const auto& c : big_run()) {
    losses.push_back(c.loss_fen);
  }
  std::sort(losses.begin(), losses.end());
  const int64_t median = losses[losses.size() / 2];
  EXPECT_GT(median, 300'000);    // 3,000 yuan
  EXPECT_LT(median, 3'000'000);  // 30,000 yuan
  EXPECT_GT(losses[losses.size() * 95 / 100], 10 * median);
}

TEST(DemoCases, FollowsTheSeasons) {
  std::map<int, int> by_month;
  int summer_games = 0, other_games = 0;
  for (const auto& c : big_run()) {
    const int m = month_of(c);
    ++by_month[m];
    if (c.fraud_type == FraudType::kGameTrading) {
      (m == 7 || m == 8 ? summer_games : other_games) += 1;
    }
  }
  // Two Januaries and Februaries (2025, 2026: 59 + 28 + 31 + 31 days) against two Aprils
  // and Mays (2024, 2025: 61 + 61 days) in the window ending 2026-03-10.
  const double jan_feb = (by_month[1] + by_month[2]) / 118.0;
  const double apr_may = (by_month[4] + by_month[5]) / 122.0;
  EXPECT_GT(jan_feb, 1.2 * apr_may);
  const double summer_rate = summer_games / 124.0;  // two Julys and Augusts
  const double other_rate = other_games / (730.0 - 124.0);
  EXPECT_GT(summer_rate, 1.5 * other_rate);
}

TEST(DemoCases, TownshipsAreUneven) {
  const auto& w = big_world();
  std::map<std::string, int> households;  // township code → planned households
  for (const auto& [code, n] : w.county.household_plan) {
    households[w.units.at(w.village_of(code))->parent_code] += n;
  }
  std::map<std::string, int> cases;
  for (const auto& c : big_run()) {
    const std::string village = w.village_of(c.unit_code);
    if (!village.empty()) {
      ++cases[w.units.at(village)->parent_code];
    }
  }
  double low = 1e9, high = 0, street = 0, township = 0;
  int street_households = 0, township_households = 0;
  for (const auto& [code, n] : households) {
    const double rate = cases[code] / static_cast<double>(n);
    const bool urban = w.units.at(code)->kind == domain::OrgKind::kStreet;
    if (!urban) {  // townships differ among themselves, not only from the streets
      low = std::min(low, rate);
      high = std::max(high, rate);
    }
    (urban ? street : township) += cases[code];
    (urban ? street_households : township_households) += n;
  }
  EXPECT_GT(high, 2.0 * low);
  EXPECT_GT(street / street_households, township / township_households);
}

TEST(DemoCases, ChannelsFitTheTypes) {
  int refunds = 0, refunds_by_phone = 0;
  for (const auto& c : big_run()) {
    if (c.fraud_type == FraudType::kShoppingRefund) {
      ++refunds;
      refunds_by_phone += c.channel == domain::CaseChannel::kPhoneCall ? 1 : 0;
    }
    if (c.fraud_type == FraudType::kClickFarming ||
        c.fraud_type == FraudType::kInvestmentGambling) {
      EXPECT_NE(c.channel, domain::CaseChannel::kPhoneCall);
      EXPECT_NE(c.channel, domain::CaseChannel::kInPerson);
    }
    if (c.fraud_type == FraudType::kElderlyProducts) {
      EXPECT_EQ(c.victim_group, VictimGroup::kElderly);
    }
  }
  EXPECT_GT(refunds_by_phone * 10, refunds * 7);
}

TEST(DemoCases, StopPaymentReturnsAndStatusesLookReal) {
  int stopped = 0, resolved_old = 0, old = 0, resolved_new = 0, fresh = 0;
  for (const auto& c : big_run()) {
    stopped += c.stopped_fen > 0 ? 1 : 0;
    EXPECT_LT(c.stopped_fen, c.loss_fen);  // partial
    const bool resolved = c.status == CaseStatus::kSolved || c.status == CaseStatus::kClosed;
    if (c.returned_fen > 0) {
      EXPECT_TRUE(resolved) << c.case_number;
    }
    if (c.days_ago >= 365) {
      ++old;
      resolved_old += resolved ? 1 : 0;
    } else if (c.days_ago < 60) {
      ++fresh;
      resolved_new += resolved ? 1 : 0;
    }
  }
  const double share = stopped / static_cast<double>(big_run().size());
  EXPECT_GT(share, 0.15);
  EXPECT_LT(share, 0.40);
  EXPECT_GT(resolved_old * fresh, 2 * resolved_new * old);
}

TEST(DemoCases, SuspectAccountsLookReal) {
  std::map<domain::SuspectAccountKind, int> kinds;
  for (const auto& c : big_run()) {
    EXPECT_GE(c.suspect_accounts.size(), 1u);
    EXPECT_LE(c.suspect_accounts.size(), 3u);
    for (const auto& a : c.suspect_accounts) {
      ++kinds[a.kind];
      EXPECT_FALSE(a.holder.empty());
      if (a.kind == domain::SuspectAccountKind::kBankCard) {
        EXPECT_GE(a.number.size(), 16u);
        EXPECT_LE(a.number.size(), 19u);
        EXPECT_EQ(a.number.find_first_not_of("0123456789"), std::string::npos) << a.number;
        EXPECT_TRUE(luhn_valid(a.number)) << a.number;
      }
    }
  }
  EXPECT_GT(kinds[domain::SuspectAccountKind::kBankCard],
            kinds[domain::SuspectAccountKind::kPaymentAccount]);
  EXPECT_GT(kinds[domain::SuspectAccountKind::kPaymentAccount], 0);
  EXPECT_GT(kinds[domain::SuspectAccountKind::kVirtualCurrency], 0);
}

TEST(DemoCases, NothingToGenerate) {
  const auto& w = small_world();
  EXPECT_TRUE(generate_demo_cases(1, w.county, w.households, kToday, 0).empty());
  EXPECT_TRUE(generate_demo_cases(1, generate_demo_county(1, 0), {}, kToday).empty());
  EXPECT_TRUE(generate_demo_cases(1, DemoCounty{}, {}, kToday).empty());
  // Without residents every victim is known by age, sex and group only.
  const auto anonymous = generate_demo_cases(1, w.county, {}, kToday);
  EXPECT_FALSE(anonymous.empty());
  for (const auto& c : anonymous) {
    EXPECT_FALSE(c.victim);
    EXPECT_TRUE(c.victim_age);
  }
}

}  // namespace
}  // namespace fanzha::demo
