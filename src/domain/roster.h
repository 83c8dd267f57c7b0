// Reading a roster (花名册) row into a person record: which column means what (Chinese
// or English headers, or a mapping people chose), and the checks every row must pass.
// Pure: rows arrive as text cells, units are resolved later by the importer.
// Thread-safe.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "domain/app_status.h"
#include "domain/person.h"
#include "domain/resident_id.h"

namespace fanzha::domain {

enum class RosterField : uint8_t {
  kName,
  kIdNumber,
  kPhone,
  kHouseholdNumber,
  kRelation,
  kAddress,
  kUnit,  // 所属网格/村民组/楼栋: code or name of a unit under the import's target
  kTags,
  kSex,
  kNotes,
  kLinkUnit,  // 关联单位/班级: code of a unit or class
  kLinkRole,  // 关联身份: 职工/学生/家长
  // App roster (推广安装注册花名册) columns.
  kAppInstalled,   // 是否安装
  kAppRegistered,  // 是否注册
  kAppAlerts,      // 是否开启预警
  kAppMethod,      // 核实方式
  kPromotionCode,  // 推广码
};
inline constexpr size_t kRosterFieldCount = 17;

// What a roster file is for, which decides the columns it must have:
// - kPeople: households and people of a village (姓名, 户号);
// - kAppResidents: the same, with each person's app status (and 是否安装);
// - kAppMembers: the staff or students of a unit or class with their app status; they
//   are matched to people already on file (姓名, 身份证号, 是否安装), never created.
enum class RosterPurpose : uint8_t { kPeople, kAppResidents, kAppMembers };
inline bool is_app_roster(RosterPurpose p) { return p != RosterPurpose::kPeople; }

std::span<const RosterField> all_roster_fields();
std::string_view roster_field_key(RosterField field);    // "name", "id_number", …
std::string_view roster_field_label(RosterField field);  // "姓名", "身份证号", …
std::optional<RosterField> parse_roster_field(std::string_view key);
// The field a header names (姓名, 公民身份号码, 联系电话, Name, …), if it is a known one.
std::optional<RosterField> roster_field_for_header(std::string_view header);

// Which column holds which field; a field may be absent. Built from the header row and
// the choices people made for headers fanzha did not recognise.
struct RosterColumns {
  std::array<int, kRosterFieldCount> column{};  // -1 when absent
  RosterColumns() { column.fill(-1); }
  int of(RosterField field) const { return column[static_cast<size_t>(field)]; }
};

struct HeaderMapping {
  RosterColumns columns;
  std::vector<std::string> unknown_headers;  // neither recognised nor chosen
  std::vector<std::string> ignored_headers;  // chosen to be ignored
  std::vector<std::string> problems;         // e.g. two columns for 姓名, required field missing
};

// `chosen` maps header text → field key or "ignore" for headers people mapped by hand.
HeaderMapping map_roster_headers(const std::vector<std::string>& headers,
                                 const std::vector<std::pair<std::string, std::string>>& chosen,
                                 RosterPurpose purpose = RosterPurpose::kPeople);

// A row that passed every check, numbers normalised and clear (encrypted by the store).
struct RosterRecord {
  int line = 0;
  std::string name;
  std::string id_number;  // "" when not given
  std::string phone;      // "" when not given
  std::string household_number;
  std::string relation;
  std::string address;
  std::string unit;  // "" means the import's target unit itself
  PersonTagSet tags = 0;
  Sex sex = Sex::kUnknown;
  DateNumber birth_date = 0;
  std::string notes;
  std::string link_unit;
  LinkRole link_role = LinkRole::kNone;
  // App roster columns; nullopt when the column is absent or the cell empty.
  std::optional<bool> app_installed;
  std::optional<bool> app_registered;
  std::optional<bool> app_alerts;
  std::optional<AppMethod> app_method;
  std::string promotion_code;
};

struct RosterRowResult {
  std::optional<RosterRecord> record;
  std::vector<ErrorDetail> errors;  // one per wrong field
};

RosterRowResult parse_roster_row(int line, const std::vector<std::string>& cells,
                                 const RosterColumns& columns, DateNumber today,
                                 RosterPurpose purpose = RosterPurpose::kPeople);

}  // namespace fanzha::domain
