// The HTTP/1.1 server: keep-alive connections on a pool of threads, header and body
// limits, read/idle timeouts, upload bodies streamed to disk. Boost.Beast stays inside
// server.cpp; handlers only see http::Request / http::Response.
//
// Usage: construct, `listen()` (binds; returns the port, useful with port 0), then
// `run()` blocks until `stop()` or SIGINT/SIGTERM. The Router must outlive the Server.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "http/router.h"

namespace fanzha::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  int threads = 0;  // 0: max(8, 4 × cores); handlers block on the database and on fsync
  size_t header_limit = 8 * 1024;
  // Waiting for (the whole header of) the next request on an open connection.
  std::chrono::milliseconds idle_timeout{30'000};
  // Reading a request body once its header has arrived (upload routes get 10×).
  std::chrono::milliseconds read_timeout{30'000};
  std::chrono::milliseconds write_timeout{30'000};
  std::string upload_dir = "/tmp";  // where upload bodies are streamed
};

class Server {
 public:
  Server(ServerOptions options, const Router& router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns the bound port. Throws std::runtime_error on failure.
  uint16_t listen();
  // Serves until stop() or a SIGINT/SIGTERM; returns after in-flight handlers finish.
  void run();
  // Thread-safe.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fanzha::http
