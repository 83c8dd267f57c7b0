#include "demo/demo_county.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <string_view>

#include "common/random.h"
#include "common/text.h"
#include "domain/user.h"

namespace fanzha::demo {

using domain::OrgKind;
using domain::Role;

namespace {

constexpr std::string_view kCountyCode = "349901";
constexpr std::string_view kCountyName = "安澜县";

constexpr std::array<std::string_view, 2> kStreets = {"东城街道", "西城街道"};
constexpr std::array<std::string_view, 10> kTownships = {"城关镇", "青山镇", "白马镇", "柳河镇",
                                                         "石桥乡", "高河镇", "龙泉镇", "桃花乡",
                                                         "新丰镇", "双河乡"};
constexpr int kCommunitiesPerStreet = 8;
constexpr int kVillageCount = 150 - kCommunitiesPerStreet * static_cast<int>(kStreets.size());

constexpr std::array<std::string_view, 40> kVillageStems = {
    "柳树", "桃园", "石门", "黄泥", "大塘", "新河", "白沙", "双桥", "红星", "金牛",
    "凤凰", "长岭", "青龙", "万安", "河口", "松林", "梅山", "荷花", "杨湾", "枣林",
    "马岗", "东升", "前进", "团结", "丰收", "兴隆", "太平", "永安", "五里", "三河",
    "竹园", "李庄", "王集", "陈湾", "赵店", "周圩", "吴岭", "孙岗", "高桥", "罗塘"};
constexpr std::array<std::string_view, 8> kVillageSuffixes = {"",   "东", "西", "南",
                                                              "北", "上", "下", "新"};
constexpr std::array<std::string_view, 16> kCommunityStems = {
    "和平", "建设", "人民", "解放", "文昌", "滨河", "花园", "幸福",
    "光明", "阳光", "锦绣", "东门", "西门", "南苑", "北关", "书院"};

constexpr std::array<std::string_view, 12> kDepartments = {
    "县委政法委", "县公安局",     "县教育局", "县民政局",     "县人社局", "县卫健委",
    "县医保局",   "县市场监管局", "县财政局", "县农业农村局", "县住建局", "县交通运输局"};
constexpr std::array<std::string_view, 6> kBanks = {
    "中国工商银行", "中国农业银行", "中国银行", "中国建设银行", "中国邮政储蓄银行", "安澜农商银行"};
constexpr std::array<std::string_view, 3> kCarriers = {"中国移动", "中国联通", "中国电信"};
constexpr std::array<std::string_view, 4> kEnterprises = {
    "安澜县宏达建材有限公司", "安澜县绿源农业科技有限公司", "安澜县恒通物流有限公司",
    "安澜县华美服饰有限公司"};

constexpr std::array<std::string_view, 30> kAccountSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"};
constexpr std::array<std::string_view, 30> kGivenNames = {
    "伟",   "芳",   "娜",   "敏",   "静",   "丽",   "强",   "磊",   "军",   "洋",
    "勇",   "艳",   "杰",   "涛",   "明",   "超",   "秀英", "华",   "建国", "建华",
    "玉兰", "桂英", "志强", "海燕", "晓东", "文斌", "红梅", "春生", "雪梅", "国庆"};

class Builder {
 public:
  Builder(uint64_t seed, int households) : random_(seed), households_(households) {}

  DemoCounty build();

 private:
  void add(std::string code, std::string parent_code, std::string name, OrgKind kind) {
    county_.units.push_back({0, std::move(code), std::move(parent_code), std::move(name), kind});
  }
  std::string person_name() {
    return std::string(kAccountSurnames[random_.uniform(kAccountSurnames.size())]) +
           std::string(kGivenNames[random_.uniform(kGivenNames.size())]);
  }
  std::string unique_village_name();
  // Splits `total` households over `parts` units with weights between 0.5 and 1.5.
  std::vector<int> split(int total, int parts);
  void add_village(const std::string& township_code, int index, int households);
  void add_community(const std::string& street_code, int index, int households);
  void add_sector_units();
  void add_schools();
  void add_accounts();

