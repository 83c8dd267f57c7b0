// HTTP-level behaviour of `fanzha serve`: limits, timeouts, keep-alive, static files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/demo_server.h"

namespace fanzha::testing {
namespace {

constexpr int kIdleTimeoutMs = 600;
// Long enough for a sanitizer build on a busy 2-core machine to read the 1 MiB bodies
// the limit tests send (the deadline covers a whole body read, not one pause).
constexpr int kReadTimeoutMs = 2000;

class TransportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new DemoServer({"--idle-timeout-ms", std::to_string(kIdleTimeoutMs),
                              "--read-timeout-ms", std::to_string(kReadTimeoutMs)});
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static DemoServer* server_;
};

DemoServer* TransportTest::server_ = nullptr;

int status_of(const std::string& raw_response) {
  if (raw_response.size() < 12 || !raw_response.starts_with("HTTP/1.1 ")) {
    return 0;
  }
  return std::stoi(raw_response.substr(9, 3));
}

std::string body_of(const std::string& raw_response) {
  const size_t at = raw_response.find("\r\n\r\n");
  return at == std::string::npos ? "" : raw_response.substr(at + 4);
}

TEST_F(TransportTest, OversizedHeaderGets431AndNothingElse) {
  const std::string request =
      "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(9000, 'a') + "\r\n\r\n";
  const auto r = raw_exchange(server_->port(), request, 3000);
  EXPECT_EQ(status_of(r.received), 431) << r.received.substr(0, 200);
  EXPECT_NE(body_of(r.received).find("\"header_too_large\""), std::string::npos);
  EXPECT_TRUE(r.closed_by_server);
}

TEST_F(TransportTest, HeaderJustUnderTheLimitIsFine) {
  const auto r =
      http_request(server_->port(), "GET", "/api/health", {{"X-Padding", std::string(7000, 'a')}});
  EXPECT_EQ(r.status, 200);
}

TEST_F(TransportTest, BodyOverOneMebibyteGets413WithoutBeingRead) {
  ApiClient admin = server_->client_as("admin");
  const std::string body = "{\"name\":\"" + std::string((1 << 20) + 10, 'a') + "\"}";
  const auto r = admin.request("PATCH", "/api/org/units/1", body);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.json()["error"]["code"], "payload_too_large");
  EXPECT_EQ(admin.get("/api/org/units/1").json()["unit"]["name"], "安澜县");
}

TEST_F(TransportTest, ChunkedBodyOverTheLimitGets413) {
  ApiClient admin = server_->client_as("admin");
  std::string request =
      "POST /api/org/units HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\nCookie: " +
      admin.cookie() + "\r\nX-CSRF-Token: " + admin.csrf_token() + "\r\n\r\n";
  const std::string chunk(64 * 1024, 'a');
  char size_line[32];
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", chunk.size());
  for (int i = 0; i < 20; ++i) {
    request += size_line + chunk + "\r\n";
  }
  request += "0\r\n\r\n";
  const auto r = raw_exchange(server_->port(), request, 5000);
  EXPECT_EQ(status_of(r.received), 413);
}

TEST_F(TransportTest, UploadRoutesTakeMoreThanOneMebibyte) {
  ApiClient admin = server_->client_as("admin");
  // 2 MiB of one bad row: read in full (streamed to disk), then rejected by the importer.
  const std::string csv =
      "code,parent_code,name,kind\n" + std::string(2 << 20, 'x') + ",1,2,grid\n";
  const auto r = admin.request("POST", "/api/org/import", csv, {{"Content-Type", "text/csv"}});
  EXPECT_EQ(r.status, 422) << r.body.substr(0, 300);
  EXPECT_EQ(r.json()["error"]["code"], "import_rejected");
  // Nothing is left behind in the upload folder.
  const auto uploads = std::filesystem::path(server_->db_path() + ".files") / "uploads";
  EXPECT_TRUE(std::filesystem::is_empty(uploads));
}

TEST_F(TransportTest, IdleHalfSentRequestIsClosedAfterTheTimeout) {
  const auto r = raw_exchange(server_->port(), "GET /api/health HTTP/1.1\r\nHost: x\r\n", 5000);
  EXPECT_TRUE(r.closed_by_server);
  EXPECT_TRUE(r.received.empty());
  EXPECT_GE(r.elapsed_ms, kIdleTimeoutMs - 50);
  EXPECT_LT(r.elapsed_ms, kIdleTimeoutMs + 2000);
}

