#include "service/visit_service.h"

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/text.h"
#include "domain/org_path.h"
#include "domain/person.h"
#include "service/audit_trail.h"
#include "service/org_service.h"
#include "store/org_store.h"
#include "store/people_store.h"

namespace fanzha::service {

namespace fs = std::filesystem;
using domain::Campaign;
using domain::Capability;
using domain::Visit;

namespace {

// Visits may be registered a little ahead of the server clock (phones drift).
constexpr int64_t kFutureToleranceMs = 10 * kMillisPerMinute;

[[noreturn]] void not_found(const char* what, const char* field = "") {
  throw Error(ErrorCode::kNotFound, std::string(what) + "不存在或不在您的管辖范围内", field);
}

// A campaign takes part where its unit is an ancestor of, or inside, the actor's scope.
bool campaign_visible(const Actor& actor, std::string_view campaign_path) {
  return actor.can_see(campaign_path) || domain::path_is_within(actor.scope_path, campaign_path);
}

void check_deadlines(const std::string& text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) {
    throw Error(ErrorCode::kInvalidValue, "截止时间应为对象，如 {\"visits\": 时间}", "deadlines");
  }
  for (const auto& [stream, at] : json.items()) {
    if (!at.is_number_integer()) {
      throw Error(ErrorCode::kInvalidValue, "截止时间“" + stream + "”应为时间戳（毫秒）",
                  "deadlines");
    }
  }
}

void check_campaign(const std::string& name, int64_t starts_at, int64_t ends_at) {
  if (auto problem = domain::check_campaign_name(name)) {
    throw Error(ErrorCode::kInvalidValue, *problem, "name");
  }
  if (auto problem = domain::check_campaign_period(starts_at, ends_at)) {
    throw Error(ErrorCode::kInvalidValue, *problem, "ends_at");
  }
}

nlohmann::json campaign_summary(const Campaign& c) {
  return {{"name", c.name},
          {"org_unit_id", c.org_unit_id},
          {"starts_at", c.starts_at},
          {"ends_at", c.ends_at},
          {"deadlines", nlohmann::json::parse(c.deadlines_json, nullptr, false)},
          {"active", c.active}};
}

// The image type of a file by its first bytes, or "" when it is none we keep.
std::string sniff_image(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[12] = {};
  in.read(head, sizeof head);
  const std::string_view h(head, static_cast<size_t>(in.gcount()));
  if (h.starts_with("\xFF\xD8\xFF")) {
    return "image/jpeg";
  }
  if (h.starts_with("\x89PNG\r\n\x1A\n")) {
    return "image/png";
  }
  if (h.size() == 12 && h.starts_with("RIFF") && h.substr(8, 4) == "WEBP") {
    return "image/webp";
  }
  return "";
}

std::string sha256_of(const std::string& path) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::ifstream in(path, std::ios::binary);
  char buffer[64 * 1024];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer),
                              static_cast<unsigned long long>(in.gcount()));
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace

std::vector<Campaign> VisitService::campaigns(const Actor& actor) {
  require(actor, Capability::kVisitRead);
  auto lease = ctx_.db.read();
  return store::VisitStore(*lease).campaigns_for(actor.scope_path);
}

Campaign VisitService::get_campaign(const Actor& actor, int64_t id) {
  require(actor, Capability::kVisitRead);
  auto lease = ctx_.db.read();
  store::VisitStore visits(*lease);
  const auto path = visits.campaign_unit_path(id);
  if (!path || !campaign_visible(actor, *path)) {
    not_found("活动");
  }
  return *visits.find_campaign(id);
}

Campaign VisitService::create_campaign(const Actor& actor, const CampaignInput& input) {
  require(actor, Capability::kCampaignWrite);
  check_campaign(input.name, input.starts_at, input.ends_at);
  check_deadlines(input.deadlines_json);
  return ctx_.db.transact([&](store::Connection& c) {
    const auto unit = store::OrgStore(c).find(input.org_unit_id.value_or(actor.unit_id));
    if (!unit || !actor.can_see(unit->path)) {
      not_found("组织", "org_unit_id");
    }
    Campaign campaign;
    campaign.org_unit_id = unit->id;
    campaign.name = input.name;
    campaign.starts_at = input.starts_at;
    campaign.ends_at = input.ends_at;
    campaign.deadlines_json = nlohmann::json::parse(input.deadlines_json).dump();
    campaign.active = input.active;
    store::VisitStore visits(c);
    campaign.id = visits.insert_campaign(campaign, ctx_.clock.now_ms());
    record_audit(c, ctx_.clock, actor,
                 {"campaign.create",
                  "campaign",
                  std::to_string(campaign.id),
                  unit->path,
                  {{"after", campaign_summary(campaign)}}});
    return *visits.find_campaign(campaign.id);
  });
}

