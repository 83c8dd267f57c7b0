// The org tree: read a unit, its children, path, subtree; search; create, rename,
// (de)activate, move, delete; import a tree from CSV.
#include <fstream>
#include <sstream>

#include "api/json_input.h"
#include "api/json_output.h"
#include "api/routes.h"
#include "api/session_gate.h"
#include "domain/org_path.h"

namespace fanzha::api {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

std::optional<domain::OrgKind> kind_query(const Request& req) {
  const std::string text = string_query(req, "kind");
  if (text.empty()) {
    return std::nullopt;
  }
  const auto kind = domain::parse_org_kind(text);
  if (!kind) {
    throw Error(ErrorCode::kInvalidValue, "未知的组织类型“" + text + "”", "kind");
  }
  return kind;
}

domain::OrgKind required_kind(const JsonInput& in) {
  const std::string text = in.required_string("kind");
  const auto kind = domain::parse_org_kind(text);
  if (!kind) {
    throw Error(ErrorCode::kInvalidValue, "未知的组织类型“" + text + "”", "kind");
  }
  return *kind;
}

json page_json(const store::OrgPage& page) {
  return {{"units", units_json(page.units)}, {"total", page.total}};
}

std::string read_upload(const Request& req) {
  std::ifstream in(req.body_file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

void add_org_routes(http::Router& router, Services& s) {
  router.add(Method::kGet, "/api/org/units/{id}", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    return Response::json(200,
                          {{"unit", unit_json(s.org.get(session.actor, id_param(req, "id")))}});
  });

  router.add(Method::kGet, "/api/org/units/{id}/children", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto units =
        s.org.children(session.actor, id_param(req, "id"), flag_query(req, "include_inactive"));
    return Response::json(200, {{"units", units_json(units)}});
  });

  router.add(Method::kGet, "/api/org/units/{id}/path", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    return Response::json(200,
                          {{"units", units_json(s.org.path(session.actor, id_param(req, "id")))}});
  });

  router.add(Method::kGet, "/api/org/units/{id}/subtree", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto page =
        s.org.subtree(session.actor, id_param(req, "id"), kind_query(req),
                      static_cast<int>(int_query(req, "limit").value_or(kDefaultListLimit)),
                      static_cast<int>(int_query(req, "offset").value_or(0)));
    return Response::json(200, page_json(page));
  });

  router.add(Method::kGet, "/api/org/search", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto page = s.org.search(session.actor, string_query(req, "q"), kind_query(req),
                                   static_cast<int>(int_query(req, "limit").value_or(20)));
    json result = page_json(page);
    // Each hit carries the names along its path (below the caller's scope root) so
    // that people can tell two "第一网格" apart.
    for (size_t i = 0; i < page.units.size(); ++i) {
      json names = json::array();
      for (const auto& unit : s.org.path(session.actor, page.units[i].id)) {
        names.push_back(unit.name);
      }
      result["units"][i]["path_names"] = std::move(names);
    }
    return Response::json(200, result);
  });

  router.add(Method::kPost, "/api/org/units", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {"parent_id", "code", "name", "kind"});
    service::NewUnitInput input;
    input.parent_id = in.required_int("parent_id");
    input.code = in.required_string("code");
    input.name = in.required_string("name");
    input.kind = required_kind(in);
    return Response::json(201, {{"unit", unit_json(s.org.create(session.actor, input))}});
  });

  router.add(Method::kPatch, "/api/org/units/{id}", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {"name", "active"});
    service::UnitChanges changes{in.optional_string("name"), in.optional_bool("active")};
    const auto unit = s.org.update(session.actor, id_param(req, "id"), changes);
    return Response::json(200, {{"unit", unit_json(unit)}});
  });

  router.add(Method::kPost, "/api/org/units/{id}/move", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {"parent_id"});
    const auto unit = s.org.move(session.actor, id_param(req, "id"), in.required_int("parent_id"));
    return Response::json(200, {{"unit", unit_json(unit)}});
  });

  router.add(Method::kDelete, "/api/org/units/{id}", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    s.org.remove(session.actor, id_param(req, "id"));
    return Response::json(200, {{"ok", true}});
  });

  router.add(Method::kPost, "/api/org/import",
             [&s](Request& req) {
               const auto session = require_session(s.auth, req);
               const auto content_type = req.header("content-type").value_or("");
               if (!content_type.starts_with("text/csv") &&
                   !content_type.starts_with("text/plain") &&
                   !content_type.starts_with("application/octet-stream")) {
                 throw Error(ErrorCode::kUnsupportedMediaType,
                             "请上传 CSV 文件（Content-Type: text/csv）");
               }
               const auto summary = s.org.import_csv(session.actor, read_upload(req));
               return Response::json(200, {{"created", summary.created},
                                           {"renamed", summary.renamed},
                                           {"unchanged", summary.unchanged}});
             },
             {http::kUploadBodyLimit, /*stream_body_to_file=*/true});
}

}  // namespace fanzha::api
