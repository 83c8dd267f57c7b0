// Roster import jobs: an uploaded file becomes a job that one background worker runs
// (so the page can show progress and the upload request returns at once). A job whose
// headers need mapping waits for the user's choice; the report stays with the job.
// A job a stopped server left queued or running is marked failed at the next start
// (`recover`); its rows were never committed, so nothing of it is visible.
// Thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "service/actor.h"
#include "service/context.h"
#include "service/roster_import.h"
#include "store/import_job_store.h"

namespace fanzha::service {

struct ImportJobProgress {
  int64_t rows = 0;
  double fraction = 0;
};

struct ImportJobView {
  store::ImportJob job;
  std::optional<ImportJobProgress> live;           // while running
  std::optional<store::SubmissionRow> submission;  // a weekly app roster that was written
};

// What an import job reads: a people roster, a weekly app roster (花名册报送), or cases.
inline constexpr std::string_view kPeopleJob = "people";
inline constexpr std::string_view kAppRosterJob = "app_roster";
inline constexpr std::string_view kCasesJob = "cases";  // a police case export (issue 6)

class ImportJobs {
 public:
  explicit ImportJobs(ServiceContext context);
  ~ImportJobs();  // finishes the running job, then stops the worker
  ImportJobs(const ImportJobs&) = delete;
  ImportJobs& operator=(const ImportJobs&) = delete;

  // Marks jobs left queued or running by a previous process as failed.
  void recover();

  // Takes over `uploaded_path` (moved into the files folder) and queues a job.
  ImportJobView submit(const Actor& actor, int64_t into_unit_id, ImportMode mode,
                       const std::vector<std::pair<std::string, std::string>>& mapping,
                       const std::string& uploaded_path, const std::string& file_name,
                       std::string_view kind = kPeopleJob);
  ImportJobView get(const Actor& actor, int64_t id);
  std::vector<ImportJobView> list(const Actor& actor, int limit);
  // Sets the header choices of a job waiting for them and queues it again.
  ImportJobView choose_mapping(const Actor& actor, int64_t id,
                               const std::vector<std::pair<std::string, std::string>>& mapping);
  // The XLSX of rejected rows of a valid-rows job.
  std::string rejects_path(const Actor& actor, int64_t id);

  // Blocks until no job is queued or running (for the command line and tests).
  void wait_idle();

 private:
  void worker_loop();
  void run_job(int64_t id);
  store::ImportJob visible_job(const Actor& actor, int64_t id);
  ImportJobView view(store::ImportJob job);

  ServiceContext ctx_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<int64_t> queue_;
  std::optional<int64_t> running_;
  std::map<int64_t, ImportJobProgress> progress_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace fanzha::service
