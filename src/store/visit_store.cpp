#include "store/visit_store.h"

#include <algorithm>
#include <map>

#include "common/error.h"
#include "domain/org_path.h"

namespace fanzha::store {

using domain::Campaign;
using domain::CoverageCounts;
using domain::Visit;

namespace {

#define FANZHA_CAMPAIGN_COLUMNS                                                         \
  "c.id, c.org_unit_id, u.name, c.name, c.starts_at, c.ends_at, c.deadlines, c.active," \
  " c.created_at, c.updated_at"

Campaign read_campaign(Statement& s) {
  Campaign c;
  c.id = s.get_int(0);
  c.org_unit_id = s.get_int(1);
  c.org_unit_name = s.get_text(2);
  c.name = s.get_text(3);
  c.starts_at = s.get_int(4);
  c.ends_at = s.get_int(5);
  c.deadlines_json = s.get_text(6);
  c.active = s.get_bool(7);
  c.created_at = s.get_int(8);
  c.updated_at = s.get_int(9);
  return c;
}

#define FANZHA_VISIT_COLUMNS                                                                    \
  "v.id, v.campaign_id, v.household_id, h.number, v.org_unit_id, v.visited_at,"                 \
  " v.visitor_user_id, v.visitor_name, v.face_to_face, v.topics, v.materials, v.letter_signed," \
  " v.notes, v.created_at"

Visit read_visit(Statement& s) {
  Visit v;
  v.id = s.get_int(0);
  v.campaign_id = s.get_int(1);
  v.household_id = s.get_int(2);
  v.household_number = s.get_text(3);
  v.org_unit_id = s.get_int(4);
  v.visited_at = s.get_int(5);
  v.visitor_user_id = s.get_optional_int(6);
  v.visitor_name = s.get_text(7);
  v.face_to_face = s.get_bool(8);
  v.topics = static_cast<domain::FraudTypeSet>(s.get_int(9));
  v.materials = static_cast<domain::VisitMaterialSet>(s.get_int(10));
  v.letter_signed = s.get_bool(11);
  v.notes = s.get_text(12);
  v.created_at = s.get_int(13);
  return v;
}

}  // namespace

std::vector<Campaign> VisitStore::campaigns_for(std::string_view path) {
  // Ancestors (their path is a prefix of ours) and units inside our subtree.
  auto s =
      c_.prepare("SELECT " FANZHA_CAMPAIGN_COLUMNS
                 " FROM campaign c JOIN org_unit u ON u.id = c.org_unit_id"
                 " WHERE (u.path >= $1 AND u.path < $2) OR substr($1, 1, length(u.path)) = u.path"
                 " ORDER BY c.starts_at DESC, c.id DESC");
  s->bind_all(path, domain::path_upper_bound(path));
  std::vector<Campaign> out;
  while (s->step()) {
    out.push_back(read_campaign(*s));
  }
  return out;
}

std::optional<Campaign> VisitStore::find_campaign(int64_t id) {
  auto s = c_.prepare("SELECT " FANZHA_CAMPAIGN_COLUMNS
                      " FROM campaign c JOIN org_unit u ON u.id = c.org_unit_id WHERE c.id = $1");
  s->bind(1, id);
  if (!s->step()) {
    return std::nullopt;
  }
  return read_campaign(*s);
}

std::optional<std::string> VisitStore::campaign_unit_path(int64_t id) {
  auto s = c_.prepare(
      "SELECT u.path FROM campaign c JOIN org_unit u ON u.id = c.org_unit_id WHERE c.id = $1");
  s->bind(1, id);
  if (!s->step()) {
    return std::nullopt;
  }
  return s->get_text(0);
}

int64_t VisitStore::insert_campaign(const Campaign& c, int64_t now) {
  auto s = c_.prepare(
      "INSERT INTO campaign (org_unit_id, name, starts_at, ends_at, deadlines, active, created_at,"
      " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id");
  s->bind_all(c.org_unit_id, c.name, c.starts_at, c.ends_at, c.deadlines_json, c.active, now);
  s->step();
  return s->get_int(0);
}

void VisitStore::update_campaign(const Campaign& c, int64_t now) {
  c_.prepare(
        "UPDATE campaign SET name = $1, starts_at = $2, ends_at = $3, deadlines = $4, active = $5,"
        " updated_at = $6 WHERE id = $7")
      ->bind_all(c.name, c.starts_at, c.ends_at, c.deadlines_json, c.active, now, c.id)
      .run();
}

int64_t VisitStore::insert_visit(const NewVisit& v, int64_t now) {
  auto insert = c_.prepare(
      "INSERT INTO visit (campaign_id, household_id, org_unit_id, visited_at, visitor_user_id,"
      " visitor_name, face_to_face, topics, materials, letter_signed, notes, created_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id");
  insert->bind_all(v.campaign_id, v.household_id, v.org_unit_id, v.visited_at, v.visitor_user_id,
                   v.visitor_name, v.face_to_face, int64_t{v.topics}, int64_t{v.materials},
                   v.letter_signed, v.notes, now);
  insert->step();
  const int64_t id = insert->get_int(0);
  insert.reset();
  auto member = c_.prepare("INSERT INTO visit_member (visit_id, person_id) VALUES ($1, $2)");
  for (int64_t person : v.member_ids) {
    member->bind_all(id, person).run();
  }

  // The household's status in the campaign, and what this visit adds to it.
  auto status = c_.prepare(
      "SELECT face_to_face_at IS NOT NULL, letter_at IS NOT NULL FROM household_campaign"
      " WHERE campaign_id = $1 AND household_id = $2");
  status->bind_all(v.campaign_id, v.household_id);
  const bool known = status->step();
  const bool had_face_to_face = known && status->get_bool(0);
  const bool had_letter = known && status->get_bool(1);
  status.reset();
  auto upsert = c_.prepare(
      "INSERT INTO household_campaign (campaign_id, household_id, org_unit_id, visits,"
      " first_visit_at, last_visit_at, face_to_face_at, letter_at)"
      " VALUES ($1, $2, $3, 1, $4, $4, $5, $6)"
      " ON CONFLICT (campaign_id, household_id) DO UPDATE SET visits = visits + 1,"
      " first_visit_at = min(first_visit_at, excluded.first_visit_at),"
      " last_visit_at = max(last_visit_at, excluded.last_visit_at),"
      " face_to_face_at = CASE WHEN face_to_face_at IS NULL THEN excluded.face_to_face_at"
      "   WHEN excluded.face_to_face_at IS NULL THEN face_to_face_at"
      "   ELSE min(face_to_face_at, excluded.face_to_face_at) END,"
      " letter_at = CASE WHEN letter_at IS NULL THEN excluded.letter_at"
      "   WHEN excluded.letter_at IS NULL THEN letter_at"
      "   ELSE min(letter_at, excluded.letter_at) END");
  upsert->bind_all(v.campaign_id, v.household_id, v.org_unit_id, v.visited_at);
  // The first face-to-face visit and the first signed letter, when this visit is one.
  v.face_to_face ? upsert->bind(5, v.visited_at) : upsert->bind_null(5);
  v.letter_signed ? upsert->bind(6, v.visited_at) : upsert->bind_null(6);
  upsert->run();

  const int64_t visited_delta = known ? 0 : 1;
  const int64_t face_delta = v.face_to_face && !had_face_to_face ? 1 : 0;
  const int64_t letter_delta = v.letter_signed && !had_letter ? 1 : 0;
  if (visited_delta + face_delta + letter_delta > 0) {
    c_.prepare(
          "INSERT INTO coverage_counter (campaign_id, org_unit_id, visited, face_to_face, letters)"
          " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (campaign_id, org_unit_id) DO UPDATE SET"
          " visited = visited + excluded.visited, face_to_face = face_to_face + "
          "excluded.face_to_face,"
          " letters = letters + excluded.letters")
        ->bind_all(v.campaign_id, v.org_unit_id, visited_delta, face_delta, letter_delta)
        .run();
  }
  return id;
}

std::optional<Visit> VisitStore::find_visit(int64_t id) {
  auto s = c_.prepare("SELECT " FANZHA_VISIT_COLUMNS
                      " FROM visit v JOIN household h ON h.id = v.household_id WHERE v.id = $1");
  s->bind(1, id);
  if (!s->step()) {
    return std::nullopt;
  }
  Visit v = read_visit(*s);
  s.reset();
  add_members_and_photos(v);
  return v;
}

std::optional<std::string> VisitStore::visit_unit_path(int64_t id) {
  auto s = c_.prepare(
      "SELECT u.path FROM visit v JOIN org_unit u ON u.id = v.org_unit_id WHERE v.id = $1");
  s->bind(1, id);
  if (!s->step()) {
    return std::nullopt;
  }
  return s->get_text(0);
}

VisitPage VisitStore::list_visits(const VisitFilter& f) {
  const std::string where =
      " FROM org_unit u JOIN visit v ON v.org_unit_id = u.id JOIN household h ON h.id = "
      "v.household_id"
      " WHERE u.path >= $1 AND u.path < $2 AND ($3 = 0 OR v.campaign_id = $3)"
      " AND ($4 = 0 OR v.household_id = $4)";
  auto bind_filters = [&](Statement& s) {
    s.bind_all(f.scope_path, domain::path_upper_bound(f.scope_path), f.campaign_id.value_or(0),
               f.household_id.value_or(0));
  };
  VisitPage page;
  auto count = c_.prepare("SELECT COUNT(*)" + where);
  bind_filters(*count);
  count->step();
  page.total = count->get_int(0);
  count.reset();
  auto s = c_.prepare("SELECT " FANZHA_VISIT_COLUMNS + where +
                      " ORDER BY v.visited_at DESC, v.id DESC LIMIT $5 OFFSET $6");
  bind_filters(*s);
  s->bind(5, f.limit).bind(6, f.offset);
  while (s->step()) {
    page.visits.push_back(read_visit(*s));
  }
  s.reset();
  for (auto& v : page.visits) {
    add_members_and_photos(v);
  }
  return page;
}

void VisitStore::add_members_and_photos(Visit& v) {
  auto members =
      c_.prepare("SELECT person_id FROM visit_member WHERE visit_id = $1 ORDER BY person_id");
  members->bind(1, v.id);
  while (members->step()) {
    v.member_ids.push_back(members->get_int(0));
  }
  members.reset();
  auto photos = c_.prepare("SELECT id FROM visit_photo WHERE visit_id = $1 ORDER BY id");
  photos->bind(1, v.id);
  while (photos->step()) {
    v.photo_ids.push_back(photos->get_int(0));
  }
}

int64_t VisitStore::insert_photo(int64_t visit_id, std::string_view content_type, int64_t bytes,
                                 std::string_view sha256, std::string_view stored_name,
                                 int64_t now) {
  auto s = c_.prepare(
      "INSERT INTO visit_photo (visit_id, content_type, bytes, sha256, stored_name, created_at)"
      " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id");
  s->bind_all(visit_id, content_type, bytes, sha256, stored_name, now);
  s->step();
  return s->get_int(0);
}

std::optional<VisitStore::Photo> VisitStore::find_photo(int64_t id) {
  auto s =
      c_.prepare("SELECT id, visit_id, content_type, stored_name FROM visit_photo WHERE id = $1");
  s->bind(1, id);
  if (!s->step()) {
    return std::nullopt;
  }
  return Photo{s->get_int(0), s->get_int(1), s->get_text(2), s->get_text(3)};
}

std::vector<VisitStore::Photo> VisitStore::photos_of(int64_t visit_id) {
  auto s = c_.prepare(
      "SELECT id, visit_id, content_type, stored_name FROM visit_photo WHERE visit_id = $1 ORDER "
      "BY id");
  s->bind(1, visit_id);
  std::vector<Photo> out;
  while (s->step()) {
    out.push_back({s->get_int(0), s->get_int(1), s->get_text(2), s->get_text(3)});
  }
  return out;
}

std::vector<CoverageCounts> VisitStore::coverage_of_children(
    int64_t campaign_id, std::string_view parent_path,
    const std::vector<std::string>& child_paths) {
  // Child paths sorted, so each unit row finds its child by binary search.
  std::vector<size_t> order(child_paths.size());
  for (size_t i = 0; i < order.size(); ++i) {
    order[i] = i;
  }
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return child_paths[a] < child_paths[b]; });
  std::vector<CoverageCounts> out(child_paths.size());
  auto s = c_.prepare(
      "SELECT u.path, COALESCE(p.households, 0), COALESCE(c.visited, 0),"
      " COALESCE(c.face_to_face, 0), COALESCE(c.letters, 0)"
      " FROM org_unit u LEFT JOIN unit_population p ON p.org_unit_id = u.id"
      " LEFT JOIN coverage_counter c ON c.campaign_id = $3 AND c.org_unit_id = u.id"
      " WHERE u.path > $1 AND u.path < $2");
  s->bind_all(parent_path, domain::path_upper_bound(parent_path), campaign_id);
  while (s->step()) {
    const int64_t households = s->get_int(1);
    const int64_t visited = s->get_int(2);
    if (households == 0 && visited == 0) {
      continue;
    }
    const std::string path = s->get_text(0);
    // The last child path not greater than this path is the only candidate ancestor.
    auto it = std::upper_bound(order.begin(), order.end(), path,
                               [&](const std::string& p, size_t i) { return p < child_paths[i]; });
    if (it == order.begin()) {
      continue;
    }
    const size_t child = *std::prev(it);
    if (!domain::path_is_within(path, child_paths[child])) {
      continue;
    }
    out[child] += CoverageCounts{households, visited, s->get_int(3), s->get_int(4)};
  }
  return out;
}