Campaign VisitService::update_campaign(const Actor& actor, int64_t id, const CampaignChanges& ch) {
  require(actor, Capability::kCampaignWrite);
  return ctx_.db.transact([&](store::Connection& c) {
    store::VisitStore visits(c);
    const auto path = visits.campaign_unit_path(id);
    if (!path || !actor.can_see(*path)) {
      not_found("活动");
    }
    const Campaign before = *visits.find_campaign(id);
    Campaign after = before;
    after.name = ch.name.value_or(before.name);
    after.starts_at = ch.starts_at.value_or(before.starts_at);
    after.ends_at = ch.ends_at.value_or(before.ends_at);
    after.active = ch.active.value_or(before.active);
    if (ch.deadlines_json) {
      check_deadlines(*ch.deadlines_json);
      after.deadlines_json = nlohmann::json::parse(*ch.deadlines_json).dump();
    }
    check_campaign(after.name, after.starts_at, after.ends_at);
    visits.update_campaign(after, ctx_.clock.now_ms());
    record_audit(c, ctx_.clock, actor,
                 {"campaign.update",
                  "campaign",
                  std::to_string(id),
                  *path,
                  {{"before", campaign_summary(before)}, {"after", campaign_summary(after)}}});
    return *visits.find_campaign(id);
  });
}

Visit VisitService::record_visit(const Actor& actor, const VisitInput& input) {
  require(actor, Capability::kVisitWrite);
  if (auto problem = domain::check_free_text(input.notes, domain::kMaxNotesChars, "备注")) {
    throw Error(ErrorCode::kInvalidValue, *problem, "notes");
  }
  const int64_t now = ctx_.clock.now_ms();
  const int64_t visited_at = input.visited_at.value_or(now);
  if (visited_at > now + kFutureToleranceMs) {
    throw Error(ErrorCode::kInvalidValue, "走访时间不能晚于现在", "visited_at");
  }
  // Visits arrive many at a time from grid workers' phones: they share commits.
  const int64_t id = ctx_.db.transact_grouped([&](store::Connection& c) {
    store::PeopleStore people(c);
    const auto household_path = people.household_unit_path(input.household_id);
    if (!household_path || !actor.can_see(*household_path)) {
      not_found("户", "household_id");
    }
    store::VisitStore visits(c);
    const auto campaign = visits.find_campaign(input.campaign_id);
    const auto campaign_path = visits.campaign_unit_path(input.campaign_id);
    if (!campaign || !campaign_visible(actor, *campaign_path)) {
      not_found("活动", "campaign_id");
    }
    if (!domain::path_is_within(*household_path, *campaign_path)) {
      throw Error(ErrorCode::kInvalidValue, "该户不在此活动的范围内", "campaign_id");
    }
    if (!campaign->active) {
      throw Error(ErrorCode::kConflict, "活动已结束或停用", "campaign_id");
    }
    if (visited_at < campaign->starts_at || visited_at >= campaign->ends_at) {
      throw Error(ErrorCode::kInvalidValue, "走访时间不在活动期间内", "visited_at");
    }
    const auto household = people.find_household(input.household_id);
    for (int64_t member : input.member_ids) {
      const auto person = people.find_person(member);
      if (!person || person->household_id != household->id) {
        throw Error(ErrorCode::kInvalidValue, "见到的成员须是该户的成员", "member_ids");
      }
    }
    store::NewVisit v;
    v.campaign_id = campaign->id;
    v.household_id = household->id;
    v.org_unit_id = household->org_unit_id;
    v.visited_at = visited_at;
    v.visitor_user_id = actor.user_id;
    v.visitor_name = actor.display_name.empty() ? actor.username : actor.display_name;
    v.face_to_face = input.face_to_face;
    v.topics = input.topics;
    v.materials = input.materials;
    v.letter_signed = input.letter_signed;
    v.notes = input.notes;
    v.member_ids = input.member_ids;
    const int64_t visit_id = visits.insert_visit(v, now);
    record_audit(c, ctx_.clock, actor,
                 {"visit.create",
                  "visit",
                  std::to_string(visit_id),
                  *household_path,
                  {{"household_id", household->id},
                   {"campaign_id", campaign->id},
                   {"face_to_face", v.face_to_face},
                   {"letter_signed", v.letter_signed},
                   {"members", v.member_ids.size()}}});
    return visit_id;
  });
  auto lease = ctx_.db.read();
  return *store::VisitStore(*lease).find_visit(id);
}

