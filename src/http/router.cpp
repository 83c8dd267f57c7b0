#include "http/router.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

namespace fanzha::http {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t slash = path.find('/', start);
    const size_t end = slash == std::string_view::npos ? path.size() : slash;
    if (end > start) {
      out.push_back(path.substr(start, end - start));
    }
    if (slash == std::string_view::npos) {
      break;
    }
    start = slash + 1;
  }
  return out;
}

bool is_param(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void Router::add(Method method, std::string_view pattern, Handler handler, RouteOptions options) {
  Route route{method, {}, std::move(handler), options};
  for (auto segment : split_path(pattern)) {
    route.segments.emplace_back(segment);
  }
  routes_.push_back(std::move(route));
}

const Router::Route* Router::find(Method method, std::string_view path, Fields* params,
                                  bool* path_matched) const {
  const auto segments = split_path(path);
  *path_matched = false;
  // HEAD is answered like GET; the server leaves the body out.
  const Method wanted = method == Method::kHead ? Method::kGet : method;
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) {
      continue;
    }
    bool match = true;
    for (size_t i = 0; i < segments.size() && match; ++i) {
      match = is_param(route.segments[i]) || route.segments[i] == segments[i];
    }
    if (!match) {
      continue;
    }
    if (route.method != wanted) {
      *path_matched = true;
      continue;
    }
    if (params) {
      params->clear();
      for (size_t i = 0; i < segments.size(); ++i) {
        if (is_param(route.segments[i])) {
          const std::string& s = route.segments[i];
          params->emplace_back(s.substr(1, s.size() - 2), std::string(segments[i]));
        }
      }
    }
    return &route;
  }
  return nullptr;
}

RouteOptions Router::options_for(Method method, std::string_view path) const {
  bool path_matched = false;
  const Route* route = find(method, path, nullptr, &path_matched);
  return route ? route->options : RouteOptions{};
}

Response Router::dispatch(Request& request) const {
  try {
    bool path_matched = false;
    const Route* route = find(request.method, request.path, &request.path_params, &path_matched);
    if (route) {
      return route->handler(request);
    }
    if (path_matched) {
      throw Error(ErrorCode::kMethodNotAllowed,
                  "该接口不支持 " + std::string(method_name(request.method)) + " 请求");
    }
    const bool api = request.path == "/api" || request.path.starts_with("/api/");
    if (fallback_ && !api && (request.method == Method::kGet || request.method == Method::kHead)) {
      return fallback_(request);
    }
    throw Error(ErrorCode::kNotFound, "接口不存在");
  } catch (const Error& e) {
    if (e.code() == ErrorCode::kInternal) {
      spdlog::error("{} {}: {}", method_name(request.method), request.path, e.message());
    }
    return error_response(e);
  } catch (const std::exception& e) {
    spdlog::error("{} {}: unexpected exception: {}", method_name(request.method), request.path,
                  e.what());
    return error_response(Error(ErrorCode::kInternal, "internal"));
  }
}

}  // namespace fanzha::http
