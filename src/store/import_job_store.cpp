#include "store/import_job_store.h"

#include "domain/org_path.h"

namespace fanzha::store {

namespace {

#define FANZHA_JOB_COLUMNS                                                                       \
  "j.id, j.kind, j.org_unit_id, u.name, j.user_id, j.username, j.file_name, j.stored_path,"      \
  " j.file_bytes, j.mode, j.mapping, j.status, j.rows_total, j.rows_done, j.created, j.updated," \
  " j.unchanged, j.rejected, j.report, j.rejects_path, j.created_at, j.started_at, j.finished_at"

ImportJob read_job(Statement& s) {
  ImportJob j;
  j.id = s.get_int(0);
  j.kind = s.get_text(1);
  j.org_unit_id = s.get_int(2);
  j.org_unit_name = s.get_text(3);
  j.user_id = s.get_optional_int(4);
  j.username = s.get_text(5);
  j.file_name = s.get_text(6);
  j.stored_path = s.get_text(7);
  j.file_bytes = s.get_int(8);
  j.mode = s.get_text(9);
  j.mapping = s.get_text(10);
  j.status = s.get_text(11);
  j.rows_total = s.get_int(12);
  j.rows_done = s.get_int(13);
  j.created = s.get_int(14);
  j.updated = s.get_int(15);
  j.unchanged = s.get_int(16);
  j.rejected = s.get_int(17);
  j.report = s.get_text(18);
  j.rejects_path = s.get_text(19);
  j.created_at = s.get_int(20);
  j.started_at = s.get_optional_int(21);
  j.finished_at = s.get_optional_int(22);
  return j;
}

}  // namespace

int64_t ImportJobStore::insert(const ImportJob& j) {
  auto s = c_.prepare(
      "INSERT INTO import_job (kind, org_unit_id, user_id, username, file_name, stored_path,"
      " file_bytes, mode, mapping, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
      " $10, $11) RETURNING id");
  s->bind_all(j.kind, j.org_unit_id, j.user_id, j.username, j.file_name, j.stored_path,
              j.file_bytes, j.mode, j.mapping, j.status, j.created_at);
  s->step();
  return s->get_int(0);
}

std::optional<ImportJob> ImportJobStore::find(int64_t id) {
  auto s = c_.prepare("SELECT " FANZHA_JOB_COLUMNS
                      " FROM import_job j JOIN org_unit u ON u.id = j.org_unit_id WHERE j.id = $1");
  s->bind(1, id);
  if (!s->step()) {
    return std::nullopt;
  }
  return read_job(*s);
}

std::vector<ImportJob> ImportJobStore::list(std::string_view path, int limit) {
  auto s = c_.prepare("SELECT " FANZHA_JOB_COLUMNS
                      " FROM import_job j JOIN org_unit u ON u.id = j.org_unit_id"
                      " WHERE u.path >= $1 AND u.path < $2 ORDER BY j.id DESC LIMIT $3");
  s->bind_all(path, domain::path_upper_bound(path), limit);
  std::vector<ImportJob> out;
  while (s->step()) {
    out.push_back(read_job(*s));
  }
  return out;
}

void ImportJobStore::save(const ImportJob& j) {
  c_.prepare(
        "UPDATE import_job SET mapping = $1, status = $2, rows_total = $3, rows_done = $4,"
        " created = $5, updated = $6, unchanged = $7, rejected = $8, report = $9,"
        " rejects_path = $10, started_at = $11, finished_at = $12, mode = $13 WHERE id = $14")
      ->bind_all(j.mapping, j.status, j.rows_total, j.rows_done, j.created, j.updated, j.unchanged,
                 j.rejected, j.report, j.rejects_path, j.started_at, j.finished_at, j.mode, j.id)
      .run();
}

std::vector<ImportJob> ImportJobStore::unfinished() {
  auto s = c_.prepare("SELECT " FANZHA_JOB_COLUMNS
                      " FROM import_job j JOIN org_unit u ON u.id = j.org_unit_id"
                      " WHERE j.status IN ('queued', 'running')");
  std::vector<ImportJob> out;
  while (s->step()) {
    out.push_back(read_job(*s));
  }
  return out;
}

}  // namespace fanzha::store
