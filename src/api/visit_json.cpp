#include "api/visit_json.h"

#include "api/json_output.h"

namespace fanzha::api {

using nlohmann::json;

json campaign_json(const domain::Campaign& c) {
  json deadlines = json::parse(c.deadlines_json, nullptr, false);
  return {{"id", c.id},
          {"org_unit_id", c.org_unit_id},
          {"org_unit_name", c.org_unit_name},
          {"name", c.name},
          {"starts_at", c.starts_at},
          {"ends_at", c.ends_at},
          {"deadlines", deadlines.is_object() ? deadlines : json::object()},
          {"active", c.active},
          {"created_at", c.created_at}};
}

json visit_json(const domain::Visit& v) {
  json topics = json::array();
  for (auto type : domain::all_fraud_types()) {
    if (v.topics & domain::fraud_type_bit(type)) {
      topics.push_back(domain::fraud_type_key(type));
    }
  }
  json materials = json::array();
  for (auto m : domain::all_visit_materials()) {
    if (v.materials & domain::visit_material_bit(m)) {
      materials.push_back(domain::visit_material_key(m));
    }
  }
  return {{"id", v.id},
          {"campaign_id", v.campaign_id},
          {"household_id", v.household_id},
          {"household_number", v.household_number},
          {"org_unit_id", v.org_unit_id},
          {"visited_at", v.visited_at},
          {"visitor_user_id", v.visitor_user_id ? json(*v.visitor_user_id) : json()},
          {"visitor_name", v.visitor_name},
          {"face_to_face", v.face_to_face},
          {"topics", std::move(topics)},
          {"materials", std::move(materials)},
          {"letter_signed", v.letter_signed},
          {"notes", v.notes},
          {"member_ids", v.member_ids},
          {"photo_ids", v.photo_ids},
          {"photo_count", v.photo_ids.size()},
          {"created_at", v.created_at}};
}

json coverage_counts_json(const domain::CoverageCounts& c) {
  return {{"households", c.households},
          {"visited", c.visited},
          {"face_to_face", c.face_to_face},
          {"letters", c.letters},
          {"not_visited", c.households - c.visited},
          {"visit_rate", domain::coverage_rate(c.visited, c.households)},
          {"face_to_face_rate", domain::coverage_rate(c.face_to_face, c.households)},
          {"letter_rate", domain::coverage_rate(c.letters, c.households)}};
}

json coverage_report_json(const service::CoverageReport& r) {
  json children = json::array();
  for (const auto& row : r.children) {
    json item = coverage_counts_json(row.counts);
    item["unit"] = unit_json(row.unit);
    item["rank"] = row.rank.rank ? json(*row.rank.rank) : json();
    item["bottom"] = row.rank.bottom;
    children.push_back(std::move(item));
  }
  return {{"campaign", campaign_json(r.campaign)},
          {"unit", unit_json(r.unit)},
          {"total", coverage_counts_json(r.total)},
          {"direct", r.direct ? coverage_counts_json(*r.direct) : json()},
          {"children", std::move(children)}};
}

}  // namespace fanzha::api
