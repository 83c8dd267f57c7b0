#include "service/people_service.h"

#include <filesystem>

#include "common/text.h"
#include "domain/org_path.h"
#include "domain/visit.h"
#include "service/audit_trail.h"
#include "service/org_service.h"
#include "service/sealed_numbers.h"
#include "store/org_store.h"
#include "tabular/xlsx_writer.h"

namespace fanzha::service {

using domain::Capability;
using domain::Household;
using domain::OrgKind;
using domain::Person;

namespace {

constexpr size_t kMaxReasonChars = 200;
constexpr int kExportPageSize = 5000;

[[noreturn]] void not_found(const char* what, const char* field = "") {
  throw Error(ErrorCode::kNotFound, std::string(what) + "不存在或不在您的管辖范围内", field);
}

// The path of `unit_id` (default: the actor's unit), which must be in the actor's scope.
std::string scope_of(store::Connection& c, const Actor& actor, std::optional<int64_t> unit_id) {
  if (!unit_id) {
    return actor.scope_path;
  }
  const auto unit = store::OrgStore(c).find(*unit_id);
  if (!unit || !actor.can_see(unit->path)) {
    not_found("组织", "unit_id");
  }
  return unit->path;
}

bool person_visible(store::PeopleStore& people, const Actor& actor, int64_t id) {
  for (const auto& path : people.person_unit_paths(id)) {
    if (actor.can_see(path)) {
      return true;
    }
  }
  return false;
}

nlohmann::json person_summary(const store::PersonRecord& p) {
  return {{"name", p.name},
          {"household_id", p.household_id},
          {"id_number", p.id_masked},
          {"phone", p.phone_masked},
          {"relation", p.relation},
          {"tags", p.tags},
          {"link_unit_id", p.link_unit_id ? nlohmann::json(*p.link_unit_id) : nlohmann::json()}};
}

std::string trimmed(const std::string& s) { return std::string(trim(s)); }

}  // namespace

bool is_residential_kind(OrgKind kind) {
  return kind == OrgKind::kGrid || kind == OrgKind::kVillageGroup || kind == OrgKind::kBuilding ||
         kind == OrgKind::kVillage || kind == OrgKind::kCommunity;
}

int64_t village_unit_of(store::OrgStore& units, const domain::OrgUnit& unit) {
  if (unit.kind == OrgKind::kVillage || unit.kind == OrgKind::kCommunity) {
    return unit.id;
  }
  const auto ids = domain::path_ids(unit.path);
  for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
    const auto ancestor = units.find(*it);
    if (ancestor &&
        (ancestor->kind == OrgKind::kVillage || ancestor->kind == OrgKind::kCommunity)) {
      return ancestor->id;
    }
  }
  return unit.id;
}

domain::DateNumber PeopleService::today() const {
  return domain::county_day_number(ctx_.clock.now_ms());
}

store::HouseholdPage PeopleService::list_households(const Actor& actor, const HouseholdQuery& q) {
  require(actor, Capability::kPersonRead);
  auto lease = ctx_.db.read();
  store::HouseholdFilter f;
  f.scope_path = scope_of(*lease, actor, q.unit_id);
  f.query = q.query;
  f.campaign_id = q.campaign_id;
  f.visited = q.visited;
  f.unvisited_first = q.unvisited_first;
  f.limit = std::clamp(q.limit, 1, kMaxPageSize);
  f.offset = std::max(q.offset, 0);
  return store::PeopleStore(*lease).list_households(f);
}

HouseholdDetail PeopleService::get_household(const Actor& actor, int64_t id) {
  require(actor, Capability::kPersonRead);
  auto lease = ctx_.db.read();
  store::PeopleStore people(*lease);
  const auto path = people.household_unit_path(id);
  if (!path || !actor.can_see(*path)) {
    not_found("户");
  }
  HouseholdDetail detail{*people.find_household(id), {}};
  store::PersonFilter f;
  f.scope_path = *path;
  f.household_id = id;
  f.limit = kMaxPageSize;
  detail.members = people.list_people(f).people;
  return detail;
}

