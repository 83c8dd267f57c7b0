#include "domain/roster.h"

#include <algorithm>

#include "common/text.h"

namespace fanzha::domain {

namespace {

using R = RosterField;

struct FieldInfo {
  RosterField field;
  std::string_view key;
  std::string_view label;
};

constexpr std::array<FieldInfo, kRosterFieldCount> kFields = {{
    {R::kName, "name", "姓名"},
    {R::kIdNumber, "id_number", "身份证号"},
    {R::kPhone, "phone", "手机号"},
    {R::kHouseholdNumber, "household_number", "户号"},
    {R::kRelation, "relation", "与户主关系"},
    {R::kAddress, "address", "住址"},
    {R::kUnit, "unit", "所属网格/村民组"},
    {R::kTags, "tags", "标签"},
    {R::kSex, "sex", "性别"},
    {R::kNotes, "notes", "备注"},
    {R::kLinkUnit, "link_unit", "关联单位/班级"},
    {R::kLinkRole, "link_role", "关联身份"},
    {R::kAppInstalled, "app_installed", "是否安装"},
    {R::kAppRegistered, "app_registered", "是否注册"},
    {R::kAppAlerts, "app_alerts", "是否开启预警"},
    {R::kAppMethod, "app_method", "核实方式"},
    {R::kPromotionCode, "promotion_code", "推广码"},
}};

constexpr auto make_all_fields() {
  std::array<RosterField, kRosterFieldCount> all{};
  for (size_t i = 0; i < kFields.size(); ++i) {
    all[i] = kFields[i].field;
  }
  return all;
}
constexpr auto kAllFields = make_all_fields();

struct HeaderSynonym {
  std::string_view header;
  RosterField field;
};

// Headers seen in village, school and unit rosters (compared without spaces and case).
constexpr std::array kHeaderSynonyms = {
    HeaderSynonym{"姓名", R::kName},
    HeaderSynonym{"名字", R::kName},
    HeaderSynonym{"成员姓名", R::kName},
    HeaderSynonym{"name", R::kName},
    HeaderSynonym{"身份证号", R::kIdNumber},
    HeaderSynonym{"身份证号码", R::kIdNumber},
    HeaderSynonym{"公民身份号码", R::kIdNumber},
    HeaderSynonym{"身份证", R::kIdNumber},
    HeaderSynonym{"证件号码", R::kIdNumber},
    HeaderSynonym{"id_number", R::kIdNumber},
    HeaderSynonym{"idnumber", R::kIdNumber},
    HeaderSynonym{"手机号", R::kPhone},
    HeaderSynonym{"手机号码", R::kPhone},
    HeaderSynonym{"手机", R::kPhone},
    HeaderSynonym{"联系电话", R::kPhone},
    HeaderSynonym{"电话", R::kPhone},
    HeaderSynonym{"电话号码", R::kPhone},
    HeaderSynonym{"phone", R::kPhone},
    HeaderSynonym{"mobile", R::kPhone},
    HeaderSynonym{"户号", R::kHouseholdNumber},
    HeaderSynonym{"户编号", R::kHouseholdNumber},
    HeaderSynonym{"household_number", R::kHouseholdNumber},
    HeaderSynonym{"household", R::kHouseholdNumber},
    HeaderSynonym{"与户主关系", R::kRelation},
    HeaderSynonym{"与户主的关系", R::kRelation},
    HeaderSynonym{"关系", R::kRelation},
    HeaderSynonym{"relation", R::kRelation},
    HeaderSynonym{"住址", R::kAddress},
    HeaderSynonym{"地址", R::kAddress},
    HeaderSynonym{"家庭住址", R::kAddress},
    HeaderSynonym{"现住址", R::kAddress},
    HeaderSynonym{"address", R::kAddress},
    HeaderSynonym{"所属网格/村民组", R::kUnit},
    HeaderSynonym{"所属网格", R::kUnit},
    HeaderSynonym{"所属村民组", R::kUnit},
    HeaderSynonym{"网格", R::kUnit},
    HeaderSynonym{"村民组", R::kUnit},
    HeaderSynonym{"组别", R::kUnit},
    HeaderSynonym{"楼栋", R::kUnit},
    HeaderSynonym{"unit", R::kUnit},
    HeaderSynonym{"grid", R::kUnit},
    HeaderSynonym{"标签", R::kTags},
    HeaderSynonym{"人员类别", R::kTags},
    HeaderSynonym{"人员类型", R::kTags},
    HeaderSynonym{"tags", R::kTags},
    HeaderSynonym{"性别", R::kSex},
    HeaderSynonym{"sex", R::kSex},
    HeaderSynonym{"gender", R::kSex},
    HeaderSynonym{"备注", R::kNotes},
    HeaderSynonym{"notes", R::kNotes},
    HeaderSynonym{"关联单位/班级", R::kLinkUnit},
    HeaderSynonym{"关联单位", R::kLinkUnit},
    HeaderSynonym{"所在单位", R::kLinkUnit},
    HeaderSynonym{"所在班级", R::kLinkUnit},
    HeaderSynonym{"班级", R::kLinkUnit},
    HeaderSynonym{"link_unit", R::kLinkUnit},
    HeaderSynonym{"关联身份", R::kLinkRole},
    HeaderSynonym{"link_role", R::kLinkRole},
    HeaderSynonym{"是否安装", R::kAppInstalled},
    HeaderSynonym{"是否安装反诈APP", R::kAppInstalled},
    HeaderSynonym{"是否下载安装", R::kAppInstalled},
    HeaderSynonym{"是否下载", R::kAppInstalled},
    HeaderSynonym{"安装情况", R::kAppInstalled},
    HeaderSynonym{"已安装", R::kAppInstalled},
    HeaderSynonym{"app_installed", R::kAppInstalled},
    HeaderSynonym{"installed", R::kAppInstalled},
    HeaderSynonym{"是否注册", R::kAppRegistered},
    HeaderSynonym{"是否实名注册", R::kAppRegistered},
    HeaderSynonym{"注册情况", R::kAppRegistered},
    HeaderSynonym{"已注册", R::kAppRegistered},
    HeaderSynonym{"app_registered", R::kAppRegistered},
    HeaderSynonym{"registered", R::kAppRegistered},
    HeaderSynonym{"是否开启预警", R::kAppAlerts},
    HeaderSynonym{"是否开启来电预警", R::kAppAlerts},
    HeaderSynonym{"是否开启来电/短信预警", R::kAppAlerts},
    HeaderSynonym{"预警功能", R::kAppAlerts},
    HeaderSynonym{"来电预警", R::kAppAlerts},
    HeaderSynonym{"已开启预警", R::kAppAlerts},
    HeaderSynonym{"app_alerts", R::kAppAlerts},
    HeaderSynonym{"alerts_on", R::kAppAlerts},
    HeaderSynonym{"核实方式", R::kAppMethod},
    HeaderSynonym{"核查方式", R::kAppMethod},
    HeaderSynonym{"app_method", R::kAppMethod},
    HeaderSynonym{"推广码", R::kPromotionCode},
    HeaderSynonym{"推广人编码", R::kPromotionCode},
    HeaderSynonym{"promotion_code", R::kPromotionCode},
};

constexpr size_t kMaxPromotionCodeChars = 16;

// The columns each purpose must have.
std::vector<RosterField> required_fields(RosterPurpose purpose) {
  switch (purpose) {
    case RosterPurpose::kPeople:
      return {R::kName, R::kHouseholdNumber};
    case RosterPurpose::kAppResidents:
      return {R::kName, R::kHouseholdNumber, R::kAppInstalled};
    case RosterPurpose::kAppMembers:
      return {R::kName, R::kIdNumber, R::kAppInstalled};
  }
  return {};
}

// Header text as compared: no spaces, ASCII lower-case, full-width slash as '/'.
std::string header_key(std::string_view header) {
  std::string out;
  header = trim(header);
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == ' ' || header[i] == '\t') {
      continue;
    }
    if (header.substr(i).starts_with("\xEF\xBC\x8F")) {  // ／
      out.push_back('/');
      i += 2;
      continue;
    }
    if (header.substr(i).starts_with("\xE3\x80\x80")) {
      i += 2;
      continue;
    }
    out.push_back(header[i]);
  }
  return to_lower_ascii(out);
}

