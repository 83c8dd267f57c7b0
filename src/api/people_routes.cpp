// Households and people: lists, records, edits, unmasking, XLSX exports.
#include "api/downloads.h"
#include "api/json_input.h"
#include "api/people_json.h"
#include "api/routes.h"
#include "api/session_gate.h"

namespace fanzha::api {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

// The fields a person's form sends (the array lives as long as the program).
const std::initializer_list<std::string_view> kPersonFields = {
    "household_id", "name",  "id_number", "phone",        "relation", "address",
    "tags",         "notes", "sex",       "link_unit_id", "link_role"};

domain::PersonTagSet tags_value(const std::vector<std::string>& keys, const char* field) {
  return key_set(keys, domain::parse_person_tag, domain::person_tag_bit, field);
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = text.find(',', start);
    const std::string part =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!part.empty()) {
      out.push_back(part);
    }
    if (comma == std::string::npos) {
      break;
    }
    start = comma + 1;
  }
  return out;
}

std::optional<bool> bool_query(const Request& req, std::string_view name) {
  const std::string text = string_query(req, name);
  if (text.empty()) {
    return std::nullopt;
  }
  if (text == "1" || text == "true") {
    return true;
  }
  if (text == "0" || text == "false") {
    return false;
  }
  throw Error(ErrorCode::kInvalidValue, "参数“" + std::string(name) + "”应为 0 或 1",
              std::string(name));
}

service::HouseholdQuery household_query(const Request& req) {
  service::HouseholdQuery q;
  q.unit_id = int_query(req, "unit_id");
  q.query = string_query(req, "q");
  q.campaign_id = int_query(req, "campaign_id");
  q.visited = bool_query(req, "visited");
  q.unvisited_first = string_query(req, "order") == "unvisited_first";
  q.limit = static_cast<int>(int_query(req, "limit").value_or(kDefaultListLimit));
  q.offset = static_cast<int>(int_query(req, "offset").value_or(0));
  return q;
}

service::PersonQuery person_query(const Request& req) {
  service::PersonQuery q;
  q.unit_id = int_query(req, "unit_id");
  q.query = string_query(req, "q");
  q.tags = tags_value(split_commas(string_query(req, "tags")), "tags");
  q.linked = flag_query(req, "linked");
  q.household_id = int_query(req, "household_id");
  q.limit = static_cast<int>(int_query(req, "limit").value_or(kDefaultListLimit));
  q.offset = static_cast<int>(int_query(req, "offset").value_or(0));
  return q;
}

std::optional<domain::Sex> sex_value(const JsonInput& in) {
  const auto text = in.optional_string("sex");
  if (!text) {
    return std::nullopt;
  }
  const auto sex = domain::parse_sex(*text);
  if (!sex) {
    throw Error(ErrorCode::kInvalidValue, "性别应为 M、F 或空", "sex");
  }
  return sex;
}

domain::LinkRole link_role_value(const std::string& text) {
  const auto role = domain::parse_link_role(text);
  if (!role) {
    throw Error(ErrorCode::kInvalidValue, "关联身份应为 staff、student、parent 或空", "link_role");
  }
  return *role;
}

}  // namespace