Household PeopleService::create_household(const Actor& actor, const HouseholdInput& input) {
  require(actor, Capability::kPersonWrite);
  const std::string number = trimmed(input.number);
  if (auto problem = domain::check_household_number(number)) {
    throw Error(ErrorCode::kInvalidValue, *problem, "number");
  }
  if (auto problem = domain::check_free_text(input.address, domain::kMaxAddressChars, "住址")) {
    throw Error(ErrorCode::kInvalidValue, *problem, "address");
  }
  return ctx_.db.transact([&](store::Connection& c) {
    store::OrgStore units(c);
    const auto unit = units.find(input.org_unit_id);
    if (!unit || !actor.can_see(unit->path)) {
      not_found("组织", "org_unit_id");
    }
    if (!is_residential_kind(unit->kind) || !unit->active) {
      throw Error(ErrorCode::kOrgKindMismatch, "户只能建在启用的网格、村民组、楼栋、村或社区下",
                  "org_unit_id");
    }
    const int64_t village = village_unit_of(units, *unit);
    store::PeopleStore people(c);
    if (people.find_household_id(village, number)) {
      throw Error(ErrorCode::kDuplicate, "本村（社区）已有户号“" + number + "”", "number");
    }
    const int64_t now = ctx_.clock.now_ms();
    const int64_t id = people.insert_household(unit->id, village, number, input.address, now);
    people.recount({{unit->id}, {id}});
    record_audit(
        c, ctx_.clock, actor,
        {"household.create",
         "household",
         std::to_string(id),
         unit->path,
         {{"after", {{"number", number}, {"org_unit_id", unit->id}, {"address", input.address}}}}});
    return *people.find_household(id);
  });
}

Household PeopleService::update_household(const Actor& actor, int64_t id,
                                          const std::string& address) {
  require(actor, Capability::kPersonWrite);
  if (auto problem = domain::check_free_text(address, domain::kMaxAddressChars, "住址")) {
    throw Error(ErrorCode::kInvalidValue, *problem, "address");
  }
  return ctx_.db.transact([&](store::Connection& c) {
    store::PeopleStore people(c);
    const auto path = people.household_unit_path(id);
    if (!path || !actor.can_see(*path)) {
      not_found("户");
    }
    const Household before = *people.find_household(id);
    if (before.address == address) {
      return before;
    }
    people.update_household_address(id, address, ctx_.clock.now_ms());
    record_audit(c, ctx_.clock, actor,
                 {"household.update",
                  "household",
                  std::to_string(id),
                  *path,
                  {{"before", {{"address", before.address}}}, {"after", {{"address", address}}}}});
    return *people.find_household(id);
  });
}

store::PersonPage PeopleService::list_people(const Actor& actor, const PersonQuery& q) {
  require(actor, Capability::kPersonRead);
  auto lease = ctx_.db.read();
  store::PersonFilter f;
  f.scope_path = scope_of(*lease, actor, q.unit_id);
  f.linked = q.linked;
  f.tags = q.tags;
  f.household_id = q.household_id;
  f.limit = std::clamp(q.limit, 1, kMaxPageSize);
  f.offset = std::max(q.offset, 0);
  // A whole ID or phone number is looked up by its keyed hash, never by LIKE.
  const std::string query = trimmed(q.query);
  if (const auto id = domain::parse_resident_id(query, today());
      std::holds_alternative<domain::ResidentId>(id)) {
    f.id_hash = ctx_.pii.lookup_hash(kIdPurpose, std::get<domain::ResidentId>(id).number);
  } else if (const auto phone = domain::parse_phone(query);
             query.size() >= 7 && std::holds_alternative<domain::PhoneNumber>(phone)) {
    f.phone_hash = ctx_.pii.lookup_hash(kPhonePurpose, std::get<domain::PhoneNumber>(phone).digits);
  } else {
    f.name_query = query;
  }
  return store::PeopleStore(*lease).list_people(f);
}

Person PeopleService::get_person(const Actor& actor, int64_t id) {
  require(actor, Capability::kPersonRead);
  auto lease = ctx_.db.read();
  store::PeopleStore people(*lease);
  if (!person_visible(people, actor, id)) {
    not_found("人员");
  }
  return *people.find_person(id);
}

