// Importing a case file exported by the police case system (CSV or XLSX) into the
// registry, within one unit's subtree: headers are matched by name, every row is read
// and registered as CaseService::register_case would (same checks, back-trace, sealed
// accounts, audit), all in one transaction. A case number already registered updates
// that case (an unchanged row changes nothing), so importing the same export twice never
// doubles a case; the same number twice in one file is a row error. Places and victims'
// units are unit codes or exact names within the subtree; a victim's ID number links the
// case to that person. Used by import jobs (web) and `fanzha import cases`.
#pragma once

#include "service/actor.h"
#include "service/context.h"
#include "service/roster_import.h"

namespace fanzha::service {

// `request.into_unit_id` is the subtree, `mode` all-or-nothing or valid rows (with the
// rejected rows written to `rejects_path`); mapping and purpose are not used.
RosterImportReport import_cases(const ServiceContext& context, const Actor& actor,
                                const RosterImportRequest& request, const ImportProgress& progress);

}  // namespace fanzha::service
