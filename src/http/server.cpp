#include "http/server.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <limits>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "common/text.h"

namespace fanzha::http {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr int kUploadTimeoutFactor = 10;
// After an error reply, unread request bytes are drained before closing, so the client
// reads our reply instead of a connection reset: until the client pauses this long, and
// for kDrainMaxTime at most (a slow client still pushing a large upload).
constexpr auto kDrainTimeout = std::chrono::seconds(2);
constexpr auto kDrainMaxTime = std::chrono::seconds(30);
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

using SpanBody = bhttp::span_body<const char>;

std::string_view sv(beast::string_view s) { return {s.data(), s.size()}; }

template <typename Body>
Request to_request(bhttp::request<Body>& message, std::string client_addr) {
  Request r;
  r.method = parse_method(sv(message.method_string()));
  r.target = std::string(sv(message.target()));
  const size_t q = r.target.find('?');
  r.path = r.target.substr(0, q);
  if (q != std::string::npos) {
    r.query = parse_query(std::string_view(r.target).substr(q + 1));
  }
  for (const auto& field : message) {
    r.headers.emplace_back(to_lower_ascii(sv(field.name_string())), std::string(sv(field.value())));
  }
  r.client_addr = std::move(client_addr);
  return r;
}

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket&& socket, const ServerOptions& options, const Router& router)
      : stream_(std::move(socket)), options_(options), router_(router) {
    beast::error_code ec;
    const auto endpoint = stream_.socket().remote_endpoint(ec);
    client_addr_ = ec ? "unknown" : endpoint.address().to_string();
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }
  ~Connection() { remove_upload(); }

  void start() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Connection::read_header, shared_from_this()));
  }

 private:
  void read_header() {
    string_parser_.reset();
    file_parser_.reset();
    header_parser_.emplace();
    header_parser_->header_limit(static_cast<std::uint32_t>(options_.header_limit));
    // The route decides the body limit once the header is in (see on_header). Not
    // boost::none: Beast 1.74 compares Content-Length against an empty optional as "over".
    header_parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    stream_.expires_after(options_.idle_timeout);
    bhttp::async_read_header(stream_, buffer_, *header_parser_,
                             beast::bind_front_handler(&Connection::on_header, shared_from_this()));
  }

  void on_header(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::header_limit) {
      return reply_and_close(
          error_response(Error(ErrorCode::kHeaderTooLarge, "请求头过大（上限 8 KiB）")));
    }
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == net::error::eof ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset) {
      return close();
    }
    if (ec) {
      spdlog::debug("unreadable request header from {}: {}", client_addr_, ec.message());
      return reply_and_close(error_response(Error(ErrorCode::kBadRequest, "无法解析的 HTTP 请求")));
    }
    const auto& header = header_parser_->get();
    const Method method = parse_method(sv(header.method_string()));
    const std::string_view target = sv(header.target());
    const RouteOptions route = router_.options_for(method, target.substr(0, target.find('?')));
    const auto length = header_parser_->content_length();
    if (length && *length > route.body_limit) {
      return reply_and_close(error_response(
          Error(ErrorCode::kPayloadTooLarge,
                "请求体过大（上限 " + std::to_string(route.body_limit >> 20) + " MiB）")));
    }
    const bool expect_continue = beast::iequals(header[bhttp::field::expect], "100-continue");
    stream_.expires_after(route.stream_body_to_file ? options_.read_timeout * kUploadTimeoutFactor
                                                    : options_.read_timeout);
    if (route.stream_body_to_file) {
      if (!open_upload()) {
        return reply_and_close(error_response(Error(ErrorCode::kInternal, "upload file")));
      }
      file_parser_.emplace(std::move(*header_parser_));
      file_parser_->body_limit(route.body_limit);
      beast::error_code open_ec;
      file_parser_->get().body().open(upload_path_.c_str(), beast::file_mode::write, open_ec);
      if (open_ec) {
        spdlog::error("cannot open upload file {}: {}", upload_path_, open_ec.message());
        return reply_and_close(error_response(Error(ErrorCode::kInternal, "upload file")));
      }
    } else {
      string_parser_.emplace(std::move(*header_parser_));
      string_parser_->body_limit(route.body_limit);
    }
    if (expect_continue) {
      net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                       [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                         if (write_ec) {
                           return self->close();
                         }
                         self->read_body();
                       });
      return;
    }
    read_body();
  }

  void read_body() {
    auto handler = beast::bind_front_handler(&Connection::on_body, shared_from_this());
    if (file_parser_) {
      bhttp::async_read(stream_, buffer_, *file_parser_, std::move(handler));
    } else {
      bhttp::async_read(stream_, buffer_, *string_parser_, std::move(handler));
    }
  }

  void on_body(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::body_limit) {
      return reply_and_close(error_response(Error(ErrorCode::kPayloadTooLarge, "请求体过大")));
    }
    if (ec) {
      return close();
    }
    Request request;
    bool keep_alive = true;
    if (file_parser_) {
      auto& message = file_parser_->get();
      message.body().close();
      request = to_request(message, client_addr_);
      request.body_file = upload_path_;
      keep_alive = message.keep_alive();
    } else {
      auto& message = string_parser_->get();
      request = to_request(message, client_addr_);
      request.body = std::move(message.body());
      keep_alive = message.keep_alive();
    }
    const auto started = std::chrono::steady_clock::now();
    Response response = router_.dispatch(request);
    remove_upload();
    spdlog::debug("{} {} {} {}us", method_name(request.method), request.path, response.status,
                  std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count());
    head_request_ = request.method == Method::kHead;
    write(std::move(response), keep_alive);
  }

  void write(Response response, bool keep_alive) {
    response_ = std::move(response);
    const bool close_after = response_.close || !keep_alive;
    auto& out = out_.emplace();
    out.version(11);
    out.result(static_cast<unsigned>(response_.status));
    out.set(bhttp::field::content_type, response_.content_type);
    bool has_cache_control = false;
    for (const auto& [name, value] : response_.headers) {
      out.insert(name, value);
      has_cache_control = has_cache_control || beast::iequals(name, "cache-control");
    }
    if (!has_cache_control) {
      out.set(bhttp::field::cache_control, "no-store");
    }
    out.set("X-Content-Type-Options", "nosniff");
    out.set("X-Frame-Options", "DENY");
    out.set("Referrer-Policy", "same-origin");
    const std::string_view payload = response_.payload();
    out.keep_alive(!close_after);
    if (head_request_) {
      out.content_length(payload.size());  // the length GET would send, no body
    } else {
      out.body() = SpanBody::value_type(payload.data(), payload.size());
      out.prepare_payload();
    }
    stream_.expires_after(options_.write_timeout);
    bhttp::async_write(stream_, out,
                       [self = shared_from_this(), close_after](beast::error_code ec, std::size_t) {
                         self->on_write(close_after, ec);
                       });
  }

  void on_write(bool close_after, beast::error_code ec) {
    out_.reset();
    head_request_ = false;
    response_ = Response{};
    if (ec) {
      return close();
    }
    if (close_after) {
      return drain_and_close();
    }
    read_header();
  }

  void reply_and_close(Response response) {
    response.close = true;
    write(std::move(response), false);
  }

  void drain_and_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    drain_until_ = std::chrono::steady_clock::now() + kDrainMaxTime;
    drain();
  }

  void drain() {
    const auto left = drain_until_ - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) {
      return close();
    }
    stream_.expires_after(std::min<std::chrono::steady_clock::duration>(kDrainTimeout, left));
    stream_.async_read_some(net::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) {
                                return self->close();
                              }
                              self->drain();
                            });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  bool open_upload() {
    std::string pattern = options_.upload_dir + "/fanzha-upload-XXXXXX";
    const int fd = mkstemp(pattern.data());
    if (fd < 0) {
      spdlog::error("cannot create an upload file in {}", options_.upload_dir);
      return false;
    }
    ::close(fd);
    upload_path_ = pattern;
    return true;
  }

  void remove_upload() {
    if (!upload_path_.empty()) {
      ::unlink(upload_path_.c_str());
      upload_path_.clear();
    }
  }

  beast::tcp_stream stream_;
  const ServerOptions& options_;
  const Router& router_;
  std::string client_addr_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::empty_body>> header_parser_;
  std::optional<bhttp::request_parser<bhttp::string_body>> string_parser_;
  std::optional<bhttp::request_parser<bhttp::file_body>> file_parser_;
  std::string upload_path_;
  Response response_;
  std::optional<bhttp::response<SpanBody>> out_;
  bool head_request_ = false;
  std::array<char, 4096> drain_buffer_{};
  std::chrono::steady_clock::time_point drain_until_;
};

}  // namespace