namespace {

// Fills the sealed and derived fields of `record` from clear input, checking each.
void apply_numbers(store::PersonRecord& record, const std::optional<std::string>& id_number,
                   const std::optional<std::string>& phone, std::optional<domain::Sex> sex,
                   domain::DateNumber today, const PiiCipher& pii, Random& random) {
  if (id_number) {
    if (trim(*id_number).empty()) {
      record.id_cipher.clear();
      record.id_hash.clear();
      record.id_masked.clear();
      record.birth_date = 0;
    } else {
      auto parsed = domain::parse_resident_id(*id_number, today);
      if (auto* problem = std::get_if<std::string>(&parsed)) {
        throw Error(ErrorCode::kInvalidValue, *problem, "id_number");
      }
      const auto& id = std::get<domain::ResidentId>(parsed);
      const SealedNumber sealed = seal_id_number(pii, random, id.number);
      record.id_cipher = sealed.cipher;
      record.id_hash = sealed.hash;
      record.id_masked = sealed.masked;
      record.birth_date = id.birth_date;
      if (sex && *sex != domain::Sex::kUnknown && *sex != id.sex) {
        throw Error(ErrorCode::kInvalidValue, "性别与身份证号不符", "sex");
      }
      record.sex = id.sex;
    }
  }
  if (sex && record.id_hash.empty()) {
    record.sex = *sex;
  }
  if (phone) {
    if (trim(*phone).empty()) {
      record.phone_cipher.clear();
      record.phone_hash.clear();
      record.phone_masked.clear();
    } else {
      auto parsed = domain::parse_phone(*phone);
      if (auto* problem = std::get_if<std::string>(&parsed)) {
        throw Error(ErrorCode::kInvalidValue, *problem, "phone");
      }
      const SealedNumber sealed =
          seal_phone(pii, random, std::get<domain::PhoneNumber>(parsed).digits);
      record.phone_cipher = sealed.cipher;
      record.phone_hash = sealed.hash;
      record.phone_masked = sealed.masked;
    }
  }
}

void check_texts(const store::PersonRecord& r) {
  if (auto problem = domain::check_person_name(r.name)) {
    throw Error(ErrorCode::kInvalidValue, *problem, "name");
  }
  if (auto problem = domain::check_free_text(r.relation, domain::kMaxRelationChars, "与户主关系")) {
    throw Error(ErrorCode::kInvalidValue, *problem, "relation");
  }
  if (auto problem = domain::check_free_text(r.address, domain::kMaxAddressChars, "住址")) {
    throw Error(ErrorCode::kInvalidValue, *problem, "address");
  }
  if (auto problem = domain::check_free_text(r.notes, domain::kMaxNotesChars, "备注")) {
    throw Error(ErrorCode::kInvalidValue, *problem, "notes");
  }
  if ((r.link_role == domain::LinkRole::kNone) != !r.link_unit_id) {
    throw Error(ErrorCode::kInvalidValue, "关联单位/班级和关联身份须同时填写", "link_role");
  }
}

// The household `household_id` (in scope), or not_found.
Household visible_household(store::PeopleStore& people, const Actor& actor, int64_t household_id) {
  const auto path = people.household_unit_path(household_id);
  if (!path || !actor.can_see(*path)) {
    not_found("户", "household_id");
  }
  return *people.find_household(household_id);
}

// A linked unit must exist; it may lie outside the actor's scope (a village cadre records
// that a resident works at a county department), but only an active one.
void check_link_unit(store::Connection& c, const std::optional<int64_t>& link_unit_id) {
  if (!link_unit_id) {
    return;
  }
  const auto unit = store::OrgStore(c).find(*link_unit_id);
  if (!unit || !unit->active) {
    throw Error(ErrorCode::kNotFound, "关联单位/班级不存在或已停用", "link_unit_id");
  }
}

}  // namespace

Person PeopleService::create_person(const Actor& actor, const PersonInput& input) {
  require(actor, Capability::kPersonWrite);
  store::PersonRecord r;
  r.name = trimmed(input.name);
  r.relation = domain::normalize_relation(input.relation);
  r.address = trimmed(input.address);
  r.tags = input.tags;
  r.notes = input.notes;
  r.link_unit_id = input.link_unit_id;
  r.link_role = input.link_role;
  apply_numbers(r, input.id_number, input.phone, input.sex, today(), ctx_.pii, ctx_.random);
  check_texts(r);
  return ctx_.db.transact([&](store::Connection& c) {
    store::PeopleStore people(c);
    const Household household = visible_household(people, actor, input.household_id);
    check_link_unit(c, r.link_unit_id);
    r.household_id = household.id;
    r.org_unit_id = household.org_unit_id;
    if (!r.id_hash.empty() && people.find_person_by_id_hash(r.id_hash)) {
      // The same answer wherever the existing record is: it may be outside the scope.
      throw Error(ErrorCode::kDuplicate, "该身份证号已登记", "id_number");
    }
    const int64_t now = ctx_.clock.now_ms();
    const int64_t id = people.insert_person(r, now);
    people.recount({{household.org_unit_id}, {household.id}});
    record_audit(c, ctx_.clock, actor,
                 {"person.create",
                  "person",
                  std::to_string(id),
                  *people.household_unit_path(household.id),
                  {{"after", person_summary(r)}}});
    return *people.find_person(id);
  });
}

