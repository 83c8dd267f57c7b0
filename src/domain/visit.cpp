#include "domain/visit.h"

#include <array>

#include "common/text.h"

namespace fanzha::domain {

namespace {

struct MaterialInfo {
  VisitMaterial material;
  std::string_view key;
  std::string_view label;
};

constexpr std::array kMaterials = {
    MaterialInfo{VisitMaterial::kNotice, "notice", "告知书"},
    MaterialInfo{VisitMaterial::kLeaflet, "leaflet", "宣传单/折页"},
    MaterialInfo{VisitMaterial::kPoster, "poster", "海报"},
    MaterialInfo{VisitMaterial::kAppGuide, "app_guide", "反诈APP安装指引"},
};
constexpr std::array kAllMaterials = {VisitMaterial::kNotice, VisitMaterial::kLeaflet,
                                      VisitMaterial::kPoster, VisitMaterial::kAppGuide};

}  // namespace

std::span<const VisitMaterial> all_visit_materials() { return kAllMaterials; }
std::string_view visit_material_key(VisitMaterial m) {
  return kMaterials[static_cast<size_t>(m)].key;
}
std::string_view visit_material_label(VisitMaterial m) {
  return kMaterials[static_cast<size_t>(m)].label;
}

std::optional<VisitMaterial> parse_visit_material(std::string_view text) {
  text = trim(text);
  for (const auto& m : kMaterials) {
    if (text == m.key || text == m.label) {
      return m.material;
    }
  }
  return std::nullopt;
}

std::optional<std::string> check_campaign_name(std::string_view name) {
  if (trim(name).empty() || trim(name).size() != name.size()) {
    return "活动名称不能为空，首尾不能有空格";
  }
  if (!is_valid_utf8(name) || has_control_chars(name) ||
      utf8_length(name) > kMaxCampaignNameChars) {
    return "活动名称最长64个字，不能包含换行";
  }
  return std::nullopt;
}

std::optional<std::string> check_campaign_period(int64_t starts_at, int64_t ends_at) {
  if (ends_at <= starts_at) {
    return "结束时间应晚于开始时间（结束时间不含当天：一天的活动结束于次日零点）";
  }
  return std::nullopt;
}

}  // namespace fanzha::domain
