// The HTTP request and response as fanzha's handlers see them: plain structs, no Beast
// types. A Request is filled by the server and owned by the connection that read it; a
// Response is returned by value. Not thread-safe (one request, one thread).
#pragma once

#include <cstddef>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.h"

namespace fanzha::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

Method parse_method(std::string_view name);
std::string_view method_name(Method method);
inline bool is_write(Method m) {
  return m == Method::kPost || m == Method::kPut || m == Method::kPatch || m == Method::kDelete;
}

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Request {
  Method method = Method::kGet;
  std::string target;     // as sent: path and query
  std::string path;       // without the query
  Fields query;           // decoded name/value pairs
  Fields headers;         // names in lowercase
  Fields path_params;     // filled by the router
  std::string body;       // the body, unless the route streams it to a file
  std::string body_file;  // upload routes: the file holding the body (removed afterwards)
  std::string client_addr;

  std::optional<std::string_view> header(std::string_view lowercase_name) const;
  std::optional<std::string_view> query_param(std::string_view name) const;
  std::optional<std::string_view> cookie(std::string_view name) const;
  // A path parameter the route declared ("{id}"); empty when absent.
  std::string_view path_param(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  // For large immutable bodies (static assets): shared instead of copied.
  std::shared_ptr<const std::string> shared_body;
  Fields headers;
  bool close = false;  // close the connection after this response

  std::string_view payload() const { return shared_body ? *shared_body : body; }

  static Response json(int status, const nlohmann::json& value);
};

// The JSON error body {"error":{"code","message","field"?,"details"?}} with the status
// of the code. Internal errors never carry their message out.
Response error_response(const Error& error);

// Splits "a=1&b=%E4%B8%AD" into decoded pairs ('+' is a space).
Fields parse_query(std::string_view query);
std::string percent_decode(std::string_view text, bool plus_is_space);

}  // namespace fanzha::http
