#include "service/import_jobs.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "service/audit_trail.h"
#include "service/case_import.h"
#include "store/app_store.h"
#include "store/org_store.h"
#include "store/user_store.h"

namespace fanzha::service {

namespace fs = std::filesystem;

namespace {

// What the user must be allowed to do to submit, see and fix a job of this kind.
domain::Capability job_capability(std::string_view kind) {
  if (kind == kAppRosterJob) {
    return domain::Capability::kAppWrite;
  }
  return kind == kCasesJob ? domain::Capability::kCaseWrite : domain::Capability::kPersonWrite;
}

nlohmann::json report_json(const RosterImportReport& r) {
  nlohmann::json headers = nlohmann::json::array();
  for (const auto& h : r.headers) {
    headers.push_back({{"header", h.header},
                       {"field", h.field.empty() ? nlohmann::json() : nlohmann::json(h.field)}});
  }
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& e : r.errors) {
    nlohmann::json item = {{"line", e.line}, {"message", e.message}};
    if (!e.field.empty()) {
      item["field"] = e.field;
    }
    errors.push_back(std::move(item));
  }
  return {{"format", r.format},
          {"encoding", r.encoding},
          {"headers", headers},
          {"problems", r.problems},
          {"errors", errors},
          {"households_created", r.households_created},
          {"errors_truncated", static_cast<int64_t>(r.errors.size()) < r.rejected}};
}

std::string mapping_json(const std::vector<std::pair<std::string, std::string>>& mapping) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [header, field] : mapping) {
    out[header] = field;
  }
  return out.dump();
}

std::vector<std::pair<std::string, std::string>> mapping_from_json(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_object()) {
    for (const auto& [header, field] : json.items()) {
      if (field.is_string()) {
        out.emplace_back(header, field.get<std::string>());
      }
    }
  }
  return out;
}

// The job owner as an actor, with the role and scope they have now.
std::optional<Actor> owner_actor(store::Connection& c, const store::ImportJob& job) {
  if (!job.user_id) {
    return system_actor(job.username);
  }
  const auto credentials = store::UserStore(c).find_credentials(*job.user_id);
  if (!credentials || !credentials->user.active || !credentials->unit_active) {
    return std::nullopt;
  }
  Actor actor;
  actor.user_id = credentials->user.id;
  actor.username = credentials->user.username;
  actor.display_name = credentials->user.display_name;
  actor.role = credentials->user.role;
  actor.unit_id = credentials->user.org_unit_id;
  actor.scope_path = credentials->unit_path;
  actor.client_addr = "import-job";
  return actor;
}

}  // namespace

ImportJobs::ImportJobs(ServiceContext context) : ctx_(std::move(context)) {
  fs::create_directories(ctx_.files_dir + "/imports");
  worker_ = std::thread([this] { worker_loop(); });
}

ImportJobs::~ImportJobs() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void ImportJobs::recover() {
  ctx_.db.transact([&](store::Connection& c) {
    store::ImportJobStore jobs(c);
    for (auto job : jobs.unfinished()) {
      job.status = "failed";
      job.finished_at = ctx_.clock.now_ms();
      auto report = nlohmann::json::parse(job.report, nullptr, false);
      if (!report.is_object()) {
        report = nlohmann::json::object();
      }
      report["problems"] = {"服务在导入过程中停止，本次导入未生效（没有写入任何数据），请重新上传"};
      job.report = report.dump();
      jobs.save(job);
      std::error_code ec;
      fs::remove(job.stored_path, ec);
      spdlog::warn("import job {} was left unfinished by a previous run; marked failed", job.id);
    }
  });
}

