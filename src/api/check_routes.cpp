// The scam-message check: public and rate-limited per client address (the text is
// checked and forgotten, never stored), plus the rule set's status and reload for
// those who manage the checker.
#include "api/json_input.h"
#include "api/routes.h"
#include "api/session_gate.h"
#include "checker/check_json.h"

namespace fanzha::api {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

// A message is at most 10,000 characters (40 KB of UTF-8) plus its JSON escaping.
constexpr size_t kCheckBodyLimit = size_t{64} << 10;

json status_json(const service::CheckStatus& st) {
  json out = {{"version", st.version}, {"loaded_at", st.loaded_at_ms},
              {"signals", st.signals}, {"patterns", st.patterns},
              {"model", st.model},     {"last_error", nullptr}};
  if (st.last_error) {
    out["last_error"] = {{"line", st.last_error->line}, {"reason", st.last_error->reason}};
  }
  return out;
}

service::CheckService& checker_of(Services& s) {
  if (!s.check) {
    throw Error(ErrorCode::kInternal, "checker not configured");
  }
  return *s.check;
}

}  // namespace

void add_check_routes(http::Router& router, Services& s) {
  router.add(
      Method::kPost, "/api/check",
      [&s](Request& req) {
        if (const int64_t wait = s.check_limiter.acquire(req.client_addr); wait > 0) {
          auto response = http::error_response(
              Error(ErrorCode::kRateLimited, "检测太频繁，请" + std::to_string(wait) + "秒后再试"));
          response.headers.emplace_back("Retry-After", std::to_string(wait));
          return response;
        }
        const JsonInput in(req, {"text"});
        const auto result = checker_of(s).check(in.required_string("text"));
        return Response::json(200, checker::check_result_json(result));
      },
      {kCheckBodyLimit, false});

  router.add(Method::kGet, "/api/check/rules", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    service::require(session.actor, domain::Capability::kCheckerManage);
    return Response::json(200, status_json(checker_of(s).status()));
  });

  router.add(Method::kPost, "/api/check/rules/reload", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    service::require(session.actor, domain::Capability::kCheckerManage);
    auto& checker = checker_of(s);
    if (const auto error = checker.reload(&session.actor, &s.db)) {
      std::string where = error->line > 0 ? "第" + std::to_string(error->line) + "行：" : "";
      throw Error(ErrorCode::kRulesRejected, "规则文件有误，仍使用原规则。" + where + error->reason,
                  "rules");
    }
    return Response::json(200, status_json(checker.status()));
  });
}

}  // namespace fanzha::api
