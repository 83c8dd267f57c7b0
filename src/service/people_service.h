// Households and people as users see them: scoped to the actor's subtree (a person is
// also visible where their linked unit or class is), personal numbers masked, clear
// numbers only through `unmask` (roles with pii.unmask, a reason, an audit entry).
// Every write is validated, audited and done in one transaction. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/person.h"
#include "service/actor.h"
#include "service/context.h"
#include "store/org_store.h"
#include "store/people_store.h"

namespace fanzha::service {

struct HouseholdQuery {
  std::optional<int64_t> unit_id;  // default: the actor's own unit
  std::string query;
  std::optional<int64_t> campaign_id;
  std::optional<bool> visited;
  bool unvisited_first = false;
  int limit = 50;
  int offset = 0;
};

struct HouseholdInput {
  int64_t org_unit_id = 0;
  std::string number;
  std::string address;
};

struct HouseholdDetail {
  domain::Household household;
  std::vector<domain::Person> members;
};

struct PersonQuery {
  std::optional<int64_t> unit_id;  // default: the actor's own unit
  // A name part; or a whole ID number / phone number, matched exactly by its keyed hash.
  std::string query;
  domain::PersonTagSet tags = 0;
  bool linked = false;  // people linked to units/classes in the subtree, not living there
  std::optional<int64_t> household_id;
  int limit = 50;
  int offset = 0;
};

struct PersonInput {
  int64_t household_id = 0;
  std::string name;
  std::string id_number;  // clear, may be empty
  std::string phone;      // clear, may be empty
  std::string relation;
  std::string address;
  domain::PersonTagSet tags = 0;
  std::string notes;
  std::optional<domain::Sex> sex;  // from the ID number when there is one
  std::optional<int64_t> link_unit_id;
  domain::LinkRole link_role = domain::LinkRole::kNone;
};

struct PersonChanges {
  std::optional<int64_t> household_id;
  std::optional<std::string> name;
  std::optional<std::string> id_number;  // "" removes it
  std::optional<std::string> phone;      // "" removes it
  std::optional<std::string> relation;
  std::optional<std::string> address;
  std::optional<domain::PersonTagSet> tags;
  std::optional<std::string> notes;
  std::optional<domain::Sex> sex;
  std::optional<std::optional<int64_t>> link_unit_id;  // nullopt inside: remove the link
  std::optional<domain::LinkRole> link_role;
};

struct UnmaskedNumbers {
  std::string id_number;
  std::string phone;
};

struct ExportFile {
  std::string path;  // a temporary XLSX the caller sends and removes
  int64_t rows = 0;
};

class PeopleService {
 public:
  explicit PeopleService(ServiceContext context) : ctx_(context) {}

  store::HouseholdPage list_households(const Actor& actor, const HouseholdQuery& query);
  HouseholdDetail get_household(const Actor& actor, int64_t id);
  domain::Household create_household(const Actor& actor, const HouseholdInput& input);
  domain::Household update_household(const Actor& actor, int64_t id, const std::string& address);

  store::PersonPage list_people(const Actor& actor, const PersonQuery& query);
  domain::Person get_person(const Actor& actor, int64_t id);
  domain::Person create_person(const Actor& actor, const PersonInput& input);
  domain::Person update_person(const Actor& actor, int64_t id, const PersonChanges& changes);
  UnmaskedNumbers unmask(const Actor& actor, int64_t id, const std::string& reason);

  // XLSX exports; numbers stay masked unless the role may unmask and asks to (with a
  // reason). Every export is audited with its filter and row count.
  ExportFile export_people(const Actor& actor, const PersonQuery& query, bool unmasked,
                           const std::string& reason);
  ExportFile export_households(const Actor& actor, const HouseholdQuery& query);

  // Today's date in the county, yyyymmdd (for ages and ID checks).
  domain::DateNumber today() const;

 private:
  ServiceContext ctx_;
};

// Household and person placement rules shared with the roster importer.
bool is_residential_kind(domain::OrgKind kind);
// The village or community a unit belongs to (itself when it is one): household
// numbers are unique there.
int64_t village_unit_of(store::OrgStore& units, const domain::OrgUnit& unit);

}  // namespace fanzha::service