ImportJobView ImportJobs::submit(const Actor& actor, int64_t into_unit_id, ImportMode mode,
                                 const std::vector<std::pair<std::string, std::string>>& mapping,
                                 const std::string& uploaded_path, const std::string& file_name,
                                 std::string_view kind) {
  const bool app_roster = kind == kAppRosterJob;
  require(actor, job_capability(kind));
  store::ImportJob job;
  std::string unit_path;
  {
    auto lease = ctx_.db.read();
    const auto unit = store::OrgStore(*lease).find(into_unit_id);
    if (!unit || !actor.can_see(unit->path)) {
      throw Error(ErrorCode::kNotFound, "导入目标组织不存在或不在您的管辖范围内",
                  app_roster ? "unit_id" : "into");
    }
    if (app_roster) {
      const auto purpose = app_roster_purpose(unit->kind);
      if (!purpose) {
        throw Error(ErrorCode::kInvalidValue, "反诈APP花名册应按村（社区）、单位或班级报送",
                    "unit_id");
      }
      if (*purpose == domain::RosterPurpose::kAppResidents) {
        require(actor, domain::Capability::kPersonWrite);
      }
    }
    unit_path = unit->path;
  }
  const std::string extension =
      fs::path(file_name).extension().string() == ".xlsx" ? ".xlsx" : ".csv";
  const std::string stored =
      ctx_.files_dir + "/imports/upload-" + ctx_.random.hex_token(8) + extension;
  fs::rename(uploaded_path, stored);
  job.kind = std::string(kind);
  job.org_unit_id = into_unit_id;
  job.user_id = actor.user_id;
  job.username = actor.username;
  job.file_name = file_name;
  job.stored_path = stored;
  job.file_bytes = static_cast<int64_t>(fs::file_size(stored));
  job.mode = std::string(import_mode_key(mode));
  job.mapping = mapping_json(mapping);
  job.status = "queued";
  job.created_at = ctx_.clock.now_ms();
  job.report = "{}";
  try {
    job.id = ctx_.db.transact([&](store::Connection& c) {
      const int64_t id = store::ImportJobStore(c).insert(job);
      record_audit(c, ctx_.clock, actor,
                   {"import.submit",
                    "import_job",
                    std::to_string(id),
                    unit_path,
                    {{"file", file_name}, {"bytes", job.file_bytes}, {"mode", job.mode}}});
      return id;
    });
  } catch (...) {
    std::error_code ec;
    fs::remove(stored, ec);
    throw;
  }
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(job.id);
  }
  wake_.notify_one();
  return get(actor, job.id);
}

store::ImportJob ImportJobs::visible_job(const Actor& actor, int64_t id) {
  require(actor, domain::Capability::kPersonRead);
  auto lease = ctx_.db.read();
  auto job = store::ImportJobStore(*lease).find(id);
  const auto unit = job ? store::OrgStore(*lease).find(job->org_unit_id) : std::nullopt;
  if (!job || !unit || !actor.can_see(unit->path)) {
    throw Error(ErrorCode::kNotFound, "导入任务不存在或不在您的管辖范围内");
  }
  return *job;
}

ImportJobView ImportJobs::view(store::ImportJob job) {
  ImportJobView out{std::move(job), std::nullopt, std::nullopt};
  if (out.job.kind == kAppRosterJob && out.job.status == "succeeded") {
    auto lease = ctx_.db.read();
    out.submission = store::AppStore(*lease).submission_of_job(out.job.id);
  }
  std::lock_guard lock(mutex_);
  if (auto it = progress_.find(out.job.id); it != progress_.end()) {
    out.live = it->second;
  }
  return out;
}

ImportJobView ImportJobs::get(const Actor& actor, int64_t id) {
  return view(visible_job(actor, id));
}

std::vector<ImportJobView> ImportJobs::list(const Actor& actor, int limit) {
  require(actor, domain::Capability::kPersonRead);
  std::vector<store::ImportJob> jobs;
  {
    auto lease = ctx_.db.read();
    jobs = store::ImportJobStore(*lease).list(actor.scope_path, limit);
  }
  std::vector<ImportJobView> out;
  for (auto& job : jobs) {
    out.push_back(view(std::move(job)));
  }
  return out;
}

ImportJobView ImportJobs::choose_mapping(
    const Actor& actor, int64_t id,
    const std::vector<std::pair<std::string, std::string>>& mapping) {
  store::ImportJob job = visible_job(actor, id);
  require(actor, job_capability(job.kind));
  if (job.status != "needs_mapping") {
    throw Error(ErrorCode::kConflict, "该导入任务不在等待选择表头的状态");
  }
  job.mapping = mapping_json(mapping);
  job.status = "queued";
  ctx_.db.transact([&](store::Connection& c) { store::ImportJobStore(c).save(job); });
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(job.id);
  }
  wake_.notify_one();
  return get(actor, id);
}