store::VisitPage VisitService::list_visits(const Actor& actor, const VisitQuery& q) {
  require(actor, Capability::kVisitRead);
  auto lease = ctx_.db.read();
  store::VisitFilter f;
  f.scope_path = actor.scope_path;
  if (q.unit_id) {
    const auto unit = store::OrgStore(*lease).find(*q.unit_id);
    if (!unit || !actor.can_see(unit->path)) {
      not_found("组织", "unit_id");
    }
    f.scope_path = unit->path;
  }
  f.campaign_id = q.campaign_id;
  f.household_id = q.household_id;
  f.limit = std::clamp(q.limit, 1, kMaxPageSize);
  f.offset = std::max(q.offset, 0);
  return store::VisitStore(*lease).list_visits(f);
}

Visit VisitService::get_visit(const Actor& actor, int64_t id) {
  require(actor, Capability::kVisitRead);
  auto lease = ctx_.db.read();
  store::VisitStore visits(*lease);
  const auto path = visits.visit_unit_path(id);
  if (!path || !actor.can_see(*path)) {
    not_found("走访记录");
  }
  return *visits.find_visit(id);
}

int64_t VisitService::add_photo(const Actor& actor, int64_t visit_id,
                                const std::string& uploaded_path) {
  require(actor, Capability::kVisitWrite);
  std::error_code ec;
  const auto bytes = static_cast<int64_t>(fs::file_size(uploaded_path, ec));
  if (ec || bytes == 0) {
    throw Error(ErrorCode::kInvalidValue, "照片文件为空");
  }
  if (bytes > kMaxPhotoBytes) {
    throw Error(ErrorCode::kPayloadTooLarge, "照片不能超过 5 MiB");
  }
  const std::string type = sniff_image(uploaded_path);
  if (type.empty()) {
    throw Error(ErrorCode::kUnsupportedMediaType, "照片须为 JPEG、PNG 或 WebP 图片");
  }
  const std::string extension =
      type == "image/jpeg" ? ".jpg" : (type == "image/png" ? ".png" : ".webp");
  const std::string stored_name =
      std::to_string(visit_id) + "-" + ctx_.random.hex_token(8) + extension;
  const std::string dir = ctx_.files_dir + "/photos";
  fs::create_directories(dir);
  const std::string sha = sha256_of(uploaded_path);
  return ctx_.db.transact([&](store::Connection& c) {
    store::VisitStore visits(c);
    const auto path = visits.visit_unit_path(visit_id);
    if (!path || !actor.can_see(*path)) {
      not_found("走访记录");
    }
    fs::copy_file(uploaded_path, dir + "/" + stored_name);
    const int64_t id =
        visits.insert_photo(visit_id, type, bytes, sha, stored_name, ctx_.clock.now_ms());
    record_audit(c, ctx_.clock, actor,
                 {"visit.photo",
                  "visit",
                  std::to_string(visit_id),
                  *path,
                  {{"photo_id", id}, {"bytes", bytes}, {"content_type", type}, {"sha256", sha}}});
    return id;
  });
}

PhotoFile VisitService::photo(const Actor& actor, int64_t photo_id) {
  require(actor, Capability::kVisitRead);
  auto lease = ctx_.db.read();
  store::VisitStore visits(*lease);
  const auto photo = visits.find_photo(photo_id);
  const auto path = photo ? visits.visit_unit_path(photo->visit_id) : std::nullopt;
  if (!photo || !path || !actor.can_see(*path)) {
    not_found("照片");
  }
  return {ctx_.files_dir + "/photos/" + photo->stored_name, photo->content_type};
}

}  // namespace fanzha::service
