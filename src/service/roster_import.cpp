#include "service/roster_import.h"

#include <map>
#include <memory>
#include <optional>
#include <unordered_map>

#include "common/text.h"
#include "domain/org_path.h"
#include "domain/roster.h"
#include "domain/visit.h"
#include "service/app_roster_recorder.h"
#include "service/audit_trail.h"
#include "service/people_service.h"
#include "service/rejects_file.h"
#include "service/sealed_numbers.h"
#include "store/org_store.h"
#include "store/people_store.h"
#include "tabular/table_reader.h"
#include "tabular/xlsx_writer.h"

namespace fanzha::service {

using domain::OrgUnit;
using domain::RosterRecord;

std::string_view import_mode_key(ImportMode mode) {
  return mode == ImportMode::kValidRows ? "valid_rows" : "all_or_nothing";
}

std::optional<domain::RosterPurpose> app_roster_purpose(domain::OrgKind kind) {
  if (!domain::submits_app_roster(kind)) {
    return std::nullopt;
  }
  return is_residential_kind(kind) ? domain::RosterPurpose::kAppResidents
                                   : domain::RosterPurpose::kAppMembers;
}

std::optional<ImportMode> parse_import_mode(std::string_view key) {
  if (key.empty() || key == "all_or_nothing") {
    return ImportMode::kAllOrNothing;
  }
  if (key == "valid_rows") {
    return ImportMode::kValidRows;
  }
  return std::nullopt;
}

namespace {

constexpr int64_t kProgressEveryRows = 2000;

// Thrown inside the write transaction to roll an all-or-nothing import back.
struct RollBack {};

// The residential units under the import's target, found by code or by name.
class UnitIndex {
 public:
  UnitIndex(store::OrgStore& units, const OrgUnit& target) : target_(target) {
    by_id_.emplace(target.id, target);
    for (auto& unit : units.subtree(target.path, std::nullopt, 10'000'000, 0).units) {
      by_id_.emplace(unit.id, std::move(unit));
    }
    for (const auto& [id, unit] : by_id_) {
      if (!is_residential_kind(unit.kind) || !unit.active) {
        continue;
      }
      by_code_.emplace(unit.code, id);
      by_name_[unit.name].push_back(id);
    }
    target_village_ = village_unit_of(units, target);
  }

  // The unit a row's 所属网格/村民组 cell names, or a message.
  std::variant<const OrgUnit*, std::string> resolve(std::string_view ref) const {
    if (ref.empty()) {
      if (!is_residential_kind(target_.kind)) {
        return std::string("请填写所属网格/村民组（导入到“" + target_.name + "”时必填）");
      }
      return &target_;
    }
    if (auto it = by_code_.find(std::string(ref)); it != by_code_.end()) {
      return &by_id_.at(it->second);
    }
    auto named = by_name_.find(std::string(ref));
    if (named == by_name_.end()) {
      return std::string("“" + target_.name + "”下没有网格/村民组“" + std::string(ref) + "”");
    }
    if (named->second.size() > 1) {
      return std::string("“" + std::string(ref) + "”对应多个网格/村民组，请改填编码");
    }
    return &by_id_.at(named->second.front());
  }

  // The village or community of a unit in the index.
  int64_t village_of(const OrgUnit& unit) const {
    const auto ids = domain::path_ids(unit.path);
    for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
      const auto found = by_id_.find(*it);
      if (found == by_id_.end()) {
        break;  // above the target
      }
      if (found->second.kind == domain::OrgKind::kVillage ||
          found->second.kind == domain::OrgKind::kCommunity) {
        return found->first;
      }
    }
    return target_village_;
  }

  bool contains_path(std::string_view path) const {
    return domain::path_is_within(path, target_.path);
  }

 private:
  const OrgUnit& target_;
  std::unordered_map<int64_t, OrgUnit> by_id_;
  std::unordered_map<std::string, int64_t> by_code_;
  std::unordered_map<std::string, std::vector<int64_t>> by_name_;
  int64_t target_village_ = 0;
};

class RosterImporter {
 public:
  RosterImporter(const ServiceContext& ctx, const Actor& actor, const RosterImportRequest& request,
                 const ImportProgress& progress)
      : ctx_(ctx), actor_(actor), request_(request), progress_(progress) {}

