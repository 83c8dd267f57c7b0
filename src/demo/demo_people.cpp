#include "demo/demo_people.h"

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

#include "common/random.h"
#include "common/text.h"
#include "domain/resident_id.h"

namespace fanzha::demo {

namespace {

using domain::PersonTag;
using domain::Sex;

constexpr std::array<std::string_view, 40> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
    "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
    "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡"};
constexpr std::array<std::string_view, 36> kMaleNames = {
    "伟",   "强",   "磊",   "军",   "勇",   "杰",   "涛",   "明",   "超",   "刚",   "平",   "辉",
    "建国", "建华", "志强", "国庆", "春生", "文斌", "晓东", "海波", "永刚", "德明", "子涵", "浩然",
    "宇轩", "俊杰", "家豪", "文博", "天佑", "明轩", "国强", "长青", "世杰", "立新", "振华", "宏伟"};
constexpr std::array<std::string_view, 36> kFemaleNames = {
    "芳",   "娜",   "敏",   "静",   "丽",   "艳",   "娟",   "霞",   "秀英", "桂英", "玉兰", "红梅",
    "海燕", "雪梅", "春花", "秀兰", "丽华", "淑珍", "美玲", "晓红", "婷婷", "欣怡", "梓涵", "诗涵",
    "雨萱", "佳怡", "思琪", "一诺", "若曦", "慧敏", "凤英", "翠兰", "金凤", "巧云", "彩霞", "月娥"};
// Most residents were born in the county; some came from elsewhere in the province.
constexpr std::array<std::string_view, 5> kOtherRegions = {"341822", "340102", "341502", "340823",
                                                           "342501"};
constexpr std::array<int, 6> kHouseholdSizeWeights = {10, 20, 25, 22, 15, 8};  // sizes 1…6
constexpr std::array<double, 6> kVillageCoverages = {0.35, 0.55, 0.7, 0.8, 0.9, 0.97};
constexpr std::array kHighIncidence = {
    domain::FraudType::kOnlineLoan, domain::FraudType::kInvestmentGambling,
    domain::FraudType::kClickFarming, domain::FraudType::kShoppingRefund};

class Generator {
 public:
  Generator(const DemoCounty& county, uint64_t seed, domain::DateNumber today)
      : county_(county), random_(seed ^ 0x5eed'0f'4a11ULL), today_(today) {
    for (const auto& unit : county.units) {
      units_.emplace(unit.code, &unit);
      using K = domain::OrgKind;
      if (unit.kind == K::kClass) {
        // Middle-school classes by grade (…-S01-G1-C01), college classes apart.
        const bool middle = unit.code.find("-S01-") != std::string::npos;
        const size_t grade =
            middle ? static_cast<size_t>(unit.code[unit.code.find("-G") + 2] - '1') : 3;
        if (grade < classes_.size()) {
          classes_[grade].push_back(unit.code);
        }
      } else if (unit.kind == K::kDepartment || unit.kind == K::kBankBranch ||
                 unit.kind == K::kEnterprise || unit.kind == K::kTelecomShop) {
        workplaces_.push_back(unit.code);
      }
    }
  }

  void run(const std::function<void(const DemoHousehold&)>& emit);

 private:
  bool chance(double p) { return static_cast<double>(random_.uniform(1'000'000)) < p * 1'000'000; }
  int between(int low, int high) {
    return low + static_cast<int>(random_.uniform(static_cast<uint64_t>(high - low + 1)));
  }
  template <typename T, size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[random_.uniform(N)];
  }

  DemoPerson person(const std::string& surname, Sex sex, int age, std::string relation);
  std::string resident_id(domain::DateNumber birth, Sex sex);
  std::string phone();
  void add_visits(DemoHousehold& household, double coverage);

  const DemoCounty& county_;
  SeededRandom random_;
  domain::DateNumber today_;
  std::unordered_map<std::string, const domain::OrgImportRow*> units_;
  std::unordered_map<std::string, int> next_sequence_;  // region+birth date → sequences used
  std::map<std::string, int> household_numbers_;        // village code → numbers used
  std::map<std::string, double> coverage_;              // village code → coverage target
  std::array<std::vector<std::string>, 4> classes_;     // grades 初一…初三, then college
  std::vector<std::string> workplaces_;                 // departments, banks, enterprises
};

