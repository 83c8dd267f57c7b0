#include "api/json_input.h"

#include <algorithm>

#include "common/text.h"
#include "domain/roster.h"

namespace fanzha::api {

namespace {

[[noreturn]] void wrong_type(const char* key, const char* expected) {
  throw Error(ErrorCode::kInvalidType, std::string("字段“") + key + "”应为" + expected, key);
}

}  // namespace

JsonInput::JsonInput(const http::Request& request,
                     std::initializer_list<std::string_view> allowed) {
  const auto content_type = request.header("content-type");
  if (!request.body.empty() && (!content_type || !content_type->starts_with("application/json"))) {
    throw Error(ErrorCode::kUnsupportedMediaType,
                "请求体应为 JSON（Content-Type: application/json）");
  }
  if (request.body.empty()) {
    object_ = nlohmann::json::object();
  } else {
    object_ = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
    if (object_.is_discarded()) {
      throw Error(ErrorCode::kInvalidJson, "请求体不是有效的 JSON");
    }
    if (!object_.is_object()) {
      throw Error(ErrorCode::kInvalidJson, "请求体应为 JSON 对象");
    }
  }
  for (const auto& [key, value] : object_.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      throw Error(ErrorCode::kUnknownField, "不认识的字段“" + key + "”", key);
    }
  }
}

const nlohmann::json* JsonInput::field(const char* key) const {
  const auto it = object_.find(key);
  if (it == object_.end() || it->is_null()) {
    return nullptr;
  }
  return &*it;
}

std::string JsonInput::required_string(const char* key) const {
  auto value = optional_string(key);
  if (!value) {
    throw Error(ErrorCode::kMissingField, std::string("缺少字段“") + key + "”", key);
  }
  return *value;
}

std::optional<std::string> JsonInput::optional_string(const char* key) const {
  const auto* value = field(key);
  if (!value) {
    return std::nullopt;
  }
  if (!value->is_string()) {
    wrong_type(key, "字符串");
  }
  return value->get<std::string>();
}

int64_t JsonInput::required_int(const char* key) const {
  auto value = optional_int(key);
  if (!value) {
    throw Error(ErrorCode::kMissingField, std::string("缺少字段“") + key + "”", key);
  }
  return *value;
}

double JsonInput::required_number(const char* key) const {
  const auto* value = field(key);
  if (!value) {
    throw Error(ErrorCode::kMissingField, std::string("缺少字段“") + key + "”", key);
  }
  if (!value->is_number()) {
    wrong_type(key, "数字");
  }
  return value->get<double>();
}

std::optional<int64_t> JsonInput::optional_int(const char* key) const {
  const auto* value = field(key);
  if (!value) {
    return std::nullopt;
  }
  if (!value->is_number_integer()) {
    wrong_type(key, "整数");
  }
  return value->get<int64_t>();
}

std::optional<bool> JsonInput::optional_bool(const char* key) const {
  const auto* value = field(key);
  if (!value) {
    return std::nullopt;
  }
  if (!value->is_boolean()) {
    wrong_type(key, "true 或 false");
  }
  return value->get<bool>();
}

std::optional<std::vector<int64_t>> JsonInput::optional_int_array(const char* key) const {
  const auto* value = field(key);
  if (!value) {
    return std::nullopt;
  }
  if (!value->is_array()) {
    wrong_type(key, "整数数组");
  }
  std::vector<int64_t> out;
  for (const auto& item : *value) {
    if (!item.is_number_integer()) {
      wrong_type(key, "整数数组");
    }
    out.push_back(item.get<int64_t>());
  }
  return out;
}

std::optional<std::vector<std::string>> JsonInput::optional_string_array(const char* key) const {
  const auto* value = field(key);
  if (!value) {
    return std::nullopt;
  }
  if (!value->is_array()) {
    wrong_type(key, "字符串数组");
  }
  std::vector<std::string> out;
  for (const auto& item : *value) {
    if (!item.is_string()) {
      wrong_type(key, "字符串数组");
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::optional<nlohmann::json> JsonInput::optional_object(const char* key) const {
  const auto* value = field(key);
  if (!value) {
    return std::nullopt;
  }
  if (!value->is_object()) {
    wrong_type(key, "对象");
  }
  return *value;
}

std::optional<nlohmann::json> JsonInput::optional_array(const char* key) const {
  const auto* value = field(key);
  if (!value) {
    return std::nullopt;
  }
  if (!value->is_array()) {
    wrong_type(key, "列表");
  }
  return *value;
}

bool JsonInput::is_null(const char* key) const {
  const auto it = object_.find(key);
  return it != object_.end() && it->is_null();
}

int64_t id_param(const http::Request& request, std::string_view name) {
  const auto id = parse_int64(request.path_param(name));
  if (!id || *id <= 0) {
    throw Error(ErrorCode::kNotFound, "记录不存在");
  }
  return *id;
}

std::optional<int64_t> int_query(const http::Request& request, std::string_view name) {
  const auto text = request.query_param(name);
  if (!text || text->empty()) {
    return std::nullopt;
  }
  const auto value = parse_int64(*text);
  if (!value) {
    throw Error(ErrorCode::kInvalidValue, "参数“" + std::string(name) + "”应为整数",
                std::string(name));
  }
  return value;
}

std::vector<std::pair<std::string, std::string>> mapping_value(const nlohmann::json& object) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [header, field] : object.items()) {
    if (!field.is_string()) {
      throw Error(ErrorCode::kInvalidType, "mapping 的每一项应为字段名或 \"ignore\"", "mapping");
    }
    const std::string key = field.get<std::string>();
    if (key != "ignore" && !domain::parse_roster_field(key)) {
      throw Error(ErrorCode::kInvalidValue, "未知的字段“" + key + "”", "mapping");
    }
    out.emplace_back(header, key);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> mapping_query(const http::Request& request) {
  const std::string text = string_query(request, "mapping");
  if (text.empty()) {
    return {};
  }
  const auto object = nlohmann::json::parse(text, nullptr, false);
  if (!object.is_object()) {
    throw Error(ErrorCode::kInvalidJson, "mapping 应为 JSON 对象", "mapping");
  }
  return mapping_value(object);
}

domain::DateNumber date_value(const std::string& text, const char* field) {
  const auto date = domain::parse_date_text(text);
  if (!date) {
    throw Error(ErrorCode::kInvalidValue, "“" + std::string(field) + "”应为日期，例如 2027-03-31",
                field);
  }
  return *date;
}

std::optional<domain::DateNumber> date_query(const http::Request& request, std::string_view name) {
  const auto text = request.query_param(name);
  if (!text || text->empty()) {
    return std::nullopt;
  }
  return date_value(std::string(*text), std::string(name).c_str());
}

bool flag_query(const http::Request& request, std::string_view name) {
  const auto text = request.query_param(name);
  return text && (*text == "1" || *text == "true");
}

std::string string_query(const http::Request& request, std::string_view name) {
  const auto text = request.query_param(name);
  if (!text) {
    return {};
  }
  if (!is_valid_utf8(*text)) {
    throw Error(ErrorCode::kInvalidValue, "参数“" + std::string(name) + "”不是有效的文本",
                std::string(name));
  }
  return std::string(trim(*text));
}

}  // namespace fanzha::api