std::string ImportJobs::rejects_path(const Actor& actor, int64_t id) {
  const store::ImportJob job = visible_job(actor, id);
  require(actor, job_capability(job.kind));
  if (job.rejects_path.empty() || !fs::exists(job.rejects_path)) {
    throw Error(ErrorCode::kNotFound, "该导入任务没有未导入行的文件");
  }
  return job.rejects_path;
}

void ImportJobs::wait_idle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return queue_.empty() && !running_; });
}

void ImportJobs::worker_loop() {
  while (true) {
    int64_t id = 0;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) {
        return;
      }
      id = queue_.front();
      queue_.pop_front();
      running_ = id;
      progress_[id] = {};
    }
    try {
      run_job(id);
    } catch (const std::exception& e) {
      spdlog::error("import job {} crashed: {}", id, e.what());
    }
    {
      std::lock_guard lock(mutex_);
      running_.reset();
      progress_.erase(id);
    }
    idle_.notify_all();
  }
}

void ImportJobs::run_job(int64_t id) {
  store::ImportJob job;
  std::optional<Actor> actor;
  {
    auto lease = ctx_.db.read();
    job = *store::ImportJobStore(*lease).find(id);
    actor = owner_actor(*lease, job);
  }
  auto finish = [&](const std::string& status) {
    job.status = status;
    job.finished_at = ctx_.clock.now_ms();
    ctx_.db.transact([&](store::Connection& c) { store::ImportJobStore(c).save(job); });
    if (status != "needs_mapping") {
      std::error_code ec;
      fs::remove(job.stored_path, ec);  // the upload holds clear personal numbers
    }
  };
  if (!actor) {
    job.report = nlohmann::json({{"problems", {"提交导入的账号已停用"}}}).dump();
    return finish("failed");
  }
  job.status = "running";
  job.started_at = ctx_.clock.now_ms();
  ctx_.db.transact([&](store::Connection& c) { store::ImportJobStore(c).save(job); });

  RosterImportRequest request;
  request.into_unit_id = job.org_unit_id;
  request.file_path = job.stored_path;
  request.mode = parse_import_mode(job.mode).value_or(ImportMode::kAllOrNothing);
  request.mapping = mapping_from_json(job.mapping);
  request.file_name = job.file_name;
  if (job.kind == kAppRosterJob) {
    request.purpose = domain::RosterPurpose::kAppResidents;  // the unit's kind decides
    request.job_id = job.id;
  }
  if (request.mode == ImportMode::kValidRows) {
    request.rejects_path = ctx_.files_dir + "/imports/rejects-" + std::to_string(job.id) + ".xlsx";
  }
  try {
    const ImportProgress progress = [&](int64_t rows, double fraction) {
      std::lock_guard lock(mutex_);
      progress_[id] = {rows, fraction};
    };
    const auto report = job.kind == kCasesJob ? import_cases(ctx_, *actor, request, progress)
                                              : import_roster(ctx_, *actor, request, progress);
    job.rows_total = report.rows_total;
    job.rows_done = report.rows_total;
    job.created = report.created;
    job.updated = report.updated;
    job.unchanged = report.unchanged;
    job.rejected = report.rejected;
    job.report = report_json(report).dump();
    if (report.rejects_written) {
      job.rejects_path = request.rejects_path;
    }
    finish(report.status);
  } catch (const Error& e) {
    const bool expected = e.code() != ErrorCode::kInternal;
    nlohmann::json details = nlohmann::json::array();
    for (const auto& d : e.details()) {
      details.push_back({{"line", d.line}, {"message", d.message}});
    }
    job.report =
        nlohmann::json({{"problems", {expected ? e.message() : "服务器内部错误，未导入任何数据"}},
                        {"errors", details}})
            .dump();
    finish(expected ? "rejected" : "failed");
  } catch (const std::exception& e) {
    spdlog::error("import job {}: {}", id, e.what());
    job.report = nlohmann::json({{"problems", {"服务器内部错误，未导入任何数据"}}}).dump();
    finish("failed");
  }
}

}  // namespace fanzha::service
