// Campaigns and door-to-door visits: who may record what, where. A visit belongs to a
// household in the actor's scope and to a campaign whose unit covers that household;
// it is written with its members, the household's campaign status and the coverage
// counters in one transaction, with its audit entry. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/visit.h"
#include "service/actor.h"
#include "service/context.h"
#include "store/visit_store.h"

namespace fanzha::service {

struct CampaignInput {
  std::optional<int64_t> org_unit_id;  // default: the actor's unit
  std::string name;
  int64_t starts_at = 0;
  int64_t ends_at = 0;
  std::string deadlines_json = "{}";  // {"visits": epoch ms, …}
  bool active = true;
};

struct CampaignChanges {
  std::optional<std::string> name;
  std::optional<int64_t> starts_at;
  std::optional<int64_t> ends_at;
  std::optional<std::string> deadlines_json;
  std::optional<bool> active;
};

struct VisitInput {
  int64_t campaign_id = 0;
  int64_t household_id = 0;
  std::optional<int64_t> visited_at;  // default: now
  bool face_to_face = false;
  std::vector<int64_t> member_ids;
  domain::FraudTypeSet topics = 0;
  domain::VisitMaterialSet materials = 0;
  bool letter_signed = false;
  std::string notes;
};

struct VisitQuery {
  std::optional<int64_t> unit_id;
  std::optional<int64_t> campaign_id;
  std::optional<int64_t> household_id;
  int limit = 50;
  int offset = 0;
};

struct PhotoFile {
  std::string path;
  std::string content_type;
};

inline constexpr int64_t kMaxPhotoBytes = 5 << 20;

class VisitService {
 public:
  explicit VisitService(ServiceContext context) : ctx_(context) {}

  std::vector<domain::Campaign> campaigns(const Actor& actor);
  domain::Campaign get_campaign(const Actor& actor, int64_t id);
  domain::Campaign create_campaign(const Actor& actor, const CampaignInput& input);
  domain::Campaign update_campaign(const Actor& actor, int64_t id, const CampaignChanges& changes);

  domain::Visit record_visit(const Actor& actor, const VisitInput& input);
  store::VisitPage list_visits(const Actor& actor, const VisitQuery& query);
  domain::Visit get_visit(const Actor& actor, int64_t id);

  // Stores an uploaded photo (JPEG, PNG or WebP, at most kMaxPhotoBytes) of a visit.
  int64_t add_photo(const Actor& actor, int64_t visit_id, const std::string& uploaded_path);
  PhotoFile photo(const Actor& actor, int64_t photo_id);

 private:
  ServiceContext ctx_;
};

}  // namespace fanzha::service
