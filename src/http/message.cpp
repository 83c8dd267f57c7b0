#include "http/message.h"

#include <nlohmann/json.hpp>

#include "common/text.h"

namespace fanzha::http {

namespace {

constexpr std::pair<Method, std::string_view> kMethods[] = {
    {Method::kGet, "GET"},        {Method::kHead, "HEAD"},   {Method::kPost, "POST"},
    {Method::kPut, "PUT"},        {Method::kPatch, "PATCH"}, {Method::kDelete, "DELETE"},
    {Method::kOptions, "OPTIONS"}};

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

}  // namespace

Method parse_method(std::string_view name) {
  for (const auto& [method, text] : kMethods) {
    if (name == text) {
      return method;
    }
  }
  return Method::kOther;
}

std::string_view method_name(Method method) {
  for (const auto& [m, text] : kMethods) {
    if (m == method) {
      return text;
    }
  }
  return "OTHER";
}

std::optional<std::string_view> Request::header(std::string_view lowercase_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lowercase_name) {
      return value;
    }
  }
  return std::nullopt;
}

std::optional<std::string_view> Request::query_param(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) {
      return value;
    }
  }
  return std::nullopt;
}

std::optional<std::string_view> Request::cookie(std::string_view name) const {
  for (const auto& [header_name, value] : headers) {
    if (header_name != "cookie") {
      continue;
    }
    std::string_view rest = value;
    while (!rest.empty()) {
      const size_t semi = rest.find(';');
      std::string_view pair = trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      const size_t eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
        return pair.substr(eq + 1);
      }
    }
  }
  return std::nullopt;
}

std::string_view Request::path_param(std::string_view name) const {
  for (const auto& [key, value] : path_params) {
    if (key == name) {
      return value;
    }
  }
  return {};
}

Response Response::json(int status, const nlohmann::json& value) {
  Response r;
  r.status = status;
  r.body = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response error_response(const Error& error) {
  const bool internal = error.code() == ErrorCode::kInternal;
  nlohmann::json body = {
      {"code", error_code_name(error.code())},
      {"message", internal ? std::string("服务器内部错误，请稍后重试") : error.message()}};
  if (!error.field().empty()) {
    body["field"] = error.field();
  }
  if (!error.details().empty()) {
    nlohmann::json details = nlohmann::json::array();
    for (const auto& d : error.details()) {
      nlohmann::json item = {{"line", d.line}, {"message", d.message}};
      if (!d.field.empty()) {
        item["field"] = d.field;
      }
      details.push_back(std::move(item));
    }
    body["details"] = std::move(details);
  }
  return Response::json(error_http_status(error.code()), {{"error", std::move(body)}});
}

std::string percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      const int hi = hex_value(text[i + 1]);
      const int lo = hex_value(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && c == '+' ? ' ' : c);
  }
  return out;
}

Fields parse_query(std::string_view query) {
  Fields out;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) {
      continue;
    }
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos) {
      out.emplace_back(percent_decode(pair, true), "");
    } else {
      out.emplace_back(percent_decode(pair.substr(0, eq), true),
                       percent_decode(pair.substr(eq + 1), true));
    }
  }
  return out;
}

}  // namespace fanzha::http