Person PeopleService::update_person(const Actor& actor, int64_t id, const PersonChanges& ch) {
  require(actor, Capability::kPersonWrite);
  return ctx_.db.transact([&](store::Connection& c) {
    store::PeopleStore people(c);
    if (!person_visible(people, actor, id)) {
      not_found("人员");
    }
    const auto household_path = people.person_unit_paths(id).front();
    if (!actor.can_see(household_path)) {
      // Visible only through a linked unit: a school may read its students, not edit them.
      throw Error(ErrorCode::kForbidden, "该人员的户籍信息由所在村（社区）维护");
    }
    const store::PersonRecord before = *people.find_person_record(id);
    store::PersonRecord after = before;
    if (ch.name) {
      after.name = trimmed(*ch.name);
    }
    if (ch.relation) {
      after.relation = domain::normalize_relation(*ch.relation);
    }
    if (ch.address) {
      after.address = trimmed(*ch.address);
    }
    if (ch.tags) {
      after.tags = *ch.tags;
    }
    if (ch.notes) {
      after.notes = *ch.notes;
    }
    if (ch.link_unit_id) {
      after.link_unit_id = *ch.link_unit_id;
    }
    if (ch.link_role) {
      after.link_role = *ch.link_role;
    }
    apply_numbers(after, ch.id_number, ch.phone, ch.sex, today(), ctx_.pii, ctx_.random);
    check_texts(after);
    if (ch.link_unit_id) {
      check_link_unit(c, after.link_unit_id);
    }
    store::Touched touched{{before.org_unit_id}, {before.household_id}};
    if (ch.household_id && *ch.household_id != before.household_id) {
      const Household target = visible_household(people, actor, *ch.household_id);
      after.household_id = target.id;
      after.org_unit_id = target.org_unit_id;
      touched.units.insert(target.org_unit_id);
      touched.households.insert(target.id);
    }
    if (!after.id_hash.empty() && after.id_hash != before.id_hash) {
      if (people.find_person_by_id_hash(after.id_hash)) {
        throw Error(ErrorCode::kDuplicate, "该身份证号已登记", "id_number");
      }
    }
    people.update_person(id, after, ctx_.clock.now_ms());
    people.recount(touched);
    record_audit(c, ctx_.clock, actor,
                 {"person.update",
                  "person",
                  std::to_string(id),
                  household_path,
                  {{"before", person_summary(before)}, {"after", person_summary(after)}}});
    return *people.find_person(id);
  });
}

UnmaskedNumbers PeopleService::unmask(const Actor& actor, int64_t id, const std::string& reason) {
  require(actor, Capability::kPiiUnmask);
  const std::string why = trimmed(reason);
  if (why.empty()) {
    throw Error(ErrorCode::kMissingField, "查看完整号码须填写事由", "reason");
  }
  if (auto problem = domain::check_free_text(why, kMaxReasonChars, "事由")) {
    throw Error(ErrorCode::kInvalidValue, *problem, "reason");
  }
  return ctx_.db.transact([&](store::Connection& c) {
    store::PeopleStore people(c);
    if (!person_visible(people, actor, id)) {
      not_found("人员");
    }
    const store::PersonRecord r = *people.find_person_record(id);
    UnmaskedNumbers out;
    if (!r.id_cipher.empty()) {
      out.id_number = ctx_.pii.decrypt(r.id_cipher).value_or("");
    }
    if (!r.phone_cipher.empty()) {
      out.phone = ctx_.pii.decrypt(r.phone_cipher).value_or("");
    }
    if ((!r.id_cipher.empty() && out.id_number.empty()) ||
        (!r.phone_cipher.empty() && out.phone.empty())) {
      throw Error(ErrorCode::kInternal, "a sealed number does not open with the current key");
    }
    // Recorded before the numbers leave: who saw whose numbers, and why.
    record_audit(c, ctx_.clock, actor,
                 {"person.unmask",
                  "person",
                  std::to_string(id),
                  people.person_unit_paths(id).front(),
                  {{"reason", why}, {"name", r.name}, {"fields", {"id_number", "phone"}}}});
    return out;
  });
}

