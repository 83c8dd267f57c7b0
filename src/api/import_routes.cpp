// Roster import jobs: upload a file (streamed to disk), watch its progress, map unknown
// headers, read the report, download the rejected rows.
#include "api/downloads.h"
#include "api/json_input.h"
#include "api/people_json.h"
#include "api/routes.h"
#include "api/session_gate.h"

namespace fanzha::api {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

void add_import_routes(http::Router& router, Services& s) {
  // A people roster, or a police case export: the same job machinery.
  const auto upload = [&s](std::string_view kind, const char* default_name) {
    return [&s, kind, default_name](Request& req) {
      const auto session = require_session(s.auth, req);
      const auto into = int_query(req, "into");
      if (!into) {
        throw Error(ErrorCode::kMissingField, "请选择导入到哪个组织（into）", "into");
      }
      const auto mode = service::parse_import_mode(string_query(req, "mode"));
      if (!mode) {
        throw Error(ErrorCode::kInvalidValue, "mode 应为 all_or_nothing 或 valid_rows", "mode");
      }
      const auto mapping = mapping_query(req);
      std::string file_name = string_query(req, "file_name");
      if (file_name.empty()) {
        file_name = default_name;
      }
      const auto view =
          s.imports.submit(session.actor, *into, *mode, mapping, req.body_file, file_name, kind);
      return Response::json(202, {{"job", import_job_json(view)}});
    };
  };
  router.add(Method::kPost, "/api/imports/people", upload(service::kPeopleJob, "roster.csv"),
             {kRosterUploadLimit, /*stream_body_to_file=*/true});
  router.add(Method::kPost, "/api/imports/cases", upload(service::kCasesJob, "cases.csv"),
             {kRosterUploadLimit, /*stream_body_to_file=*/true});

  router.add(Method::kGet, "/api/imports", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    json jobs = json::array();
    for (const auto& view :
         s.imports.list(session.actor, static_cast<int>(int_query(req, "limit").value_or(20)))) {
      jobs.push_back(import_job_json(view));
    }
    return Response::json(200, {{"jobs", std::move(jobs)}});
  });

  router.add(Method::kGet, "/api/imports/{id}", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    return Response::json(
        200, {{"job", import_job_json(s.imports.get(session.actor, id_param(req, "id")))}});
  });

  router.add(Method::kPost, "/api/imports/{id}/mapping", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {"mapping"});
    const auto object = in.optional_object("mapping");
    if (!object) {
      throw Error(ErrorCode::kMissingField, "缺少字段“mapping”", "mapping");
    }
    const auto view =
        s.imports.choose_mapping(session.actor, id_param(req, "id"), mapping_value(*object));
    return Response::json(200, {{"job", import_job_json(view)}});
  });

  router.add(Method::kGet, "/api/imports/{id}/rejects", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const int64_t id = id_param(req, "id");
    return file_response(s.imports.rejects_path(session.actor, id), kXlsxType,
                         "未导入的行-" + std::to_string(id) + ".xlsx", false);
  });
}

}  // namespace fanzha::api
