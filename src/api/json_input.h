// Strict reading of a JSON request body: the body must be a JSON object whose keys all
// belong to the endpoint; each field is read with the type it must have. Every problem
// throws fanzha::Error naming the field (invalid_json, unknown_field, missing_field,
// invalid_type), so handlers read input in a few lines and never half-trust it.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/resident_id.h"
#include "http/message.h"

namespace fanzha::api {

class JsonInput {
 public:
  // Parses the request body; `allowed` lists every key the endpoint accepts.
  JsonInput(const http::Request& request, std::initializer_list<std::string_view> allowed);

  std::string required_string(const char* key) const;
  std::optional<std::string> optional_string(const char* key) const;
  int64_t required_int(const char* key) const;
  std::optional<int64_t> optional_int(const char* key) const;
  std::optional<bool> optional_bool(const char* key) const;
  // A JSON number (integer or not).
  double required_number(const char* key) const;
  std::optional<std::vector<int64_t>> optional_int_array(const char* key) const;
  std::optional<std::vector<std::string>> optional_string_array(const char* key) const;
  // A JSON object field, as is (callers check its members).
  std::optional<nlohmann::json> optional_object(const char* key) const;
  // A JSON array field, as is (callers check its elements).
  std::optional<nlohmann::json> optional_array(const char* key) const;
  // True when the key is present with an explicit null (PATCH: "remove this").
  bool is_null(const char* key) const;

 private:
  const nlohmann::json* field(const char* key) const;  // nullptr when absent or null

  nlohmann::json object_;
};

// A list of keys (tags, fraud types, materials) as a bit set: `parse` maps a key or label
// to its enum, `bit` the enum to its bit. An unknown key is invalid_value on `field`.
template <typename Parse, typename Bit>
uint32_t key_set(const std::vector<std::string>& keys, Parse parse, Bit bit, const char* field) {
  uint32_t set = 0;
  for (const auto& key : keys) {
    const auto value = parse(key);
    if (!value) {
      throw Error(ErrorCode::kInvalidValue, "未知的取值“" + key + "”", field);
    }
    set |= bit(*value);
  }
  return set;
}

// Header choices of a roster import ({"表头": field key or "ignore"}), from a JSON object
// or from the `mapping` query parameter holding one; unknown fields are invalid_value.
std::vector<std::pair<std::string, std::string>> mapping_value(const nlohmann::json& object);
std::vector<std::pair<std::string, std::string>> mapping_query(const http::Request& request);

// The page size of lists when the request gives no `limit`.
inline constexpr int kDefaultListLimit = 50;

// A path parameter as an id; anything that is not a positive integer is "not found".
int64_t id_param(const http::Request& request, std::string_view name);
// Optional integer / boolean query parameters; malformed values are invalid_value.
std::optional<int64_t> int_query(const http::Request& request, std::string_view name);
bool flag_query(const http::Request& request, std::string_view name);
// A "2026-11-30" date query parameter; a malformed or impossible date is invalid_value.
std::optional<domain::DateNumber> date_query(const http::Request& request, std::string_view name);
// The same for text from a JSON field.
domain::DateNumber date_value(const std::string& text, const char* field);
std::string string_query(const http::Request& request, std::string_view name);

}  // namespace fanzha::api