std::string Generator::resident_id(domain::DateNumber birth, Sex sex) {
  const std::string region = chance(0.9) ? "349901" : std::string(pick(kOtherRegions));
  // Sequence numbers count up per region and birth date, so numbers never repeat.
  int& used = next_sequence_[region + std::to_string(birth) + (sex == Sex::kMale ? "m" : "f")];
  const int sequence = (used++ * 2 + (sex == Sex::kMale ? 1 : 2)) % 1000;
  const std::string first17 = region + std::to_string(birth) + zero_pad(sequence, 3);
  return first17 + domain::resident_id_check_char(first17);
}

std::string Generator::phone() {
  static constexpr std::array<std::string_view, 12> kPrefixes = {
      "130", "133", "135", "136", "138", "139", "150", "152", "158", "177", "186", "189"};
  return std::string(pick(kPrefixes)) + zero_pad(static_cast<int>(random_.uniform(100'000'000)), 8);
}

DemoPerson Generator::person(const std::string& surname, Sex sex, int age, std::string relation) {
  age = std::clamp(age, 0, 99);
  const int year = today_ / 10000 - age;
  int month = between(1, 12);
  int day = between(1, 28);
  // Keep the age exact: a birthday later this year means one year more.
  if (month * 100 + day > today_ % 10000) {
    month = between(1, std::max(1, today_ / 100 % 100));
    day = 1;
  }
  DemoPerson p;
  p.sex = sex;
  p.birth_date = year * 10000 + month * 100 + day;
  p.name = surname + std::string(sex == Sex::kMale ? pick(kMaleNames) : pick(kFemaleNames));
  p.id_number = resident_id(p.birth_date, sex);
  p.phone = age >= 14 && chance(0.8) ? phone() : "";
  p.relation = std::move(relation);
  if (age >= 6 && age <= 22) {
    p.tags |= domain::person_tag_bit(PersonTag::kStudent);
  }
  if (age >= 18 && age <= 50 && chance(0.2)) {
    p.tags |= domain::person_tag_bit(PersonTag::kWorkingAway);
  }
  if (age >= 25 && age <= 60 && chance(0.03)) {
    p.tags |= domain::person_tag_bit(PersonTag::kShopOwner);
  }
  if (age >= 25 && age <= 55 && chance(0.01)) {
    p.tags |= domain::person_tag_bit(PersonTag::kFinanceStaff);
  }
  if (age >= 30 && age <= 65 && chance(0.005)) {
    p.tags |= domain::person_tag_bit(PersonTag::kEnterpriseHead);
  }
  // Pupils of the county's middle school and college, and staff of its departments,
  // banks and enterprises, so that school and unit users have people to see.
  const auto& grade =
      age >= 12 && age <= 14 ? classes_[static_cast<size_t>(age - 12)] : classes_[3];
  if (((age >= 12 && age <= 14 && chance(0.4)) || (age >= 18 && age <= 20 && chance(0.1))) &&
      !grade.empty()) {
    p.link_unit_code = grade[random_.uniform(grade.size())];
    p.link_role = domain::LinkRole::kStudent;
  } else if (age >= 23 && age <= 58 && chance(0.02) && !workplaces_.empty()) {
    p.link_unit_code = workplaces_[random_.uniform(workplaces_.size())];
    p.link_role = domain::LinkRole::kStaff;
  }
  return p;
}

void Generator::add_visits(DemoHousehold& h, double coverage) {
  if (!chance(coverage)) {
    return;
  }
  const int visits = chance(0.15) ? 2 : 1;
  for (int i = 0; i < visits; ++i) {
    DemoVisit v;
    v.days_ago = between(0, kDemoCampaignDaysBefore - 1);
    v.minute_of_day = between(8 * 60, 19 * 60);
    v.face_to_face = chance(0.85);
    v.letter_signed = chance(v.face_to_face ? 0.75 : 0.3);
    v.topics = domain::fraud_type_bit(pick(kHighIncidence));
    for (int t = between(1, 3); t > 0; --t) {
      v.topics |= domain::fraud_type_bit(
          domain::all_fraud_types()[random_.uniform(domain::all_fraud_types().size())]);
    }
    if (chance(0.9)) {
      v.materials |= domain::visit_material_bit(domain::VisitMaterial::kNotice);
    }
    if (chance(0.7)) {
      v.materials |= domain::visit_material_bit(domain::VisitMaterial::kLeaflet);
    }
    if (chance(0.4)) {
      v.materials |= domain::visit_material_bit(domain::VisitMaterial::kAppGuide);
    }
    if (v.face_to_face) {
      v.members_met.push_back(0);
      for (size_t m = 1; m < h.members.size(); ++m) {
        if (chance(0.5)) {
          v.members_met.push_back(static_cast<int>(m));
        }
      }
    }
    h.visits.push_back(std::move(v));
  }
}

