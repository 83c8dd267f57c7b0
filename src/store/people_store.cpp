#include "store/people_store.h"

#include "common/error.h"
#include "domain/org_path.h"
#include "store/like_pattern.h"

namespace fanzha::store {

using domain::Household;
using domain::Person;

namespace {

#define FANZHA_HOUSEHOLD_COLUMNS                                                         \
  "h.id, h.org_unit_id, u.name, h.village_unit_id, h.number, h.address,"                 \
  " COALESCE((SELECT p.name FROM person p WHERE p.household_id = h.id AND p.relation = " \
  "'户主' ORDER BY p.id LIMIT 1), ''), h.member_count, h.created_at, h.updated_at"

Household read_household(Statement& s) {
  Household h;
  h.id = s.get_int(0);
  h.org_unit_id = s.get_int(1);
  h.org_unit_name = s.get_text(2);
  h.village_unit_id = s.get_int(3);
  h.number = s.get_text(4);
  h.address = s.get_text(5);
  h.head_name = s.get_text(6);
  h.member_count = s.get_int(7);
  h.created_at = s.get_int(8);
  h.updated_at = s.get_int(9);
  return h;
}

#define FANZHA_PERSON_COLUMNS                                                     \
  "p.id, p.household_id, h.number, p.org_unit_id, u.name, p.name, p.id_masked,"   \
  " p.phone_masked, p.sex, p.birth_date, p.relation, p.address, p.tags, p.notes," \
  " p.link_unit_id, COALESCE(lu.name, ''), p.link_role, p.created_at, p.updated_at"
constexpr const char* kPersonJoins =
    " JOIN household h ON h.id = p.household_id JOIN org_unit u ON u.id = p.org_unit_id"
    " LEFT JOIN org_unit lu ON lu.id = p.link_unit_id";

Person read_person(Statement& s) {
  Person p;
  p.id = s.get_int(0);
  p.household_id = s.get_int(1);
  p.household_number = s.get_text(2);
  p.org_unit_id = s.get_int(3);
  p.org_unit_name = s.get_text(4);
  p.name = s.get_text(5);
  p.id_masked = s.get_text(6);
  p.phone_masked = s.get_text(7);
  const std::string sex = s.get_text(8);
  p.sex =
      sex == "M" ? domain::Sex::kMale : (sex == "F" ? domain::Sex::kFemale : domain::Sex::kUnknown);
  p.birth_date = static_cast<domain::DateNumber>(s.get_int(9));
  p.relation = s.get_text(10);
  p.address = s.get_text(11);
  p.tags = static_cast<domain::PersonTagSet>(s.get_int(12));
  p.notes = s.get_text(13);
  p.link_unit_id = s.get_optional_int(14);
  p.link_unit_name = s.get_text(15);
  p.link_role = domain::parse_link_role(s.get_text(16)).value_or(domain::LinkRole::kNone);
  p.created_at = s.get_int(17);
  p.updated_at = s.get_int(18);
  return p;
}

// Binds an optional sealed value: NULL when empty.
void bind_sealed(Statement& s, int n, const std::string& bytes) {
  if (bytes.empty()) {
    s.bind_null(n);
  } else {
    s.bind_blob(n, bytes);
  }
}

void bind_person(Statement& s, const PersonRecord& r) {
  s.bind(1, r.household_id).bind(2, r.org_unit_id).bind(3, r.name);
  bind_sealed(s, 4, r.id_cipher);
  bind_sealed(s, 5, r.id_hash);
  s.bind(6, r.id_masked);
  bind_sealed(s, 7, r.phone_cipher);
  bind_sealed(s, 8, r.phone_hash);
  s.bind(9, r.phone_masked)
      .bind(10, domain::sex_key(r.sex))
      .bind(11, int64_t{r.birth_date})
      .bind(12, r.relation)
      .bind(13, r.address)
      .bind(14, int64_t{r.tags})
      .bind(15, r.notes)
      .bind(16, r.link_unit_id)
      .bind(17, domain::link_role_key(r.link_role));
}

}  // namespace

std::optional<Household> PeopleStore::find_household(int64_t id) {
  auto s = c_.prepare("SELECT " FANZHA_HOUSEHOLD_COLUMNS
                      " FROM household h JOIN org_unit u ON u.id = h.org_unit_id WHERE h.id = $1");
  s->bind(1, id);
  if (!s->step()) {
    return std::nullopt;
  }
  return read_household(*s);
}

std::optional<int64_t> PeopleStore::find_household_id(int64_t village_unit_id,
                                                      std::string_view number) {
  auto s = c_.prepare("SELECT id FROM household WHERE village_unit_id = $1 AND number = $2");
  s->bind_all(village_unit_id, number);
  if (!s->step()) {
    return std::nullopt;
  }
  return s->get_int(0);
}

std::optional<std::string> PeopleStore::household_unit_path(int64_t id) {
  auto s = c_.prepare(
      "SELECT u.path FROM household h JOIN org_unit u ON u.id = h.org_unit_id WHERE h.id = $1");
  s->bind(1, id);
  if (!s->step()) {
    return std::nullopt;
  }
  return s->get_text(0);
}

HouseholdPage PeopleStore::list_households(const HouseholdFilter& f) {
  const std::string upper = domain::path_upper_bound(f.scope_path);
  const std::string contains = like_contains(f.query);
  const std::string prefix = like_escape(f.query) + "%";
  const int64_t campaign = f.campaign_id.value_or(0);
  const int64_t visited = f.visited ? (*f.visited ? 1 : 0) : -1;
  // Units in path order, households by number within each unit: the index order, so a
  // page of a big subtree does not sort the whole subtree.
  const std::string from =
      " FROM org_unit u JOIN household h ON h.org_unit_id = u.id"
      " LEFT JOIN household_campaign hc ON hc.campaign_id = $3 AND hc.household_id = h.id"
      " WHERE u.path >= $1 AND u.path < $2"
      " AND ($4 = '' OR h.number LIKE $5 ESCAPE '\\' OR h.address LIKE $6 ESCAPE '\\'"
      "      OR EXISTS (SELECT 1 FROM person p WHERE p.household_id = h.id AND p.relation = '户主'"
      "                 AND p.name LIKE $6 ESCAPE '\\'))"
      " AND ($7 < 0 OR (hc.household_id IS NOT NULL) = ($7 = 1))";
  auto bind_filters = [&](Statement& s) {
    s.bind_all(f.scope_path, upper, campaign, f.query, prefix, contains, visited);
  };
  HouseholdPage page;
  auto count = c_.prepare("SELECT COUNT(*)" + from);
  bind_filters(*count);
  count->step();
  page.total = count->get_int(0);
  const std::string order = f.unvisited_first
                                ? " ORDER BY (hc.household_id IS NOT NULL), u.path, h.number"
                                : " ORDER BY u.path, h.number";
  auto s = c_.prepare(std::string("SELECT " FANZHA_HOUSEHOLD_COLUMNS
                                  ", COALESCE(hc.visits, 0), hc.last_visit_at,"
                                  " hc.face_to_face_at IS NOT NULL, hc.letter_at IS NOT NULL") +
                      from + order + " LIMIT $8 OFFSET $9");
  bind_filters(*s);
  s->bind(8, f.limit).bind(9, f.offset);
  while (s->step()) {
    HouseholdRow row;
    row.household = read_household(*s);
    row.status.visits = s->get_int(10);
    row.status.last_visit_at = s->get_optional_int(11);
    row.status.face_to_face = s->get_bool(12);
    row.status.letter_signed = s->get_bool(13);
    page.households.push_back(std::move(row));
  }
  return page;
}

int64_t PeopleStore::insert_household(int64_t org_unit_id, int64_t village_unit_id,
                                      std::string_view number, std::string_view address,
                                      int64_t now) {
  auto s = c_.prepare(
      "INSERT INTO household (org_unit_id, village_unit_id, number, address, member_count,"
      " created_at, updated_at) VALUES ($1, $2, $3, $4, 0, $5, $5) RETURNING id");
  s->bind_all(org_unit_id, village_unit_id, number, address, now);
  s->step();
  return s->get_int(0);
}

void PeopleStore::update_household_address(int64_t id, std::string_view address, int64_t now) {
  c_.prepare("UPDATE household SET address = $1, updated_at = $2 WHERE id = $3")
      ->bind_all(address, now, id)
      .run();
}

std::optional<Person> PeopleStore::find_person(int64_t id) {
  auto s = c_.prepare(std::string("SELECT " FANZHA_PERSON_COLUMNS " FROM person p") + kPersonJoins +
                      " WHERE p.id = $1");
  s->bind(1, id);
  if (!s->step()) {
    return std::nullopt;
  }
  return read_person(*s);
}

std::optional<PersonRecord> PeopleStore::find_person_record(int64_t id) {
  auto s = c_.prepare(
      "SELECT household_id, org_unit_id, name, id_cipher, id_hash, id_masked, phone_cipher,"
      " phone_hash, phone_masked, sex, birth_date, relation, address, tags, notes, link_unit_id,"
      " link_role FROM person WHERE id = $1");
  s->bind(1, id);
  if (!s->step()) {
    return std::nullopt;
  }
  PersonRecord r;
  r.household_id = s->get_int(0);
  r.org_unit_id = s->get_int(1);
  r.name = s->get_text(2);
  r.id_cipher = s->get_blob(3);
  r.id_hash = s->get_blob(4);
  r.id_masked = s->get_text(5);
  r.phone_cipher = s->get_blob(6);
  r.phone_hash = s->get_blob(7);
  r.phone_masked = s->get_text(8);
  const std::string sex = s->get_text(9);
  r.sex =
      sex == "M" ? domain::Sex::kMale : (sex == "F" ? domain::Sex::kFemale : domain::Sex::kUnknown);
  r.birth_date = static_cast<domain::DateNumber>(s->get_int(10));
  r.relation = s->get_text(11);
  r.address = s->get_text(12);
  r.tags = static_cast<domain::PersonTagSet>(s->get_int(13));
  r.notes = s->get_text(14);
  r.link_unit_id = s->get_optional_int(15);
  r.link_role = domain::parse_link_role(s->get_text(16)).value_or(domain::LinkRole::kNone);
  return r;
}

std::optional<int64_t> PeopleStore::find_person_by_id_hash(std::string_view id_hash) {
  auto s = c_.prepare("SELECT id FROM person WHERE id_hash = $1");
  s->bind_blob(1, id_hash);
  if (!s->step()) {
    return std::nullopt;
  }
  return s->get_int(0);
}

std::optional<int64_t> PeopleStore::find_person_by_name(int64_t household_id,
                                                        std::string_view name) {
  auto s = c_.prepare(
      "SELECT id FROM person WHERE household_id = $1 AND name = $2 AND id_hash IS NULL LIMIT 1");
  s->bind_all(household_id, name);
  if (!s->step()) {
    return std::nullopt;
  }
  return s->get_int(0);
}

std::vector<std::string> PeopleStore::person_unit_paths(int64_t id) {
  auto s = c_.prepare(
      "SELECT u.path, lu.path FROM person p JOIN org_unit u ON u.id = p.org_unit_id"
      " LEFT JOIN org_unit lu ON lu.id = p.link_unit_id WHERE p.id = $1");
  s->bind(1, id);
  std::vector<std::string> paths;
  if (s->step()) {
    paths.push_back(s->get_text(0));
    if (!s->is_null(1)) {
      paths.push_back(s->get_text(1));
    }
  }
  return paths;
}

PersonPage PeopleStore::list_people(const PersonFilter& f) {
  const std::string upper = domain::path_upper_bound(f.scope_path);
  const std::string contains = like_contains(f.name_query);
  // `s` is the scoping unit: the household's unit, or the linked unit or class.
  const std::string scope_join = f.linked
                                     ? " FROM org_unit s JOIN person p ON p.link_unit_id = s.id"
                                     : " FROM org_unit s JOIN person p ON p.org_unit_id = s.id";
  const std::string where =
      " WHERE s.path >= $1 AND s.path < $2 AND ($3 = '' OR p.name LIKE $4 ESCAPE '\\')"
      " AND ($5 = 0 OR (p.tags & $5) = $5) AND ($6 = 0 OR p.household_id = $6)"
      " AND (length($7) = 0 OR p.id_hash = $7) AND (length($8) = 0 OR p.phone_hash = $8)";
  auto bind_filters = [&](Statement& st) {
    st.bind_all(f.scope_path, upper, f.name_query, contains, int64_t{f.tags},
                f.household_id.value_or(0));
    st.bind_blob(7, f.id_hash).bind_blob(8, f.phone_hash);
  };
  PersonPage page;
  const bool unfiltered = f.name_query.empty() && f.tags == 0 && !f.household_id &&
                          f.id_hash.empty() && f.phone_hash.empty() && !f.linked;
  if (unfiltered) {
    page.total = population_within(f.scope_path).second;
  } else {
    auto count = c_.prepare("SELECT COUNT(*)" + scope_join + where);
    bind_filters(*count);
    count->step();
    page.total = count->get_int(0);
  }
  // Scoping units in path order and people by name within each: the index order, so a
  // first page of the whole county does not sort a million rows.
  auto st = c_.prepare("SELECT " FANZHA_PERSON_COLUMNS + scope_join + kPersonJoins + where +
                       " ORDER BY s.path, p.name, p.id LIMIT $9 OFFSET $10");
  bind_filters(*st);
  st->bind(9, f.limit).bind(10, f.offset);
  while (st->step()) {
    page.people.push_back(read_person(*st));
  }
  return page;
}

int64_t PeopleStore::insert_person(const PersonRecord& r, int64_t now) {
  auto s = c_.prepare(
      "INSERT INTO person (household_id, org_unit_id, name, id_cipher, id_hash, id_masked,"
      " phone_cipher, phone_hash, phone_masked, sex, birth_date, relation, address, tags, notes,"
      " link_unit_id, link_role, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
      " $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18) RETURNING id");
  bind_person(*s, r);
  s->bind(18, now);
  s->step();
  return s->get_int(0);
}

void PeopleStore::update_person(int64_t id, const PersonRecord& r, int64_t now) {
  auto s = c_.prepare(
      "UPDATE person SET household_id = $1, org_unit_id = $2, name = $3, id_cipher = $4,"
      " id_hash = $5, id_masked = $6, phone_cipher = $7, phone_hash = $8, phone_masked = $9,"
      " sex = $10, birth_date = $11, relation = $12, address = $13, tags = $14, notes = $15,"
      " link_unit_id = $16, link_role = $17, updated_at = $18 WHERE id = $19");
  bind_person(*s, r);
  s->bind(18, now).bind(19, id);
  s->run();
}

void PeopleStore::recount(const Touched& touched) {
  auto member_count = c_.prepare(
      "UPDATE household SET member_count = (SELECT COUNT(*) FROM person WHERE household_id = $1)"
      " WHERE id = $1");
  for (int64_t household : touched.households) {
    member_count->bind(1, household).run();
  }
  auto population = c_.prepare(
      "INSERT INTO unit_population (org_unit_id, households, people) VALUES ($1,"
      " (SELECT COUNT(*) FROM household WHERE org_unit_id = $1),"
      " (SELECT COUNT(*) FROM person WHERE org_unit_id = $1))"
      " ON CONFLICT (org_unit_id) DO UPDATE SET households = excluded.households,"
      " people = excluded.people");
  for (int64_t unit : touched.units) {
    population->bind(1, unit).run();
  }
  // People changed: app figures (which count people by age and unit) must be reloaded.
  if (!touched.units.empty() || !touched.households.empty()) {
    c_.prepare(
          "UPDATE change_counter SET version = version + 1 WHERE name IN ('app', 'app_people')")
        ->run();
  }
}

std::pair<int64_t, int64_t> PeopleStore::population_within(std::string_view path) {
  auto s = c_.prepare(
      "SELECT COALESCE(SUM(p.households), 0), COALESCE(SUM(p.people), 0)"
      " FROM org_unit u JOIN unit_population p ON p.org_unit_id = u.id"
      " WHERE u.path >= $1 AND u.path < $2");
  s->bind_all(path, domain::path_upper_bound(path));
  s->step();
  return {s->get_int(0), s->get_int(1)};
}

}  // namespace fanzha::store
