// Maps method + path to a handler. Patterns are literal segments and "{name}"
// parameters: "/api/org/units/{id}/children". Routes also carry their body limit and
// whether the body is streamed to a file (upload routes), which the server asks for as
// soon as the request header is read. Build the router before serving; afterwards it is
// read-only and thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace fanzha::http {

inline constexpr size_t kDefaultBodyLimit = size_t{1} << 20;  // 1 MiB
inline constexpr size_t kUploadBodyLimit = size_t{64} << 20;  // 64 MiB

struct RouteOptions {
  size_t body_limit = kDefaultBodyLimit;
  bool stream_body_to_file = false;
};

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  void add(Method method, std::string_view pattern, Handler handler, RouteOptions options = {});
  // Serves GET requests that match no route outside /api/ (the web app's files).
  void set_fallback(Handler handler) { fallback_ = std::move(handler); }

  // The options of the route that will handle this request (defaults when none).
  RouteOptions options_for(Method method, std::string_view path) const;

  // Runs the matching handler. Never throws: errors become JSON error responses.
  Response dispatch(Request& request) const;

 private:
  struct Route {
    Method method;
    std::vector<std::string> segments;  // "{name}" marks a parameter
    Handler handler;
    RouteOptions options;
  };
  // The route for method + path; sets `path_matched` when only the method differs.
  const Route* find(Method method, std::string_view path, Fields* params, bool* path_matched) const;

  std::vector<Route> routes_;
  Handler fallback_;
};

}  // namespace fanzha::http