ExportFile PeopleService::export_people(const Actor& actor, const PersonQuery& query, bool unmasked,
                                        const std::string& reason) {
  require(actor, Capability::kPersonExport);
  if (unmasked) {
    require(actor, Capability::kPiiUnmask);
    if (trim(reason).empty()) {
      throw Error(ErrorCode::kMissingField, "导出完整号码须填写事由", "reason");
    }
  }
  std::filesystem::create_directories(ctx_.files_dir + "/exports");
  ExportFile file{ctx_.files_dir + "/exports/people-" + ctx_.random.hex_token(8) + ".xlsx", 0};
  tabular::XlsxWriter xlsx(
      file.path, "人员名单",
      {"姓名", "身份证号", "手机号", "性别", "出生日期", "户号", "与户主关系", "所属网格/村民组",
       "住址", "标签", "关联单位/班级", "关联身份", "备注"});
  PersonQuery page_query = query;
  page_query.limit = kExportPageSize;
  for (page_query.offset = 0;; page_query.offset += kExportPageSize) {
    const auto page = list_people(actor, page_query);
    for (const auto& p : page.people) {
      std::string id_number = p.id_masked;
      std::string phone = p.phone_masked;
      if (unmasked) {
        auto lease = ctx_.db.read();
        const auto record = store::PeopleStore(*lease).find_person_record(p.id);
        id_number =
            record->id_cipher.empty() ? "" : ctx_.pii.decrypt(record->id_cipher).value_or("");
        phone =
            record->phone_cipher.empty() ? "" : ctx_.pii.decrypt(record->phone_cipher).value_or("");
      }
      std::string tags;
      for (auto tag : domain::all_person_tags()) {
        if (p.tags & domain::person_tag_bit(tag)) {
          tags += (tags.empty() ? "" : "、") + std::string(domain::person_tag_label(tag));
        }
      }
      const std::string birth = p.birth_date ? std::to_string(p.birth_date) : "";
      xlsx.add_row({p.name, id_number, phone, std::string(domain::sex_label(p.sex)), birth,
                    p.household_number, p.relation, p.org_unit_name, p.address, tags,
                    p.link_unit_name, std::string(domain::link_role_label(p.link_role)), p.notes});
      ++file.rows;
    }
    if (page_query.offset + kExportPageSize >= page.total || page.people.empty()) {
      break;
    }
  }
  xlsx.close();
  ctx_.db.transact([&](store::Connection& c) {
    record_audit(c, ctx_.clock, actor,
                 {"person.export",
                  "person",
                  "",
                  query.unit_id ? scope_of(c, actor, query.unit_id) : actor.scope_path,
                  {{"rows", file.rows},
                   {"unmasked", unmasked},
                   {"reason", std::string(trim(reason))},
                   {"query", query.query},
                   {"linked", query.linked}}});
  });
  return file;
}

ExportFile PeopleService::export_households(const Actor& actor, const HouseholdQuery& query) {
  require(actor, Capability::kPersonExport);
  std::filesystem::create_directories(ctx_.files_dir + "/exports");
  ExportFile file{ctx_.files_dir + "/exports/households-" + ctx_.random.hex_token(8) + ".xlsx", 0};
  const bool with_status = query.campaign_id.has_value();
  std::vector<std::string> header = {"户号", "户主", "人数", "所属网格/村民组", "住址"};
  if (with_status) {
    header.insert(header.end(), {"走访次数", "最近走访", "当面宣传", "已签承诺书"});
  }
  tabular::XlsxWriter xlsx(file.path, "户名单", header);
  HouseholdQuery page_query = query;
  page_query.limit = kExportPageSize;
  for (page_query.offset = 0;; page_query.offset += kExportPageSize) {
    const auto page = list_households(actor, page_query);
    for (const auto& row : page.households) {
      const auto& h = row.household;
      std::vector<std::string> cells = {h.number, h.head_name, std::to_string(h.member_count),
                                        h.org_unit_name, h.address};
      if (with_status) {
        cells.push_back(std::to_string(row.status.visits));
        cells.push_back(row.status.last_visit_at ? format_county_time(*row.status.last_visit_at)
                                                 : "");
        cells.push_back(row.status.face_to_face ? "是" : "否");
        cells.push_back(row.status.letter_signed ? "是" : "否");
      }
      xlsx.add_row(cells);
      ++file.rows;
    }
    if (page_query.offset + kExportPageSize >= page.total || page.households.empty()) {
      break;
    }
  }
  xlsx.close();
  ctx_.db.transact([&](store::Connection& c) {
    record_audit(
        c, ctx_.clock, actor,
        {"household.export",
         "household",
         "",
         query.unit_id ? scope_of(c, actor, query.unit_id) : actor.scope_path,
         {{"rows", file.rows},
          {"campaign_id",
           query.campaign_id ? nlohmann::json(*query.campaign_id) : nlohmann::json()},
          {"visited", query.visited ? nlohmann::json(*query.visited) : nlohmann::json()}}});
  });
  return file;
}

}  // namespace fanzha::service