void Generator::run(const std::function<void(const DemoHousehold&)>& emit) {
  int total_weight = 0;
  for (int w : kHouseholdSizeWeights) {
    total_weight += w;
  }
  for (const auto& [unit_code, households] : county_.household_plan) {
    const auto* unit = units_.at(unit_code);
    // The village or community: a group's parent, or a building's grid's parent.
    const auto* village = units_.at(unit->parent_code);
    if (village->kind == domain::OrgKind::kGrid) {
      village = units_.at(village->parent_code);
    }
    const auto* township = units_.at(village->parent_code);
    auto coverage = coverage_.find(village->code);
    if (coverage == coverage_.end()) {
      const double jitter = (static_cast<double>(random_.uniform(101)) - 50) / 1000.0;
      coverage =
          coverage_.emplace(village->code, std::clamp(pick(kVillageCoverages) + jitter, 0.0, 1.0))
              .first;
    }
    for (int i = 0; i < households; ++i) {
      DemoHousehold h;
      h.unit_code = unit_code;
      const int number = ++household_numbers_[village->code];
      h.number = zero_pad(number, 4);
      h.address =
          "安澜县" + township->name + village->name + unit->name + std::to_string(number) + "号";
      int draw = static_cast<int>(random_.uniform(static_cast<uint64_t>(total_weight)));
      int size = 1;
      while (draw >= kHouseholdSizeWeights[static_cast<size_t>(size - 1)]) {
        draw -= kHouseholdSizeWeights[static_cast<size_t>(size - 1)];
        ++size;
      }
      const std::string surname(pick(kSurnames));
      const int head_age = between(size == 1 ? 20 : 28, 84);
      const Sex head_sex = chance(0.75) ? Sex::kMale : Sex::kFemale;
      const Sex other_sex = head_sex == Sex::kMale ? Sex::kFemale : Sex::kMale;
      h.members.push_back(person(surname, head_sex, head_age, "户主"));
      if (size == 1 && head_age >= 60) {
        h.members[0].tags |= domain::person_tag_bit(PersonTag::kElderlyAlone);
      }
      if (size >= 2) {
        h.members.push_back(
            person(std::string(pick(kSurnames)), other_sex, head_age + between(-5, 4), "配偶"));
      }
      while (static_cast<int>(h.members.size()) < size) {
        const int slot = static_cast<int>(h.members.size());
        if (slot <= 3 && head_age >= 22) {
          const Sex sex = chance(0.5) ? Sex::kMale : Sex::kFemale;
          h.members.push_back(
              person(surname, sex, head_age - between(22, 34), sex == Sex::kMale ? "子" : "女"));
        } else if (head_age >= 55) {
          const Sex sex = chance(0.5) ? Sex::kMale : Sex::kFemale;
          h.members.push_back(person(surname, sex, head_age - between(45, 55),
                                     sex == Sex::kMale ? "孙子" : "孙女"));
        } else {
          const Sex sex = chance(0.5) ? Sex::kMale : Sex::kFemale;
          h.members.push_back(person(sex == Sex::kMale ? surname : std::string(pick(kSurnames)),
                                     sex, head_age + between(22, 32),
                                     sex == Sex::kMale ? "父亲" : "母亲"));
        }
      }
      add_visits(h, coverage->second);
      emit(h);
    }
  }
}

}  // namespace

void generate_demo_households(const DemoCounty& county, uint64_t seed, domain::DateNumber today,
                              const std::function<void(const DemoHousehold&)>& emit) {
  Generator(county, seed, today).run(emit);
}

}  // namespace fanzha::demo