constexpr size_t kMaxUnitRefChars = 64;

}  // namespace

std::span<const RosterField> all_roster_fields() { return kAllFields; }
std::string_view roster_field_key(RosterField f) { return kFields[static_cast<size_t>(f)].key; }
std::string_view roster_field_label(RosterField f) { return kFields[static_cast<size_t>(f)].label; }

std::optional<RosterField> parse_roster_field(std::string_view key) {
  for (const auto& f : kFields) {
    if (key == f.key) {
      return f.field;
    }
  }
  return std::nullopt;
}

std::optional<RosterField> roster_field_for_header(std::string_view header) {
  const std::string key = header_key(header);
  for (const auto& s : kHeaderSynonyms) {
    if (key == header_key(s.header)) {
      return s.field;
    }
  }
  return std::nullopt;
}

HeaderMapping map_roster_headers(const std::vector<std::string>& headers,
                                 const std::vector<std::pair<std::string, std::string>>& chosen,
                                 RosterPurpose purpose) {
  HeaderMapping m;
  for (size_t i = 0; i < headers.size(); ++i) {
    const std::string header(trim(headers[i]));
    if (header.empty()) {
      continue;
    }
    std::optional<RosterField> field;
    bool ignored = false;
    const auto choice = std::find_if(chosen.begin(), chosen.end(),
                                     [&](const auto& c) { return trim(c.first) == header; });
    if (choice != chosen.end()) {
      if (choice->second == "ignore") {
        ignored = true;
      } else {
        field = parse_roster_field(choice->second);
        if (!field) {
          m.problems.push_back("列“" + header + "”选择的字段“" + choice->second + "”不存在");
          continue;
        }
      }
    } else {
      field = roster_field_for_header(header);
    }
    if (ignored) {
      m.ignored_headers.push_back(header);
      continue;
    }
    if (!field) {
      m.unknown_headers.push_back(header);
      continue;
    }
    int& slot = m.columns.column[static_cast<size_t>(*field)];
    if (slot >= 0) {
      m.problems.push_back("有两列都是“" + std::string(roster_field_label(*field)) + "”：“" +
                           headers[static_cast<size_t>(slot)] + "”和“" + header + "”");
      continue;
    }
    slot = static_cast<int>(i);
  }
  for (auto required : required_fields(purpose)) {
    if (m.columns.of(required) < 0) {
      m.problems.push_back("缺少“" + std::string(roster_field_label(required)) + "”列");
    }
  }
  return m;
}

