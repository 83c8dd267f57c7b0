// Campaigns and door-to-door visits (入户宣传): what a visit records and the materials
// handed over. Pure data and rules, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.h"
#include "domain/fraud_type.h"

namespace fanzha::domain {

enum class VisitMaterial : uint8_t {
  kNotice,    // 告知书
  kLeaflet,   // 宣传单/折页
  kPoster,    // 海报
  kAppGuide,  // 国家反诈中心APP安装指引
};
using VisitMaterialSet = uint32_t;

std::span<const VisitMaterial> all_visit_materials();
std::string_view visit_material_key(VisitMaterial material);
std::string_view visit_material_label(VisitMaterial material);
std::optional<VisitMaterial> parse_visit_material(std::string_view key_or_label);
inline VisitMaterialSet visit_material_bit(VisitMaterial m) {
  return VisitMaterialSet{1} << static_cast<int>(m);
}

struct Campaign {
  int64_t id = 0;
  int64_t org_unit_id = 0;  // the unit whose subtree takes part (usually the county)
  std::string org_unit_name;
  std::string name;
  int64_t starts_at = 0;              // epoch ms, inclusive
  int64_t ends_at = 0;                // epoch ms, exclusive
  std::string deadlines_json = "{}";  // {"visits": epoch ms, …}
  bool active = true;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct Visit {
  int64_t id = 0;
  int64_t campaign_id = 0;
  int64_t household_id = 0;
  std::string household_number;
  int64_t org_unit_id = 0;
  int64_t visited_at = 0;
  std::optional<int64_t> visitor_user_id;
  std::string visitor_name;
  bool face_to_face = false;
  FraudTypeSet topics = 0;
  VisitMaterialSet materials = 0;
  bool letter_signed = false;
  std::string notes;
  std::vector<int64_t> member_ids;
  std::vector<int64_t> photo_ids;
  int64_t created_at = 0;
};

inline constexpr size_t kMaxCampaignNameChars = 64;

// Checks a campaign's name; returns a message when wrong.
std::optional<std::string> check_campaign_name(std::string_view name);
// Checks a campaign's period [starts_at, ends_at); returns a message when wrong.
std::optional<std::string> check_campaign_period(int64_t starts_at, int64_t ends_at);

}  // namespace fanzha::domain
