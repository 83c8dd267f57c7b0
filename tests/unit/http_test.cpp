#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "api/json_input.h"
#include "http/message.h"
#include "http/router.h"
#include "http/static_files.h"
#include "test_env.h"

namespace fanzha::http {
namespace {

Request make(Method method, const std::string& target) {
  Request r;
  r.method = method;
  r.target = target;
  r.path = target.substr(0, target.find('?'));
  if (target.find('?') != std::string::npos) {
    r.query = parse_query(target.substr(target.find('?') + 1));
  }
  return r;
}

TEST(Router, MatchesParametersMethodsAndFallback) {
  Router router;
  router.add(Method::kGet, "/api/org/units/{id}/children", [](Request& r) {
    return Response::json(200, {{"id", std::string(r.path_param("id"))}});
  });
  router.add(Method::kPost, "/api/upload", [](Request&) { return Response::json(200, {}); },
             {kUploadBodyLimit, true});
  router.set_fallback([](Request&) {
    Response r;
    r.content_type = "text/html";
    r.body = "app";
    return r;
  });
  auto req = make(Method::kGet, "/api/org/units/42/children");
  EXPECT_EQ(nlohmann::json::parse(router.dispatch(req).body)["id"], "42");
  auto head = make(Method::kHead, "/api/org/units/42/children");
  EXPECT_EQ(router.dispatch(head).status, 200);
  auto wrong = make(Method::kDelete, "/api/org/units/42/children");
  EXPECT_EQ(router.dispatch(wrong).status, 405);
  auto missing = make(Method::kGet, "/api/nothing");
  EXPECT_EQ(router.dispatch(missing).status, 404);
  auto page = make(Method::kGet, "/org/42");
  EXPECT_EQ(router.dispatch(page).body, "app");
  EXPECT_TRUE(router.options_for(Method::kPost, "/api/upload").stream_body_to_file);
  EXPECT_EQ(router.options_for(Method::kPost, "/api/other").body_limit, kDefaultBodyLimit);
}

TEST(Router, TurnsExceptionsIntoJsonErrors) {
  Router router;
  router.add(Method::kGet, "/api/fail",
             [](Request&) -> Response { throw Error(ErrorCode::kOrgCycle, "环", "parent_id"); });
  router.add(Method::kGet, "/api/bug",
             [](Request&) -> Response { throw std::runtime_error("secret detail"); });
  auto fail = make(Method::kGet, "/api/fail");
  const auto r = router.dispatch(fail);
  EXPECT_EQ(r.status, 409);
  const auto body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["error"]["code"], "org_cycle");
  EXPECT_EQ(body["error"]["field"], "parent_id");
  auto bug = make(Method::kGet, "/api/bug");
  const auto internal = router.dispatch(bug);
  EXPECT_EQ(internal.status, 500);
  EXPECT_EQ(internal.body.find("secret"), std::string::npos);
}

TEST(Message, QueryAndCookies) {
  const auto q = parse_query("q=%E5%9F%8E%E5%85%B3&kind=village&flag&x=a+b&bad=%zz");
  ASSERT_EQ(q.size(), 5u);
  EXPECT_EQ(q[0].second, "城关");
  EXPECT_EQ(q[2].first, "flag");
  EXPECT_EQ(q[3].second, "a b");
  EXPECT_EQ(q[4].second, "%zz");
  Request r;
  r.headers = {{"cookie", "theme=dark; fanzha_session=abc123 ;x=1"}};
  EXPECT_EQ(r.cookie("fanzha_session"), "abc123");
  EXPECT_FALSE(r.cookie("fanzha"));
}

TEST(JsonInput, StrictAboutKeysAndTypes) {
  Request r;
  r.headers = {{"content-type", "application/json"}};
  auto code_of = [&](const std::string& body, auto&& read) {
    r.body = body;
    try {
      const api::JsonInput in(r, {"name", "count", "flag"});
      read(in);
    } catch (const Error& e) {
      return std::string(error_code_name(e.code())) + ":" + e.field();
    }
    return std::string("ok");
  };
  auto name = [](const api::JsonInput& in) { in.required_string("name"); };
  EXPECT_EQ(code_of(R"({"name":"x"})", name), "ok");
  EXPECT_EQ(code_of(R"({"name":"x","other":1})", name), "unknown_field:other");
  EXPECT_EQ(code_of(R"({"count":1})", name), "missing_field:name");
  EXPECT_EQ(code_of(R"({"name":null})", name), "missing_field:name");
  EXPECT_EQ(code_of(R"({"name":1})", name), "invalid_type:name");
  EXPECT_EQ(code_of(R"({"name":"x"} trailing)", name), "invalid_json:");
  EXPECT_EQ(code_of("{\"name\":\"\xFF\"}", name), "invalid_json:");
  EXPECT_EQ(code_of(R"({"count":1.5})", [](const api::JsonInput& in) { in.optional_int("count"); }),
            "invalid_type:count");
  EXPECT_EQ(code_of(R"({"flag":1})", [](const api::JsonInput& in) { in.optional_bool("flag"); }),
            "invalid_type:flag");
  r.headers = {{"content-type", "text/plain"}};
  EXPECT_EQ(code_of(R"({"name":"x"})", name), "unsupported_media_type:");
}

TEST(StaticFiles, ServesTheAppWithTypesAndCaching) {
  testing::TestEnv env;  // for a temporary folder
  const std::string root = env.dir() + "/dist";
  std::filesystem::create_directories(root + "/assets");
  std::ofstream(root + "/index.html") << "<!doctype html><title>反诈</title>";
  std::ofstream(root + "/assets/app-3f2a.js") << "console.log(1)";
  const StaticFiles files(root);
  EXPECT_EQ(files.file_count(), 2u);

  const auto js = files.serve(make(Method::kGet, "/assets/app-3f2a.js"));
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(js.payload(), "console.log(1)");
  bool immutable = false;
  for (const auto& [k, v] : js.headers) {
    immutable = immutable || (k == "Cache-Control" && v.find("immutable") != std::string::npos);
  }
  EXPECT_TRUE(immutable);

  const auto page = files.serve(make(Method::kGet, "/org/12"));
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  std::string etag;
  for (const auto& [k, v] : page.headers) {
    if (k == "ETag") {
      etag = v;
    }
  }
  auto again = make(Method::kGet, "/");
  again.headers = {{"if-none-match", etag}};
  EXPECT_EQ(files.serve(again).status, 304);
  EXPECT_THROW(files.serve(make(Method::kGet, "/assets/missing.js")), Error);
  EXPECT_THROW(files.serve(make(Method::kGet, "/../etc/passwd.txt")), Error);
}

}  // namespace
}  // namespace fanzha::http
