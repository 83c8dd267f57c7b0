// Importing a roster (花名册) of households and people into a unit's subtree, from a
// CSV or XLSX file: map the headers, check every row, and write households and people
// in one transaction (so a failure or a crash leaves nothing of the file behind).
// People are matched by the keyed hash of their ID number (or, without one, by name
// within the household), so importing the same file twice changes nothing and an
// updated file updates them. Used by import jobs (web) and `fanzha import people`.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.h"
#include "domain/roster.h"
#include "service/actor.h"
#include "service/context.h"
#include "store/app_store.h"

namespace fanzha::service {

enum class ImportMode { kAllOrNothing, kValidRows };
std::string_view import_mode_key(ImportMode mode);  // "all_or_nothing", "valid_rows"
std::optional<ImportMode> parse_import_mode(std::string_view key);

struct RosterImportRequest {
  int64_t into_unit_id = 0;
  std::string file_path;
  ImportMode mode = ImportMode::kAllOrNothing;
  // Choices for headers fanzha does not recognise: header → field key or "ignore".
  std::vector<std::pair<std::string, std::string>> mapping;
  // Valid-rows mode: where to write the rejected rows (with their reasons) as XLSX.
  std::string rejects_path;
  std::string file_name;  // as uploaded, for the audit entry
  // kPeople, or an app roster (either app purpose: the target's kind decides which).
  domain::RosterPurpose purpose = domain::RosterPurpose::kPeople;
  // The import job of a weekly app roster (the submission refers to it).
  std::optional<int64_t> job_id;
};

struct HeaderChoice {
  std::string header;
  std::string field;  // field key, "ignore", or "" when unknown
};

struct RosterImportReport {
  // "needs_mapping": headers must be mapped first (nothing was read beyond them);
  // "succeeded": written; "rejected": nothing written (all-or-nothing with bad rows).
  std::string status;
  std::string format;    // "csv" / "xlsx"
  std::string encoding;  // "UTF-8" / "GB18030"
  std::vector<HeaderChoice> headers;
  std::vector<std::string> problems;  // header problems (missing 姓名 column, …)
  int64_t rows_total = 0;
  int64_t created = 0;  // people
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t rejected = 0;
  int64_t households_created = 0;
  std::vector<ErrorDetail> errors;  // the first kMaxReportedRowErrors problems by line
  bool rejects_written = false;
  std::optional<store::SubmissionRow> submission;  // app rosters that were written
};

inline constexpr size_t kMaxReportedRowErrors = 1000;

// Progress: rows read so far and the share of the file consumed (0…1).
using ImportProgress = std::function<void(int64_t rows, double fraction)>;

// The purpose of an app roster handed in for a unit of `kind` (villages: residents; units
// and classes: members); nullopt for kinds that do not hand in app rosters.
std::optional<domain::RosterPurpose> app_roster_purpose(domain::OrgKind kind);

// Runs the import as `actor`. Problems with the file itself throw Error(kImportRejected).
RosterImportReport import_roster(const ServiceContext& context, const Actor& actor,
                                 const RosterImportRequest& request,
                                 const ImportProgress& progress);

}  // namespace fanzha::service