  RosterImportReport run();

 private:
  bool read_header(tabular::TableReader& reader);
  void import_rows(store::Connection& c, tabular::TableReader& reader, const OrgUnit& target);
  // Writes one checked record into `person_id`; returns the problems that stopped it
  // (none on success).
  std::vector<ErrorDetail> write_record(const RosterRecord& r, int64_t& person_id);
  // App rosters of units and classes: finds the staff member or student on file.
  std::vector<ErrorDetail> match_member(const RosterRecord& r, int64_t& person_id);
  void require_capabilities(const OrgUnit& target);
  void reject(const tabular::TableRow& row, const std::vector<ErrorDetail>& errors);
  std::variant<int64_t, std::string> household_for(const RosterRecord& r, const OrgUnit& unit);
  std::variant<std::optional<int64_t>, std::string> link_unit_for(const RosterRecord& r);

  const ServiceContext& ctx_;
  const Actor& actor_;
  const RosterImportRequest& request_;
  const ImportProgress& progress_;
  RosterImportReport report_;
  std::vector<std::string> header_cells_;
  domain::RosterColumns columns_;
  domain::RosterPurpose purpose_ = domain::RosterPurpose::kPeople;
  domain::DateNumber today_ = 0;
  int64_t now_ = 0;

  // Set while rows are imported.
  store::Connection* c_ = nullptr;
  std::unique_ptr<store::PeopleStore> people_;
  std::unique_ptr<store::OrgStore> units_;
  std::unique_ptr<UnitIndex> index_;
  std::unordered_map<std::string, int> seen_ids_;                            // id hash → line
  std::map<std::tuple<int64_t, std::string, std::string>, int> seen_names_;  // people without ID
  std::map<std::pair<int64_t, std::string>, int64_t> households_;  // (village, number) → id
  std::unordered_map<std::string, std::optional<int64_t>> link_units_;
  store::Touched touched_;
  std::unique_ptr<RejectsFile> rejects_;
  std::unique_ptr<AppRosterRecorder> app_;
};

bool RosterImporter::read_header(tabular::TableReader& reader) {
  const auto header = reader.next();
  if (!header) {
    throw Error(ErrorCode::kImportRejected, "文件中没有内容");
  }
  header_cells_ = header->cells;
  const auto mapping = domain::map_roster_headers(header_cells_, request_.mapping, purpose_);
  columns_ = mapping.columns;
  for (const auto& cell : header_cells_) {
    const std::string text(trim(cell));
    if (text.empty()) {
      continue;
    }
    HeaderChoice choice{text, ""};
    for (size_t i = 0; i < domain::kRosterFieldCount; ++i) {
      const int column = columns_.column[i];
      if (column >= 0 && trim(header_cells_[static_cast<size_t>(column)]) == text) {
        choice.field = std::string(domain::roster_field_key(domain::all_roster_fields()[i]));
      }
    }
    if (std::find(mapping.ignored_headers.begin(), mapping.ignored_headers.end(), text) !=
        mapping.ignored_headers.end()) {
      choice.field = "ignore";
    }
    report_.headers.push_back(std::move(choice));
  }
  report_.problems = mapping.problems;
  for (const auto& unknown : mapping.unknown_headers) {
    report_.problems.push_back("不认识的列“" + unknown + "”：请选择对应的字段或忽略");
  }
  return report_.problems.empty();
}

void RosterImporter::reject(const tabular::TableRow& row, const std::vector<ErrorDetail>& errors) {
  ++report_.rejected;
  for (const auto& e : errors) {
    if (report_.errors.size() < kMaxReportedRowErrors) {
      report_.errors.push_back(e);
    }
  }
  if (request_.mode != ImportMode::kValidRows || request_.rejects_path.empty()) {
    return;
  }
  if (!rejects_) {
    rejects_ = std::make_unique<RejectsFile>(request_.rejects_path, header_cells_);
  }
  rejects_->add(row, errors);
}

std::variant<std::optional<int64_t>, std::string> RosterImporter::link_unit_for(
    const RosterRecord& r) {
  if (r.link_unit.empty()) {
    return std::optional<int64_t>();
  }
  auto cached = link_units_.find(r.link_unit);
  if (cached == link_units_.end()) {
    const auto unit = units_->find_by_code(r.link_unit);
    const bool linkable = unit && unit->active && !is_residential_kind(unit->kind);
    cached =
        link_units_.emplace(r.link_unit, linkable ? std::optional(unit->id) : std::nullopt).first;
  }
  if (!cached->second) {
    return std::string("关联单位/班级编码“" + r.link_unit + "”不存在");
  }
  return cached->second;
}

std::variant<int64_t, std::string> RosterImporter::household_for(const RosterRecord& r,
                                                                 const OrgUnit& unit) {
  const int64_t village = index_->village_of(unit);
  const auto key = std::make_pair(village, r.household_number);
  if (auto it = households_.find(key); it != households_.end()) {
    return it->second;
  }
  if (const auto existing = people_->find_household_id(village, r.household_number)) {
    const auto household = people_->find_household(*existing);
    const auto path = people_->household_unit_path(*existing);
    if (!index_->contains_path(*path)) {
      return std::string("户号“" + r.household_number + "”已登记在本次导入范围以外的网格");
    }
    if (!r.unit.empty() && household->org_unit_id != unit.id) {
      return std::string("户号“" + r.household_number + "”已登记在“" + household->org_unit_name +
                         "”，与本行的所属网格/村民组不同");
    }
    households_.emplace(key, *existing);
    return *existing;
  }
  const int64_t id =
      people_->insert_household(unit.id, village, r.household_number, r.address, now_);
  ++report_.households_created;
  touched_.units.insert(unit.id);
  touched_.households.insert(id);
  households_.emplace(key, id);
  return id;
}

std::vector<ErrorDetail> RosterImporter::match_member(const RosterRecord& r, int64_t& person_id) {
  auto fail = [&](std::string_view field, std::string message) {
    return std::vector<ErrorDetail>{{r.line, std::string(field), std::move(message)}};
  };
  const std::string id_hash = ctx_.pii.lookup_hash(kIdPurpose, r.id_number);
  if (auto [it, inserted] = seen_ids_.emplace(id_hash, r.line); !inserted) {
    return fail("id_number", "与第" + std::to_string(it->second) + "行是同一人（身份证号相同）");
  }
  const auto existing = people_->find_person_by_id_hash(id_hash);
  const auto paths = existing ? people_->person_unit_paths(*existing) : std::vector<std::string>{};
  if (paths.size() < 2 || !index_->contains_path(paths[1])) {
    return fail("id_number",
                "此人未登记为本单位职工或本班学生：请由其所在村（社区）登记，并填写关联单位/班级");
  }
  const auto person = people_->find_person(*existing);
  if (person->name != r.name) {
    return fail("name", "姓名与登记的“" + person->name + "”不一致");
  }
  person_id = *existing;
  ++report_.unchanged;
  return {};
}

std::vector<ErrorDetail> RosterImporter::write_record(const RosterRecord& r, int64_t& person_id) {
  auto fail = [&](std::string_view field, std::string message) {
    return std::vector<ErrorDetail>{{r.line, std::string(field), std::move(message)}};
  };
  const auto resolved = index_->resolve(r.unit);
  if (auto* problem = std::get_if<std::string>(&resolved)) {
    return fail("unit", *problem);
  }
  const OrgUnit& unit = *std::get<const OrgUnit*>(resolved);
  const auto link = link_unit_for(r);
  if (auto* problem = std::get_if<std::string>(&link)) {
    return fail("link_unit", *problem);
  }
  const std::string id_hash =
      r.id_number.empty() ? "" : ctx_.pii.lookup_hash(kIdPurpose, r.id_number);
  if (!id_hash.empty()) {
    if (auto [it, inserted] = seen_ids_.emplace(id_hash, r.line); !inserted) {
      return fail("id_number", "与第" + std::to_string(it->second) + "行是同一人（身份证号相同）");
    }
  } else {
    const auto key = std::make_tuple(index_->village_of(unit), r.household_number, r.name);
    if (auto [it, inserted] = seen_names_.emplace(key, r.line); !inserted) {
      return fail("name",
                  "与第" + std::to_string(it->second) + "行重复（同一户同名且都没有身份证号）");
    }
  }
  const auto household = household_for(r, unit);
  if (auto* problem = std::get_if<std::string>(&household)) {
    return fail("household_number", *problem);
  }
  const int64_t household_id = std::get<int64_t>(household);
  const std::string phone_hash =
      r.phone.empty() ? "" : ctx_.pii.lookup_hash(kPhonePurpose, r.phone);

  std::optional<int64_t> existing = id_hash.empty()
                                        ? people_->find_person_by_name(household_id, r.name)
                                        : people_->find_person_by_id_hash(id_hash);
  if (existing) {
    const auto paths = people_->person_unit_paths(*existing);
    if (!actor_.can_see(paths.front())) {
      // Said the same way wherever the person is registered.
      return fail("id_number", "该身份证号已登记在其他辖区");
    }
    store::PersonRecord record = *people_->find_person_record(*existing);
    const store::PersonRecord before = record;
    record.household_id = household_id;
    record.org_unit_id = unit.id;
    record.name = r.name;
    record.relation = r.relation;
    if (!r.address.empty()) {
      record.address = r.address;
    }
    record.tags = r.tags;
    if (!r.notes.empty()) {
      record.notes = r.notes;
    }
    if (r.sex != domain::Sex::kUnknown) {
      record.sex = r.sex;
    }
    record.link_unit_id = std::get<std::optional<int64_t>>(link);
    record.link_role = r.link_role;
    const bool phone_changed = !r.phone.empty() && phone_hash != record.phone_hash;
    const bool same = !phone_changed && record.household_id == before.household_id &&
                      record.name == before.name && record.relation == before.relation &&
                      record.address == before.address && record.tags == before.tags &&
                      record.notes == before.notes && record.sex == before.sex &&
                      record.link_unit_id == before.link_unit_id &&
                      record.link_role == before.link_role;
    person_id = *existing;
    if (same) {
      ++report_.unchanged;
      return {};
    }
    if (phone_changed) {
      const SealedNumber sealed = seal_phone(ctx_.pii, ctx_.random, r.phone);
      record.phone_cipher = sealed.cipher;
      record.phone_hash = sealed.hash;
      record.phone_masked = sealed.masked;
    }
    people_->update_person(*existing, record, now_);
    touched_.units.insert(before.org_unit_id);
    touched_.households.insert(before.household_id);
    touched_.units.insert(unit.id);
    touched_.households.insert(household_id);
    ++report_.updated;
    return {};
  }

  store::PersonRecord record;
  record.household_id = household_id;
  record.org_unit_id = unit.id;
  record.name = r.name;
  if (!r.id_number.empty()) {
    const SealedNumber sealed = seal_id_number(ctx_.pii, ctx_.random, r.id_number);
    record.id_cipher = sealed.cipher;
    record.id_hash = id_hash;
    record.id_masked = sealed.masked;
  }
  if (!r.phone.empty()) {
    const SealedNumber sealed = seal_phone(ctx_.pii, ctx_.random, r.phone);
    record.phone_cipher = sealed.cipher;
    record.phone_hash = phone_hash;
    record.phone_masked = sealed.masked;
  }
  record.sex = r.sex;
  record.birth_date = r.birth_date;
  record.relation = r.relation;
  record.address = r.address;
  record.tags = r.tags;
  record.notes = r.notes;
  record.link_unit_id = std::get<std::optional<int64_t>>(link);
  record.link_role = r.link_role;
  person_id = people_->insert_person(record, now_);
  touched_.units.insert(unit.id);
  touched_.households.insert(household_id);
  ++report_.created;
  return {};
}

void RosterImporter::import_rows(store::Connection& c, tabular::TableReader& reader,
                                 const OrgUnit& target) {
  c_ = &c;
  people_ = std::make_unique<store::PeopleStore>(c);
  units_ = std::make_unique<store::OrgStore>(c);
  index_ = std::make_unique<UnitIndex>(*units_, target);
  app_ = std::make_unique<AppRosterRecorder>(
      c, actor_, target, is_app_roster(purpose_) ? request_.job_id : std::nullopt, now_);
  while (auto row = reader.next()) {
    ++report_.rows_total;
    auto parsed = domain::parse_roster_row(row->line, row->cells, columns_, today_, purpose_);
    std::vector<ErrorDetail> errors = std::move(parsed.errors);
    if (errors.empty()) {
      if (auto problem = app_->check(*parsed.record)) {
        errors.push_back({row->line, "promotion_code", std::move(*problem)});
      }
    }
    int64_t person_id = 0;
    if (errors.empty()) {
      errors = purpose_ == domain::RosterPurpose::kAppMembers
                   ? match_member(*parsed.record, person_id)
                   : write_record(*parsed.record, person_id);
    }
    if (errors.empty()) {
      app_->record(person_id, *parsed.record);
    }
    if (!errors.empty()) {
      reject(*row, errors);
    }
    if (progress_ && report_.rows_total % kProgressEveryRows == 0) {
      progress_(report_.rows_total, reader.progress());
    }
  }
  if (report_.rows_total == 0) {
    throw Error(ErrorCode::kImportRejected, "文件中只有表头，没有数据行");
  }
  if (report_.rejected > 0 && request_.mode == ImportMode::kAllOrNothing) {
    throw RollBack{};
  }
  // A weekly roster with not one valid row is not a roster handed in.
  if (is_app_roster(purpose_) && report_.rejected == report_.rows_total) {
    throw RollBack{};
  }
  people_->recount(touched_);
  report_.submission = app_->finish();
  record_audit(c, ctx_.clock, actor_,
               {is_app_roster(purpose_) ? "app.roster" : "person.import",
                "org_unit",
                std::to_string(target.id),
                target.path,
                {{"file", request_.file_name},
                 {"submission_id",
                  report_.submission ? nlohmann::json(report_.submission->id) : nlohmann::json()},
                 {"mode", import_mode_key(request_.mode)},
                 {"rows", report_.rows_total},
                 {"created", report_.created},
                 {"updated", report_.updated},
                 {"unchanged", report_.unchanged},
                 {"rejected", report_.rejected},
                 {"households_created", report_.households_created}}});
}

void RosterImporter::require_capabilities(const OrgUnit& target) {
  if (!is_app_roster(request_.purpose)) {
    require(actor_, domain::Capability::kPersonWrite);
    return;
  }
  require(actor_, domain::Capability::kAppWrite);
  const auto purpose = app_roster_purpose(target.kind);
  if (!purpose) {
    throw Error(ErrorCode::kInvalidValue, "反诈APP花名册应按村（社区）、单位或班级报送", "unit_id");
  }
  purpose_ = *purpose;
  if (purpose_ == domain::RosterPurpose::kAppResidents) {
    require(actor_, domain::Capability::kPersonWrite);
  }
}

RosterImportReport RosterImporter::run() {
  now_ = ctx_.clock.now_ms();
  today_ = domain::county_day_number(now_);
  OrgUnit target;
  {
    auto lease = ctx_.db.read();
    const auto unit = store::OrgStore(*lease).find(request_.into_unit_id);
    if (!unit || !actor_.can_see(unit->path)) {
      require(actor_, is_app_roster(request_.purpose) ? domain::Capability::kAppWrite
                                                      : domain::Capability::kPersonWrite);
      throw Error(ErrorCode::kNotFound, "导入目标组织不存在或不在您的管辖范围内", "into");
    }
    target = *unit;
  }
  require_capabilities(target);
  auto reader = tabular::open_table(request_.file_path);
  report_.format = reader->info().format == tabular::TableFormat::kXlsx ? "xlsx" : "csv";
  report_.encoding = reader->info().encoding;
  if (!read_header(*reader)) {
    report_.status = "needs_mapping";
    return report_;
  }
  try {
    ctx_.db.transact([&](store::Connection& c) { import_rows(c, *reader, target); });
    report_.status = "succeeded";
  } catch (const RollBack&) {
    report_.status = "rejected";
    report_.created = report_.updated = report_.unchanged = report_.households_created = 0;
    report_.submission.reset();
  }
  report_.rejects_written = rejects_ && rejects_->close();
  if (progress_) {
    progress_(report_.rows_total, 1.0);
  }
  return report_;
}

}  // namespace

RosterImportReport import_roster(const ServiceContext& context, const Actor& actor,
                                 const RosterImportRequest& request,
                                 const ImportProgress& progress) {
  return RosterImporter(context, actor, request, progress).run();
}

}  // namespace fanzha::service