void add_people_routes(http::Router& router, Services& s) {
  router.add(Method::kGet, "/api/households", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto q = household_query(req);
    const auto page = s.people.list_households(session.actor, q);
    json rows = json::array();
    for (const auto& row : page.households) {
      rows.push_back(household_row_json(row, q.campaign_id.has_value()));
    }
    return Response::json(200, {{"households", std::move(rows)}, {"total", page.total}});
  });

  router.add(Method::kGet, "/api/households/export", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto file = s.people.export_households(session.actor, household_query(req));
    return file_response(file.path, kXlsxType, "户名单.xlsx", true);
  });

  router.add(Method::kGet, "/api/households/{id}", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto detail = s.people.get_household(session.actor, id_param(req, "id"));
    json members = json::array();
    const auto today = s.people.today();
    for (const auto& p : detail.members) {
      members.push_back(person_json(p, today));
    }
    return Response::json(
        200, {{"household", household_json(detail.household)}, {"members", std::move(members)}});
  });

  router.add(Method::kPost, "/api/households", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {"org_unit_id", "number", "address"});
    service::HouseholdInput input{in.required_int("org_unit_id"), in.required_string("number"),
                                  in.optional_string("address").value_or("")};
    return Response::json(
        201, {{"household", household_json(s.people.create_household(session.actor, input))}});
  });

  router.add(Method::kPatch, "/api/households/{id}", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {"address"});
    const auto household = s.people.update_household(session.actor, id_param(req, "id"),
                                                     in.required_string("address"));
    return Response::json(200, {{"household", household_json(household)}});
  });

  router.add(Method::kGet, "/api/people", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto page = s.people.list_people(session.actor, person_query(req));
    json people = json::array();
    const auto today = s.people.today();
    for (const auto& p : page.people) {
      people.push_back(person_json(p, today));
    }
    return Response::json(200, {{"people", std::move(people)}, {"total", page.total}});
  });

  router.add(Method::kGet, "/api/people/export", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const auto file = s.people.export_people(
        session.actor, person_query(req), flag_query(req, "unmask"), string_query(req, "reason"));
    return file_response(file.path, kXlsxType, "人员名单.xlsx", true);
  });

  router.add(Method::kGet, "/api/people/{id}", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    return Response::json(
        200, {{"person", person_json(s.people.get_person(session.actor, id_param(req, "id")),
                                     s.people.today())}});
  });

  router.add(Method::kPost, "/api/people", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, kPersonFields);
    service::PersonInput input;
    input.household_id = in.required_int("household_id");
    input.name = in.required_string("name");
    input.id_number = in.optional_string("id_number").value_or("");
    input.phone = in.optional_string("phone").value_or("");
    input.relation = in.optional_string("relation").value_or("");
    input.address = in.optional_string("address").value_or("");
    input.tags =
        tags_value(in.optional_string_array("tags").value_or(std::vector<std::string>{}), "tags");
    input.notes = in.optional_string("notes").value_or("");
    input.sex = sex_value(in);
    input.link_unit_id = in.optional_int("link_unit_id");
    input.link_role = link_role_value(in.optional_string("link_role").value_or(""));
    return Response::json(
        201,
        {{"person", person_json(s.people.create_person(session.actor, input), s.people.today())}});
  });

  router.add(Method::kPatch, "/api/people/{id}", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, kPersonFields);
    service::PersonChanges ch;
    ch.household_id = in.optional_int("household_id");
    ch.name = in.optional_string("name");
    ch.id_number = in.optional_string("id_number");
    ch.phone = in.optional_string("phone");
    ch.relation = in.optional_string("relation");
    ch.address = in.optional_string("address");
    if (const auto tags = in.optional_string_array("tags")) {
      ch.tags = tags_value(*tags, "tags");
    }
    ch.notes = in.optional_string("notes");
    ch.sex = sex_value(in);
    if (in.is_null("link_unit_id")) {
      ch.link_unit_id = std::optional<int64_t>();
    } else if (const auto link = in.optional_int("link_unit_id")) {
      ch.link_unit_id = std::optional<int64_t>(*link);
    }
    if (const auto role = in.optional_string("link_role")) {
      ch.link_role = link_role_value(*role);
    }
    const auto person = s.people.update_person(session.actor, id_param(req, "id"), ch);
    return Response::json(200, {{"person", person_json(person, s.people.today())}});
  });

  router.add(Method::kPost, "/api/people/{id}/unmask", [&s](Request& req) {
    const auto session = require_session(s.auth, req);
    const JsonInput in(req, {"reason"});
    const auto numbers = s.people.unmask(session.actor, id_param(req, "id"),
                                         in.optional_string("reason").value_or(""));
    return Response::json(200, {{"id_number", numbers.id_number}, {"phone", numbers.phone}});
  });
}

}  // namespace fanzha::api
