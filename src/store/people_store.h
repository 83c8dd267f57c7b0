// SQL for households and people. Personal numbers arrive here already sealed (cipher,
// keyed hash, masked form) by the service; this layer never sees them in clear.
// Households' member counts and the per-unit population counters are recounted for
// the households and units a transaction touched (`recount`), so they always equal
// the rows. Works on a Connection lent by the caller; not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/person.h"
#include "store/database.h"

namespace fanzha::store {

struct HouseholdFilter {
  std::string scope_path;  // households of units within this path
  std::string query;       // household number prefix, or a part of the address or head's name
  // With a campaign: each household's status in it, and optionally only those (not) visited.
  std::optional<int64_t> campaign_id;
  std::optional<bool> visited;
  bool unvisited_first = false;
  int limit = 50;
  int offset = 0;
};

struct HouseholdStatus {
  int64_t visits = 0;
  std::optional<int64_t> last_visit_at;
  bool face_to_face = false;
  bool letter_signed = false;
};

struct HouseholdRow {
  domain::Household household;
  HouseholdStatus status;  // in the filter's campaign, when one was given
};

struct HouseholdPage {
  std::vector<HouseholdRow> households;
  int64_t total = 0;
};

// A person as stored (personal numbers sealed).
struct PersonRecord {
  int64_t household_id = 0;
  int64_t org_unit_id = 0;
  std::string name;
  std::string id_cipher, id_hash, id_masked;           // all empty when no ID number
  std::string phone_cipher, phone_hash, phone_masked;  // all empty when no phone
  domain::Sex sex = domain::Sex::kUnknown;
  domain::DateNumber birth_date = 0;
  std::string relation;
  std::string address;
  domain::PersonTagSet tags = 0;
  std::string notes;
  std::optional<int64_t> link_unit_id;
  domain::LinkRole link_role = domain::LinkRole::kNone;
};

struct PersonFilter {
  std::string scope_path;         // people whose household's unit, or linked unit, is within it
  std::string name_query;         // part of the name
  std::string id_hash;            // exact ID number match (keyed hash), if set
  std::string phone_hash;         // exact phone match, if set
  domain::PersonTagSet tags = 0;  // people with all of these tags
  std::optional<int64_t> household_id;
  // People linked to units/classes within the scope, instead of living there.
  bool linked = false;
  int limit = 50;
  int offset = 0;
};

struct PersonPage {
  std::vector<domain::Person> people;
  int64_t total = 0;
};

// The units and households a write touched, for `PeopleStore::recount`.
struct Touched {
  std::set<int64_t> units;
  std::set<int64_t> households;
};

class PeopleStore {
 public:
  explicit PeopleStore(Connection& connection) : c_(connection) {}

  std::optional<domain::Household> find_household(int64_t id);
  std::optional<int64_t> find_household_id(int64_t village_unit_id, std::string_view number);
  HouseholdPage list_households(const HouseholdFilter& filter);
  int64_t insert_household(int64_t org_unit_id, int64_t village_unit_id, std::string_view number,
                           std::string_view address, int64_t now);
  void update_household_address(int64_t id, std::string_view address, int64_t now);
  // The path of the household's unit (for scope checks).
  std::optional<std::string> household_unit_path(int64_t id);

  std::optional<domain::Person> find_person(int64_t id);
  // The stored record, sealed fields included (for updates and unmasking).
  std::optional<PersonRecord> find_person_record(int64_t id);
  std::optional<int64_t> find_person_by_id_hash(std::string_view id_hash);
  // A person without an ID number, by household and name (how rosters identify them).
  std::optional<int64_t> find_person_by_name(int64_t household_id, std::string_view name);
  PersonPage list_people(const PersonFilter& filter);
  // The paths of the person's household unit and linked unit (for scope checks).
  std::vector<std::string> person_unit_paths(int64_t id);
  int64_t insert_person(const PersonRecord& person, int64_t now);
  void update_person(int64_t id, const PersonRecord& person, int64_t now);

  // Sets households' member counts and the units' population counters from the rows.
  void recount(const Touched& touched);
  // Households and people within `path` (from the counters).
  std::pair<int64_t, int64_t> population_within(std::string_view path);

 private:
  Connection& c_;
};

}  // namespace fanzha::store
