#include "api/people_json.h"

#include <cstdio>

#include "api/app_json.h"

namespace fanzha::api {

using nlohmann::json;

json date_json(domain::DateNumber date) {
  if (date == 0) {
    return nullptr;
  }
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", date / 10000, date / 100 % 100, date % 100);
  return text;
}

json household_json(const domain::Household& h) {
  return {{"id", h.id},
          {"number", h.number},
          {"address", h.address},
          {"head_name", h.head_name},
          {"member_count", h.member_count},
          {"org_unit_id", h.org_unit_id},
          {"org_unit_name", h.org_unit_name},
          {"village_unit_id", h.village_unit_id},
          {"created_at", h.created_at},
          {"updated_at", h.updated_at}};
}

json household_row_json(const store::HouseholdRow& row, bool with_status) {
  json out = household_json(row.household);
  if (with_status) {
    out["status"] = {
        {"visits", row.status.visits},
        {"last_visit_at", row.status.last_visit_at ? json(*row.status.last_visit_at) : json()},
        {"face_to_face", row.status.face_to_face},
        {"letter_signed", row.status.letter_signed}};
  }
  return out;
}

json person_tags_json(domain::PersonTagSet tags) {
  json out = json::array();
  for (auto tag : domain::all_person_tags()) {
    if (tags & domain::person_tag_bit(tag)) {
      out.push_back(domain::person_tag_key(tag));
    }
  }
  return out;
}

json person_json(const domain::Person& p, domain::DateNumber today) {
  return {{"id", p.id},
          {"household_id", p.household_id},
          {"household_number", p.household_number},
          {"org_unit_id", p.org_unit_id},
          {"org_unit_name", p.org_unit_name},
          {"name", p.name},
          {"id_number", p.id_masked},
          {"phone", p.phone_masked},
          {"sex", domain::sex_key(p.sex)},
          {"sex_label", domain::sex_label(p.sex)},
          {"birth_date", date_json(p.birth_date)},
          {"age", p.birth_date ? json(domain::age_on(p.birth_date, today)) : json()},
          {"relation", p.relation},
          {"address", p.address},
          {"tags", person_tags_json(p.tags)},
          {"notes", p.notes},
          {"link_unit_id", p.link_unit_id ? json(*p.link_unit_id) : json()},
          {"link_unit_name", p.link_unit_name},
          {"link_role", domain::link_role_key(p.link_role)},
          {"link_role_label", domain::link_role_label(p.link_role)},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

json import_job_json(const service::ImportJobView& view) {
  const auto& j = view.job;
  json report = json::parse(j.report, nullptr, false);
  if (!report.is_object()) {
    report = json::object();
  }
  if (view.submission) {
    report["submission"] = submission_json(*view.submission);
  }
  return {
      {"id", j.id},
      {"kind", j.kind},
      {"status", j.status},
      {"file_name", j.file_name},
      {"file_bytes", j.file_bytes},
      {"mode", j.mode},
      {"mapping", json::parse(j.mapping, nullptr, false)},
      {"org_unit_id", j.org_unit_id},
      {"org_unit_name", j.org_unit_name},
      {"username", j.username},
      {"rows_total", j.rows_total},
      {"created", j.created},
      {"updated", j.updated},
      {"unchanged", j.unchanged},
      {"rejected", j.rejected},
      {"report", std::move(report)},
      {"has_rejects", !j.rejects_path.empty()},
      {"created_at", j.created_at},
      {"started_at", j.started_at ? json(*j.started_at) : json()},
      {"finished_at", j.finished_at ? json(*j.finished_at) : json()},
      {"progress",
       view.live ? json({{"rows", view.live->rows}, {"fraction", view.live->fraction}}) : json()}};
}

}  // namespace fanzha::api
