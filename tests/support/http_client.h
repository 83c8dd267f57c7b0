// Test support: a small blocking HTTP/1.1 client for talking to `fanzha serve` on
// loopback, a session-keeping ApiClient, and raw-socket helpers for malformed traffic.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace fanzha::testing {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  int status = 0;
  std::string body;
  Headers headers;  // names as sent by the server

  std::string header(const std::string& name) const;  // case-insensitive, "" if absent
  nlohmann::json json() const;                        // null when the body is not JSON
};

HttpResponse http_request(uint16_t port, const std::string& method, const std::string& target,
                          const Headers& headers = {}, const std::string& body = "");

// Signs in and keeps the session cookie and CSRF token for later requests.
class ApiClient {
 public:
  explicit ApiClient(uint16_t port) : port_(port) {}

  HttpResponse login(const std::string& username, const std::string& password);
  // Sends a request with the session cookie; writes carry the CSRF token unless
  // `with_csrf` is false. A non-empty body is sent as application/json unless
  // `headers` sets a Content-Type.
  HttpResponse request(const std::string& method, const std::string& target,
                       const std::string& body = "", Headers headers = {}, bool with_csrf = true);
  HttpResponse get(const std::string& target) { return request("GET", target); }
  HttpResponse post(const std::string& target, const nlohmann::json& body) {
    return request("POST", target, body.dump());
  }

  const std::string& csrf_token() const { return csrf_; }
  const std::string& cookie() const { return cookie_; }

 private:
  uint16_t port_;
  std::string cookie_;  // "fanzha_session=…"
  std::string csrf_;
};

struct RawResult {
  std::string received;  // everything the server sent
  bool closed_by_server = false;
  int64_t elapsed_ms = 0;  // from sending to the server closing (or the timeout)
};

// Connects, sends `bytes`, then reads until the server closes or `timeout_ms` passes.
RawResult raw_exchange(uint16_t port, const std::string& bytes, int timeout_ms);

}  // namespace fanzha::testing
