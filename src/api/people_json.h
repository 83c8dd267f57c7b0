// JSON shapes of households, people and import jobs (docs/api.md). Personal numbers
// only ever appear masked here.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/person.h"
#include "service/import_jobs.h"
#include "store/people_store.h"

namespace fanzha::api {

nlohmann::json household_json(const domain::Household& household);
// With the household's status in a campaign, when the list was asked for one.
nlohmann::json household_row_json(const store::HouseholdRow& row, bool with_status);
// `today` (yyyymmdd) gives the age.
nlohmann::json person_json(const domain::Person& person, domain::DateNumber today);
nlohmann::json person_tags_json(domain::PersonTagSet tags);
nlohmann::json import_job_json(const service::ImportJobView& view);
// "1985-03-17", or null for 0.
nlohmann::json date_json(domain::DateNumber date);

}  // namespace fanzha::api