  SeededRandom random_;
  int households_;
  DemoCounty county_;
  std::set<std::string> used_names_;
  std::vector<std::string> township_codes_;
  std::vector<std::string> first_township_villages_;
};

std::vector<int> Builder::split(int total, int parts) {
  std::vector<double> weights(static_cast<size_t>(parts));
  double sum = 0;
  for (auto& w : weights) {
    w = 0.5 + static_cast<double>(random_.uniform(1001)) / 1000.0;
    sum += w;
  }
  std::vector<int> out;
  int assigned = 0;
  for (int i = 0; i < parts; ++i) {
    const int share =
        i + 1 == parts
            ? total - assigned
            : static_cast<int>(std::lround(total * weights[static_cast<size_t>(i)] / sum));
    out.push_back(std::max(share, 0));
    assigned += out.back();
  }
  return out;
}

std::string Builder::unique_village_name() {
  while (true) {
    std::string name = std::string(kVillageStems[random_.uniform(kVillageStems.size())]) +
                       std::string(kVillageSuffixes[random_.uniform(kVillageSuffixes.size())]) +
                       "村";
    if (used_names_.insert(name).second) {
      return name;
    }
  }
}

void Builder::add_village(const std::string& township_code, int index, int households) {
  const std::string code = township_code + zero_pad(200 + index, 3);
  add(code, township_code, unique_village_name(), OrgKind::kVillage);
  if (township_code == township_codes_.front()) {
    first_township_villages_.push_back(code);
  }
  constexpr int kHouseholdsPerGrid = 120;
  constexpr int kHouseholdsPerGroup = 45;
  // Codes give each of grids and groups a block of 99 numbers under the village.
  const int grids =
      std::clamp(static_cast<int>(std::lround(households / double(kHouseholdsPerGrid))), 1, 99);
  const int groups =
      std::clamp(static_cast<int>(std::lround(households / double(kHouseholdsPerGroup))), 2, 99);
  for (int g = 1; g <= grids; ++g) {
    add(code + zero_pad(100 + g, 3), code, "第" + chinese_number(g) + "网格", OrgKind::kGrid);
  }
  const auto group_households = split(households, groups);
  for (int g = 1; g <= groups; ++g) {
    const std::string group_code = code + zero_pad(200 + g, 3);
    add(group_code, code, chinese_number(g) + "组", OrgKind::kVillageGroup);
    county_.household_plan.emplace_back(group_code, group_households[static_cast<size_t>(g - 1)]);
  }
}

void Builder::add_community(const std::string& street_code, int index, int households) {
  const std::string code = street_code + zero_pad(index, 3);
  add(code, street_code,
      std::string(kCommunityStems[static_cast<size_t>(index - 1) % kCommunityStems.size()]) +
          (index > static_cast<int>(kCommunityStems.size()) ? "二" : "") + "社区",
      OrgKind::kCommunity);
  constexpr int kHouseholdsPerGrid = 150;
  constexpr int kHouseholdsPerBuilding = 40;
  constexpr int kMaxBuildings = 699;  // codes 301…999 under the community
  const int grids =
      std::clamp(static_cast<int>(std::lround(households / double(kHouseholdsPerGrid))), 2, 99);
  const auto grid_households = split(households, grids);
  int building = 0;
  for (int g = 1; g <= grids; ++g) {
    const std::string grid_code = code + zero_pad(100 + g, 3);
    add(grid_code, code, "第" + chinese_number(g) + "网格", OrgKind::kGrid);
    const int buildings =
        std::max(1, static_cast<int>(std::lround(grid_households[static_cast<size_t>(g - 1)] /
                                                 double(kHouseholdsPerBuilding))));
    const auto building_households = split(grid_households[static_cast<size_t>(g - 1)], buildings);
    for (int b = 0; b < buildings; ++b) {
      if (building >= kMaxBuildings) {
        // Out of building codes: the rest of the grid's households join the last one.
        county_.household_plan.back().second += building_households[static_cast<size_t>(b)];
        continue;
      }
      ++building;
      const std::string building_code = code + zero_pad(300 + building, 3);
      add(building_code, grid_code, std::to_string(building) + "号楼", OrgKind::kBuilding);
      county_.household_plan.emplace_back(building_code,
                                          building_households[static_cast<size_t>(b)]);
    }
  }
}

void Builder::add_sector_units() {
  const std::string county(kCountyCode);
  for (size_t i = 0; i < kDepartments.size(); ++i) {
    add(county + "-D" + zero_pad(static_cast<int>(i) + 1, 2), county, std::string(kDepartments[i]),
        OrgKind::kDepartment);
  }
  // A county branch of every bank, and a township branch of the farmers' banks.
  int bank = 0;
  for (const auto& name : kBanks) {
    add(county + "-B" + zero_pad(++bank, 2), county, std::string(name) + "安澜县支行",
        OrgKind::kBankBranch);
  }
  for (size_t t = 0; t < 4; ++t) {
    const std::string& township = township_codes_[t];
    add(county + "-B" + zero_pad(++bank, 2), township,
        std::string(kBanks[kBanks.size() - 1 - t % 2]) + std::string(kTownships[t]) + "支行",
        OrgKind::kBankBranch);
  }
  int shop = 0;
  for (const auto& carrier : kCarriers) {
    add(county + "-T" + zero_pad(++shop, 2), county, std::string(carrier) + "安澜县城区营业厅",
        OrgKind::kTelecomShop);
  }
  add(county + "-T" + zero_pad(++shop, 2), township_codes_[1], "中国移动青山镇营业厅",
      OrgKind::kTelecomShop);
  for (size_t i = 0; i < kEnterprises.size(); ++i) {
    add(county + "-E" + zero_pad(static_cast<int>(i) + 1, 2), county, std::string(kEnterprises[i]),
        OrgKind::kEnterprise);
  }
}

void Builder::add_schools() {
  const std::string county(kCountyCode);
  const std::string school = county + "-S01";
  add(school, county, "安澜县第一中学", OrgKind::kSchool);
  constexpr std::array<std::string_view, 3> kGrades = {"初一", "初二", "初三"};
  constexpr int kClassesPerGrade = 6;
  for (size_t g = 0; g < kGrades.size(); ++g) {
    const std::string grade = school + "-G" + std::to_string(g + 1);
    add(grade, school, std::string(kGrades[g]) + "年级", OrgKind::kCollege);
    for (int c = 1; c <= kClassesPerGrade; ++c) {
      add(grade + "-C" + zero_pad(c, 2), grade,
          std::string(kGrades[g]) + "(" + std::to_string(c) + ")班", OrgKind::kClass);
    }
  }
  add(school + "-R01", school, "男生宿舍楼", OrgKind::kDorm);
  add(school + "-R02", school, "女生宿舍楼", OrgKind::kDorm);

  const std::string college = county + "-S02";
  add(college, county, "安澜职业技术学院", OrgKind::kSchool);
  constexpr std::array<std::string_view, 2> kColleges = {"信息工程学院", "经济管理学院"};
  constexpr std::array<std::string_view, 2> kMajors = {"计算机应用", "电子商务"};
  for (size_t i = 0; i < kColleges.size(); ++i) {
    const std::string code = college + "-G" + std::to_string(i + 1);
    add(code, college, std::string(kColleges[i]), OrgKind::kCollege);
    for (int c = 1; c <= 3; ++c) {
      add(code + "-C" + zero_pad(c, 2), code,
          "2025级" + std::string(kMajors[i]) + std::to_string(c) + "班", OrgKind::kClass);
    }
    add(code + "-R01", code, std::to_string(i + 1) + "号学生公寓", OrgKind::kDorm);
  }
}

void Builder::add_accounts() {
  const std::string county(kCountyCode);
  struct Spec {
    Role role;
    std::string username;
    std::string unit_code;
  };
  const std::vector<Spec> specs = {
      {Role::kAdmin, "admin", county},
      {Role::kPolice, "police", county},
      {Role::kStation, "station01", township_codes_.front()},
      {Role::kTownship, "township01", township_codes_.front()},
      {Role::kVillage, "village01", first_township_villages_.at(0)},
      {Role::kVillage, "village02", first_township_villages_.at(1)},
      {Role::kUnit, "unit01", county + "-B01"},
      {Role::kSchool, "school01", county + "-S01"},
      {Role::kViewer, "viewer", county},
  };
  for (const auto& spec : specs) {
    DemoAccount account{spec.role, spec.username, person_name(), spec.unit_code, ""};
    do {
      account.password = domain::generate_password(random_);
    } while (domain::check_password(account.password, account.username));
    county_.accounts.push_back(std::move(account));
  }
}

DemoCounty Builder::build() {
  county_.households = households_;
  const std::string county(kCountyCode);
  add(county, "", std::string(kCountyName), OrgKind::kCounty);
  std::vector<std::string> street_codes;
  for (size_t i = 0; i < kStreets.size(); ++i) {
    street_codes.push_back(county + zero_pad(static_cast<int>(i) + 1, 3));
    add(street_codes.back(), county, std::string(kStreets[i]), OrgKind::kStreet);
  }
  for (size_t i = 0; i < kTownships.size(); ++i) {
    township_codes_.push_back(county + zero_pad(100 + static_cast<int>(i), 3));
    add(township_codes_.back(), county, std::string(kTownships[i]), OrgKind::kTownship);
  }
  // About a fifth of the households live in the two streets' communities.
  const int street_households = households_ / 5;
  const auto per_community =
      split(street_households, kCommunitiesPerStreet * static_cast<int>(kStreets.size()));
  for (size_t s = 0; s < street_codes.size(); ++s) {
    for (int c = 1; c <= kCommunitiesPerStreet; ++c) {
      add_community(street_codes[s], c,
                    per_community[s * kCommunitiesPerStreet + static_cast<size_t>(c - 1)]);
    }
  }
  const auto per_village = split(households_ - street_households, kVillageCount);
  for (int v = 0; v < kVillageCount; ++v) {
    const size_t township = static_cast<size_t>(v) % township_codes_.size();
    const int index = v / static_cast<int>(township_codes_.size()) + 1;
    add_village(township_codes_[township], index, per_village[static_cast<size_t>(v)]);
  }
  add_sector_units();
  add_schools();
  add_accounts();
  return std::move(county_);
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) {
    return text;
  }
  std::string out = "\"";
  for (char c : text) {
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  return out + "\"";
}

}  // namespace

std::string chinese_number(int n) {
  static constexpr std::array<std::string_view, 10> kDigits = {"零", "一", "二", "三", "四",
                                                               "五", "六", "七", "八", "九"};
  if (n < 10) {
    return std::string(kDigits[static_cast<size_t>(n)]);
  }
  if (n >= 100) {
    return std::to_string(n);
  }
  const int tens = n / 10;
  const int ones = n % 10;
  std::string out = tens == 1 ? "十" : std::string(kDigits[static_cast<size_t>(tens)]) + "十";
  if (ones > 0) {
    out += kDigits[static_cast<size_t>(ones)];
  }
  return out;
}

DemoCounty generate_demo_county(uint64_t seed, int households) {
  return Builder(seed, std::max(households, 0)).build();
}

std::string demo_units_csv(const DemoCounty& county) {
  std::string out = "code,parent_code,name,kind\n";
  for (const auto& u : county.units) {
    out += csv_field(u.code) + "," + csv_field(u.parent_code) + "," + csv_field(u.name) + "," +
           std::string(domain::org_kind_key(u.kind)) + "\n";
  }
  return out;
}

}  // namespace fanzha::demo