namespace {

// The app status cells of a row: yes/no answers that must agree with each other (an app
// that is not installed cannot be registered or warn).
template <typename Cell, typename Fail>
void read_app_cells(RosterRecord& r, const Cell& cell, const Fail& fail, RosterPurpose purpose) {
  auto yes_no = [&](RosterField f, std::optional<bool>& out) {
    const std::string text = cell(f);
    if (text.empty()) {
      return;
    }
    out = parse_yes_no(text);
    if (!out) {
      fail(f, "“" + std::string(roster_field_label(f)) + "”应填“是”或“否”");
    }
  };
  yes_no(R::kAppInstalled, r.app_installed);
  yes_no(R::kAppRegistered, r.app_registered);
  yes_no(R::kAppAlerts, r.app_alerts);
  if (is_app_roster(purpose) && !r.app_installed && cell(R::kAppInstalled).empty()) {
    fail(R::kAppInstalled, "请填写是否安装反诈APP");
  }
  if (r.app_installed == false && (r.app_registered == true || r.app_alerts == true)) {
    fail(R::kAppInstalled, "未安装APP却填写了已注册或已开启预警");
  }
  if (const std::string method = cell(R::kAppMethod); !method.empty()) {
    r.app_method = parse_app_method(method);
    if (!r.app_method) {
      fail(R::kAppMethod, "核实方式应为本人自报、当面查看手机、每周花名册或公安数据");
    }
  }
  r.promotion_code = to_upper_ascii(cell(R::kPromotionCode));
  if (r.promotion_code.size() > kMaxPromotionCodeChars) {
    fail(R::kPromotionCode, "推广码过长");
  }
}

}  // namespace

