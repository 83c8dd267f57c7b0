// SQL for campaigns, visits and the coverage they add up to. A visit updates its
// household's status in the campaign (household_campaign) and, when the household is
// reached for the first time (or first face to face, or first with the letter signed),
// the counters of the household's unit (coverage_counter): coverage of any subtree is
// then a sum over the subtree's units. Works on a Connection lent by the caller;
// not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/coverage.h"
#include "domain/visit.h"
#include "store/database.h"

namespace fanzha::store {

struct NewVisit {
  int64_t campaign_id = 0;
  int64_t household_id = 0;
  int64_t org_unit_id = 0;
  int64_t visited_at = 0;
  std::optional<int64_t> visitor_user_id;
  std::string visitor_name;
  bool face_to_face = false;
  domain::FraudTypeSet topics = 0;
  domain::VisitMaterialSet materials = 0;
  bool letter_signed = false;
  std::string notes;
  std::vector<int64_t> member_ids;
};

struct VisitFilter {
  std::string scope_path;
  std::optional<int64_t> campaign_id;
  std::optional<int64_t> household_id;
  int limit = 50;
  int offset = 0;
};

struct VisitPage {
  std::vector<domain::Visit> visits;
  int64_t total = 0;
};

struct TimelinePoint {
  int day = 0;                     // yyyymmdd, county time
  domain::CoverageCounts reached;  // households first reached that day (households unused)
};

class VisitStore {
 public:
  explicit VisitStore(Connection& connection) : c_(connection) {}

  // Campaigns whose unit is `path` itself, one of its ancestors, or inside it.
  std::vector<domain::Campaign> campaigns_for(std::string_view path);
  std::optional<domain::Campaign> find_campaign(int64_t id);
  std::optional<std::string> campaign_unit_path(int64_t id);
  int64_t insert_campaign(const domain::Campaign& campaign, int64_t now);
  void update_campaign(const domain::Campaign& campaign, int64_t now);

  // Inserts the visit and its members, and brings the household's campaign status and
  // the unit counters up to date. Returns the visit id.
  int64_t insert_visit(const NewVisit& visit, int64_t now);
  std::optional<domain::Visit> find_visit(int64_t id);
  std::optional<std::string> visit_unit_path(int64_t id);
  VisitPage list_visits(const VisitFilter& filter);
  int64_t insert_photo(int64_t visit_id, std::string_view content_type, int64_t bytes,
                       std::string_view sha256, std::string_view stored_name, int64_t now);
  struct Photo {
    int64_t id = 0;
    int64_t visit_id = 0;
    std::string content_type;
    std::string stored_name;
  };
  std::optional<Photo> find_photo(int64_t id);
  std::vector<Photo> photos_of(int64_t visit_id);

  // Households and households reached in the campaign within `path` (from counters).
  domain::CoverageCounts coverage_within(int64_t campaign_id, std::string_view path);
  // The same for each of the given units' subtrees, in one pass over the subtree of
  // `parent_path`: [i] belongs to child_paths[i].
  std::vector<domain::CoverageCounts> coverage_of_children(
      int64_t campaign_id, std::string_view parent_path,
      const std::vector<std::string>& child_paths);
  // Households first reached (visited / face to face / letter) per county day within `path`.
  std::vector<TimelinePoint> timeline(int64_t campaign_id, std::string_view path);

 private:
  void add_members_and_photos(domain::Visit& visit);

  Connection& c_;
};

}  // namespace fanzha::store
