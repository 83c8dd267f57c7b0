#include "support/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <stdexcept>

namespace fanzha::testing {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

bool iequal(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::string HttpResponse::header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (iequal(key, name)) {
      return value;
    }
  }
  return "";
}

nlohmann::json HttpResponse::json() const {
  auto value = nlohmann::json::parse(body, nullptr, false);
  return value.is_discarded() ? nlohmann::json() : value;
}

HttpResponse http_request(uint16_t port, const std::string& method, const std::string& target,
                          const Headers& headers, const std::string& body) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  bhttp::request<bhttp::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(bhttp::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) {
    req.set(name, value);
  }
  req.body() = body;
  req.prepare_payload();
  bhttp::write(stream, req);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 << 20);
  if (method == "HEAD") {
    parser.skip(true);
  }
  bhttp::read(stream, buffer, parser);
  const auto& res = parser.get();
  HttpResponse out;
  out.status = static_cast<int>(res.result_int());
  out.body = res.body();
  for (const auto& field : res) {
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  return out;
}

HttpResponse ApiClient::login(const std::string& username, const std::string& password) {
  const nlohmann::json body = {{"username", username}, {"password", password}};
  HttpResponse r = http_request(port_, "POST", "/api/auth/login",
                                {{"Content-Type", "application/json"}}, body.dump());
  if (r.status == 200) {
    const std::string set_cookie = r.header("Set-Cookie");
    cookie_ = set_cookie.substr(0, set_cookie.find(';'));
    csrf_ = r.json().value("csrf_token", "");
  }
  return r;
}

HttpResponse ApiClient::request(const std::string& method, const std::string& target,
                                const std::string& body, Headers headers, bool with_csrf) {
  if (!cookie_.empty()) {
    headers.emplace_back("Cookie", cookie_);
  }
  if (with_csrf && method != "GET" && !csrf_.empty()) {
    headers.emplace_back("X-CSRF-Token", csrf_);
  }
  bool has_type = false;
  for (const auto& [name, value] : headers) {
    has_type = has_type || iequal(name, "Content-Type");
  }
  if (!body.empty() && !has_type) {
    headers.emplace_back("Content-Type", "application/json");
  }
  return http_request(port_, method, target, headers, body);
}

RawResult raw_exchange(uint16_t port, const std::string& bytes, int timeout_ms) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    throw std::runtime_error("connect failed");
  }
  RawResult result;
  const auto start = std::chrono::steady_clock::now();
  size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      break;  // the server may close early (e.g. after rejecting the header)
    }
    sent += static_cast<size_t>(n);
  }
  while (true) {
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - start)
                             .count();
    if (elapsed >= timeout_ms) {
      break;
    }
    pollfd pfd{fd, POLLIN, 0};
    if (poll(&pfd, 1, static_cast<int>(timeout_ms - elapsed)) <= 0) {
      continue;
    }
    char buffer[4096];
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) {
      result.closed_by_server = true;
      break;
    }
    result.received.append(buffer, static_cast<size_t>(n));
  }
  result.elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - start)
                          .count();
  close(fd);
  return result;
}

}  // namespace fanzha::testing