RosterRowResult parse_roster_row(int line, const std::vector<std::string>& cells,
                                 const RosterColumns& columns, DateNumber today,
                                 RosterPurpose purpose) {
  RosterRowResult result;
  auto cell = [&](RosterField f) -> std::string {
    const int c = columns.of(f);
    if (c < 0 || static_cast<size_t>(c) >= cells.size()) {
      return {};
    }
    return std::string(trim(cells[static_cast<size_t>(c)]));
  };
  auto fail = [&](RosterField f, std::string message) {
    result.errors.push_back({line, std::string(roster_field_key(f)), std::move(message)});
  };

  RosterRecord r;
  r.line = line;
  r.name = cell(R::kName);
  if (auto problem = check_person_name(r.name)) {
    fail(R::kName, *problem);
  }
  r.household_number = cell(R::kHouseholdNumber);
  if (purpose != RosterPurpose::kAppMembers) {
    if (auto problem = check_household_number(r.household_number)) {
      fail(R::kHouseholdNumber, *problem);
    }
  }
  if (purpose == RosterPurpose::kAppMembers && cell(R::kIdNumber).empty()) {
    fail(R::kIdNumber, "请填写身份证号（用于核对本单位/班级的人员）");
  }
  if (const std::string id = cell(R::kIdNumber); !id.empty()) {
    auto parsed = parse_resident_id(id, today);
    if (auto* ok = std::get_if<ResidentId>(&parsed)) {
      r.id_number = ok->number;
      r.birth_date = ok->birth_date;
      r.sex = ok->sex;
    } else {
      fail(R::kIdNumber, std::get<std::string>(parsed));
    }
  }
  if (const std::string phone = cell(R::kPhone); !phone.empty()) {
    auto parsed = parse_phone(phone);
    if (auto* ok = std::get_if<PhoneNumber>(&parsed)) {
      r.phone = ok->digits;
    } else {
      fail(R::kPhone, std::get<std::string>(parsed));
    }
  }
  if (const std::string sex_text = cell(R::kSex); !sex_text.empty()) {
    const auto sex = parse_sex(sex_text);
    if (!sex) {
      fail(R::kSex, "性别应为“男”或“女”");
    } else if (r.sex != Sex::kUnknown && *sex != r.sex) {
      fail(R::kSex, "性别与身份证号不符");
    } else {
      r.sex = *sex;
    }
  }
  r.relation = normalize_relation(cell(R::kRelation));
  if (auto problem = check_free_text(r.relation, kMaxRelationChars, "与户主关系")) {
    fail(R::kRelation, *problem);
  }
  r.address = cell(R::kAddress);
  if (auto problem = check_free_text(r.address, kMaxAddressChars, "住址")) {
    fail(R::kAddress, *problem);
  }
  r.unit = cell(R::kUnit);
  if (auto problem = check_free_text(r.unit, kMaxUnitRefChars, "所属网格/村民组")) {
    fail(R::kUnit, *problem);
  }
  if (const std::string tags = cell(R::kTags); !tags.empty()) {
    std::string unknown;
    const auto set = parse_person_tags(tags, &unknown);
    if (!set) {
      fail(R::kTags, "不认识的标签“" + unknown + "”");
    } else {
      r.tags = *set;
    }
  }
  r.notes = cell(R::kNotes);
  if (auto problem = check_free_text(r.notes, kMaxNotesChars, "备注")) {
    fail(R::kNotes, *problem);
  }
  r.link_unit = cell(R::kLinkUnit);
  if (auto problem = check_free_text(r.link_unit, kMaxUnitRefChars, "关联单位/班级")) {
    fail(R::kLinkUnit, *problem);
  }
  const auto role = parse_link_role(cell(R::kLinkRole));
  if (!role) {
    fail(R::kLinkRole, "关联身份应为职工、学生或家长");
  } else {
    r.link_role = *role;
  }
  if (r.link_role != LinkRole::kNone && r.link_unit.empty()) {
    fail(R::kLinkUnit, "填写了关联身份，但没有关联单位/班级");
  }
  if (r.link_role == LinkRole::kNone && !r.link_unit.empty()) {
    fail(R::kLinkRole, "填写了关联单位/班级，但没有关联身份");
  }
  read_app_cells(r, cell, fail, purpose);
  if (result.errors.empty()) {
    result.record = std::move(r);
  }
  return result;
}

}  // namespace fanzha::domain
