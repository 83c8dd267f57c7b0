// `fanzha demo`: create the demo county in an empty database and print its accounts.
#include <fstream>
#include <iostream>
#include <memory>
#include <unordered_map>

#include "cli/commands.h"
#include "cli/demo_app_loader.h"
#include "cli/demo_case_loader.h"
#include "cli/runtime.h"
#include "demo/demo_county.h"
#include "demo/demo_people.h"
#include "domain/visit.h"
#include "service/audit_trail.h"
#include "service/org_service.h"
#include "service/people_service.h"
#include "service/sealed_numbers.h"
#include "service/user_service.h"
#include "store/org_store.h"
#include "store/people_store.h"
#include "store/visit_store.h"

namespace fanzha::cli {

namespace {

struct DemoOptions {
  std::string db = kDefaultDbPath;
  uint64_t seed = demo::kDefaultDemoSeed;
  int households = demo::kDefaultDemoHouseholds;
  std::string roster_csv;  // write the residents here as a roster instead of loading them
};

// The residents as a roster CSV (the import format), for import benchmarks and tests.
int64_t write_roster_csv(const std::string& path, const demo::DemoCounty& county, uint64_t seed,
                         domain::DateNumber today) {
  std::ofstream out(path, std::ios::binary);
  if (!out) {
    throw Error(ErrorCode::kInvalidValue, "无法写入 " + path, "roster-csv");
  }
  out << "姓名,身份证号,手机号,性别,户号,与户主关系,所属网格/村民组,住址,标签,关联单位/"
         "班级,关联身份\n";
  int64_t rows = 0;
  demo::generate_demo_households(county, seed, today, [&](const demo::DemoHousehold& h) {
    for (const auto& m : h.members) {
      std::string tags;
      for (auto tag : domain::all_person_tags()) {
        if (m.tags & domain::person_tag_bit(tag)) {
          tags += (tags.empty() ? "" : "、") + std::string(domain::person_tag_label(tag));
        }
      }
      out << m.name << ',' << m.id_number << ',' << m.phone << ',' << domain::sex_label(m.sex)
          << ',' << h.number << ',' << m.relation << ',' << h.unit_code << ',' << h.address << ','
          << tags << ',' << m.link_unit_code << ',' << domain::link_role_label(m.link_role) << '\n';
      ++rows;
    }
  });
  return rows;
}

struct DemoPopulation {
  int64_t households = 0;
  int64_t people = 0;
  int64_t visits = 0;
  // Kept for the case history: the households and their members' person ids.
  std::vector<demo::DemoHousehold> all;
  std::vector<std::vector<int64_t>> member_ids;
};

// Writes the demo residents and the demo campaign's visits, in one transaction.
DemoPopulation load_demo_people(Runtime& runtime, const demo::DemoCounty& county, uint64_t seed) {
  const int64_t now = runtime.clock.now_ms();
  const int64_t today_start = domain::county_day_start(now);
  DemoPopulation loaded;
  runtime.db->transact([&](store::Connection& c) {
    store::OrgStore units(c);
    store::PeopleStore people(c);
    store::VisitStore visits(c);
    const auto county_unit = units.find_by_code(county.units.front().code);
    domain::Campaign campaign;
    campaign.org_unit_id = county_unit->id;
    campaign.name = std::to_string(domain::county_day_number(now) / 10000) + "年" +
                    std::string(demo::kDemoCampaignName);
    campaign.starts_at = today_start - demo::kDemoCampaignDaysBefore * kMillisPerDay;
    campaign.ends_at = today_start + demo::kDemoCampaignDaysAfter * kMillisPerDay;
    campaign.deadlines_json = "{\"visits\":" + std::to_string(campaign.ends_at) + "}";
    campaign.id = visits.insert_campaign(campaign, now);

    std::unordered_map<std::string, domain::OrgUnit> unit_cache;
    std::unordered_map<std::string, domain::OrgUnit> village_cache;
    std::unordered_map<std::string, int64_t> link_cache;
    store::Touched touched;
    DemoAppLoader app(c, county, seed, now);
    demo::generate_demo_households(
        county, seed, domain::county_day_number(now), [&](const demo::DemoHousehold& h) {
          auto unit_it = unit_cache.find(h.unit_code);
          if (unit_it == unit_cache.end()) {
            unit_it = unit_cache.emplace(h.unit_code, *units.find_by_code(h.unit_code)).first;
            village_cache[h.unit_code] =
                *units.find(service::village_unit_of(units, unit_it->second));
          }
          const domain::OrgUnit& unit = unit_it->second;
          const domain::OrgUnit& village = village_cache.at(h.unit_code);
          const int64_t household =
              people.insert_household(unit.id, village.id, h.number, h.address, now);
          touched.units.insert(unit.id);
          touched.households.insert(household);
          ++loaded.households;
          std::vector<int64_t> member_ids;
          for (const auto& m : h.members) {
            store::PersonRecord r;
            r.household_id = household;
            r.org_unit_id = unit.id;
            r.name = m.name;
            const auto id = service::seal_id_number(*runtime.pii, runtime.random, m.id_number);
            r.id_cipher = id.cipher;
            r.id_hash = id.hash;
            r.id_masked = id.masked;
            const auto phone = service::seal_phone(*runtime.pii, runtime.random, m.phone);
            r.phone_cipher = phone.cipher;
            r.phone_hash = phone.hash;
            r.phone_masked = phone.masked;
            r.sex = m.sex;
            r.birth_date = m.birth_date;
            r.relation = m.relation;
            r.address = h.address;
            r.tags = m.tags;
            if (!m.link_unit_code.empty()) {
              auto link = link_cache.find(m.link_unit_code);
              if (link == link_cache.end()) {
                link =
                    link_cache.emplace(m.link_unit_code, units.find_by_code(m.link_unit_code)->id)
                        .first;
              }
              r.link_unit_id = link->second;
              r.link_role = m.link_role;
            }
            member_ids.push_back(people.insert_person(r, now));
            app.person(member_ids.back(), m, village);
            ++loaded.people;
          }
          for (const auto& v : h.visits) {
            store::NewVisit visit;
            visit.campaign_id = campaign.id;
            visit.household_id = household;
            visit.org_unit_id = unit.id;
            visit.visited_at =
                today_start - v.days_ago * kMillisPerDay + v.minute_of_day * kMillisPerMinute;
            visit.visitor_name = "网格员";
            visit.face_to_face = v.face_to_face;
            visit.topics = v.topics;
            visit.materials = v.materials;
            visit.letter_signed = v.letter_signed;
            for (int index : v.members_met) {
              visit.member_ids.push_back(member_ids[static_cast<size_t>(index)]);
            }
            visits.insert_visit(visit, now);
            ++loaded.visits;
          }
          loaded.all.push_back(h);
          loaded.member_ids.push_back(std::move(member_ids));
        });
    people.recount(touched);
    app.finish();
    service::record_audit(c, runtime.clock, service::system_actor("demo"),
                          {"demo.people",
                           "org_unit",
                           std::to_string(county_unit->id),
                           county_unit->path,
                           {{"households", loaded.households},
                            {"people", loaded.people},
                            {"visits", loaded.visits},
                            {"campaign_id", campaign.id}}});
  });
  return loaded;
}

void create_demo(const DemoOptions& o) {
  Runtime runtime(o.db);
  {
    auto lease = runtime.db->read();
    if (store::OrgStore(*lease).subtree("/", std::nullopt, 1, 0).total > 0) {
      throw Error(ErrorCode::kConflict,
                  "数据库 " + o.db + " 已有组织数据，演示县只能建在空数据库中");
    }
  }
  const demo::DemoCounty county = demo::generate_demo_county(o.seed, o.households);
  const service::Actor system = service::system_actor("demo");
  service::OrgService org(runtime.context());
  const auto summary = org.import_csv(system, demo::demo_units_csv(county));
  service::UserService users(runtime.context());
  for (const auto& account : county.accounts) {
    int64_t unit_id = 0;
    {
      auto lease = runtime.db->read();
      unit_id = store::OrgStore(*lease).find_by_code(account.unit_code)->id;
    }
    service::NewUserInput input{account.username, account.display_name,
                                account.role,     unit_id,
                                account.password, /*must_change_password=*/false};
    users.create(system, input);
  }
  if (!o.roster_csv.empty()) {
    const int64_t rows = write_roster_csv(o.roster_csv, county, o.seed,
                                          domain::county_day_number(runtime.clock.now_ms()));
    std::cerr << "演示县已创建（未载入住户）：" << summary.created << " 个组织；" << rows
              << " 名住户写入 " << o.roster_csv << "\n";
    for (const auto& account : county.accounts) {
      std::cout << domain::role_key(account.role) << '\t' << account.username << '\t'
                << account.password << '\n';
    }
    return;
  }
  const DemoPopulation population = load_demo_people(runtime, county, o.seed);
  const int64_t cases =
      load_demo_cases(runtime, county, o.seed, population.all, population.member_ids);
  std::cerr << "演示县已创建：" << summary.created << " 个组织，" << county.accounts.size()
            << " 个账号，" << population.households << " 户 " << population.people << " 人，"
            << population.visits << " 次走访，近两年案件 " << cases << " 起（" << o.db << "）\n";
  for (const auto& account : county.accounts) {
    std::cout << domain::role_key(account.role) << '\t' << account.username << '\t'
              << account.password << '\n';
  }
}

}  // namespace

void add_demo_command(CLI::App& app) {
  auto o = std::make_shared<DemoOptions>();
  auto* cmd = app.add_subcommand(
      "demo", "Create the demo county (安澜县) in an empty database; prints role, user, password");
  cmd->add_option("--db", o->db, "Database file")->capture_default_str();
  cmd->add_option("--seed", o->seed, "Random seed (same seed, same county)")->capture_default_str();
  cmd->add_option("--households", o->households, "Households the grids are sized for")
      ->capture_default_str()
      ->check(CLI::Range(0, 10'000'000));
  cmd->add_option("--roster-csv", o->roster_csv,
                  "Write the residents to this roster CSV instead of loading them (benchmarks)");
  cmd->callback([o] { create_demo(*o); });
}

}  // namespace fanzha::cli