CoverageCounts VisitStore::coverage_within(int64_t campaign_id, std::string_view path) {
  auto s = c_.prepare(
      "SELECT COALESCE(SUM(p.households), 0), COALESCE(SUM(c.visited), 0),"
      " COALESCE(SUM(c.face_to_face), 0), COALESCE(SUM(c.letters), 0)"
      " FROM org_unit u LEFT JOIN unit_population p ON p.org_unit_id = u.id"
      " LEFT JOIN coverage_counter c ON c.campaign_id = $3 AND c.org_unit_id = u.id"
      " WHERE u.path >= $1 AND u.path < $2");
  s->bind_all(path, domain::path_upper_bound(path), campaign_id);
  s->step();
  return {s->get_int(0), s->get_int(1), s->get_int(2), s->get_int(3)};
}

std::vector<TimelinePoint> VisitStore::timeline(int64_t campaign_id, std::string_view path) {
  auto s = c_.prepare(
      "SELECT hc.first_visit_at, hc.face_to_face_at, hc.letter_at FROM org_unit u"
      " JOIN household_campaign hc ON hc.campaign_id = $3 AND hc.org_unit_id = u.id"
      " WHERE u.path >= $1 AND u.path < $2");
  s->bind_all(path, domain::path_upper_bound(path), campaign_id);
  std::map<int, CoverageCounts> days;
  while (s->step()) {
    days[domain::county_day_number(s->get_int(0))].visited += 1;
    if (!s->is_null(1)) {
      days[domain::county_day_number(s->get_int(1))].face_to_face += 1;
    }
    if (!s->is_null(2)) {
      days[domain::county_day_number(s->get_int(2))].letters += 1;
    }
  }
  std::vector<TimelinePoint> out;
  for (const auto& [day, counts] : days) {
    out.push_back({day, counts});
  }
  return out;
}

}  // namespace fanzha::store