struct Server::Impl {
  Impl(ServerOptions opts, const Router& r) : options(std::move(opts)), router(r) {}

  // Accept handlers run on `accept_strand`, as does the close in Server::stop, so the
  // acceptor is never closed between the check below and the next async_accept.
  void accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) {
        return;
      }
      if (ec) {
        spdlog::warn("accept: {}", ec.message());
      } else {
        std::make_shared<Connection>(std::move(socket), options, router)->start();
      }
      accept();
    });
  }

  ServerOptions options;
  const Router& router;
  net::io_context ioc;
  net::strand<net::io_context::executor_type> accept_strand{net::make_strand(ioc)};
  tcp::acceptor acceptor{accept_strand};
  net::signal_set signals{ioc, SIGINT, SIGTERM};
};

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() = default;

uint16_t Server::listen() {
  beast::error_code ec;
  const auto address = net::ip::make_address(impl_->options.host, ec);
  if (ec) {
    throw std::runtime_error("invalid listen address " + impl_->options.host);
  }
  const tcp::endpoint endpoint(address, impl_->options.port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol());
  acceptor.set_option(net::socket_base::reuse_address(true));
  acceptor.bind(endpoint, ec);
  if (ec) {
    throw std::runtime_error("cannot listen on " + impl_->options.host + ":" +
                             std::to_string(impl_->options.port) + ": " + ec.message());
  }
  acceptor.listen(net::socket_base::max_listen_connections);
  return acceptor.local_endpoint().port();
}

void Server::run() {
  impl_->signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) {
      spdlog::info("signal received, stopping");
      stop();
    }
  });
  impl_->accept();
  int threads = impl_->options.threads;
  if (threads <= 0) {
    threads = std::max(8, 4 * static_cast<int>(std::thread::hardware_concurrency()));
  }
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) {
    pool.emplace_back([this] { impl_->ioc.run(); });
  }
  impl_->ioc.run();
  for (auto& t : pool) {
    t.join();
  }
}

void Server::stop() {
  net::post(impl_->accept_strand, [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
    impl_->signals.cancel(ec);
    impl_->ioc.stop();
  });
}

}  // namespace fanzha::http