TEST_F(TransportTest, HalfSentBodyIsClosedAfterTheReadTimeout) {
  const auto r = raw_exchange(server_->port(),
                              "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: "
                              "application/json\r\nContent-Length: 100\r\n\r\n{\"username\"",
                              5000);
  EXPECT_TRUE(r.closed_by_server);
  EXPECT_GE(r.elapsed_ms, kReadTimeoutMs - 50);
  EXPECT_LT(r.elapsed_ms, kReadTimeoutMs + 2000);
}

TEST_F(TransportTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  const std::string one = "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n";
  const auto r = raw_exchange(server_->port(), one + one + one, 2000);
  size_t count = 0;
  for (size_t at = r.received.find("HTTP/1.1 200"); at != std::string::npos;
       at = r.received.find("HTTP/1.1 200", at + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 3u);
  // The connection stays open until the idle timeout closes it.
  EXPECT_TRUE(r.closed_by_server);
  EXPECT_GE(r.elapsed_ms, kIdleTimeoutMs - 50);
}

TEST_F(TransportTest, ConnectionCloseIsHonoured) {
  const auto r = raw_exchange(
      server_->port(), "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 3000);
  EXPECT_EQ(status_of(r.received), 200);
  EXPECT_TRUE(r.closed_by_server);
  EXPECT_LT(r.elapsed_ms, kIdleTimeoutMs);
}

TEST_F(TransportTest, GarbageGets400) {
  const auto r = raw_exchange(server_->port(), "HELLO THERE\r\n\r\n", 3000);
  EXPECT_EQ(status_of(r.received), 400);
  EXPECT_TRUE(r.closed_by_server);
}

TEST_F(TransportTest, HeadAnswersLikeGetWithoutABody) {
  const auto r = raw_exchange(
      server_->port(), "HEAD /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 3000);
  EXPECT_EQ(status_of(r.received), 200);
  EXPECT_NE(r.received.find("Content-Length: "), std::string::npos);
  EXPECT_TRUE(body_of(r.received).empty());
}

TEST_F(TransportTest, ApiAnswersAreNotCachedAndCarrySecurityHeaders) {
  const auto r = http_request(server_->port(), "GET", "/api/health");
  EXPECT_EQ(r.header("Cache-Control"), "no-store");
  EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r.header("Content-Type"), "application/json; charset=utf-8");
}

TEST_F(TransportTest, LoginCookieIsHttpOnlyAndSameSiteStrict) {
  const nlohmann::json body = {{"username", "viewer"}, {"password", server_->password("viewer")}};
  const auto r = http_request(server_->port(), "POST", "/api/auth/login",
                              {{"Content-Type", "application/json"}}, body.dump());
  const std::string cookie = r.header("Set-Cookie");
  EXPECT_TRUE(cookie.starts_with("fanzha_session="));
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(r.json()["csrf_token"].get<std::string>(), "");
}

// The web app is served from the same port with proper types and caching.
TEST(StaticServing, ServesTheBuiltWebApp) {
  TempDir web;
  std::filesystem::create_directories(web.path() + "/assets");
  std::ofstream(web.file("index.html")) << "<!doctype html><title>反诈工作平台</title>";
  std::ofstream(web.file("assets/index-abc123.js")) << "console.log('x')";
  DemoServer server({"--web", web.path()});
  const auto page = http_request(server.port(), "GET", "/org/42");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.header("Cache-Control"), "no-cache");
  EXPECT_NE(page.header("Content-Security-Policy"), "");
  const auto script = http_request(server.port(), "GET", "/assets/index-abc123.js");
  EXPECT_EQ(script.header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_NE(script.header("Cache-Control").find("immutable"), std::string::npos);
  const auto again =
      http_request(server.port(), "GET", "/", {{"If-None-Match", page.header("ETag")}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(http_request(server.port(), "GET", "/assets/nope.js").status, 404);
  EXPECT_EQ(http_request(server.port(), "GET", "/api/nope").json()["error"]["code"], "not_found");
}

}  // namespace
}  // namespace fanzha::testing
