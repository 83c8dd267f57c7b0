#include "service/org_service.h"

#include <algorithm>

#include "domain/org_import.h"
#include "domain/org_path.h"
#include "service/audit_trail.h"
#include "store/user_store.h"

namespace fanzha::service {

using domain::Capability;
using domain::OrgKind;
using domain::OrgUnit;

namespace {

nlohmann::json unit_summary(const OrgUnit& u) {
  return {{"code", u.code},
          {"name", u.name},
          {"kind", domain::org_kind_key(u.kind)},
          {"parent_id", u.parent_id ? nlohmann::json(*u.parent_id) : nlohmann::json()},
          {"active", u.active}};
}

int clamp_limit(int limit) { return std::clamp(limit, 1, kMaxPageSize); }

}  // namespace

OrgUnit OrgService::visible(store::OrgStore& store, const Actor& actor, int64_t id) const {
  auto unit = store.find(id);
  if (!unit || !actor.can_see(unit->path)) {
    throw Error(ErrorCode::kNotFound, "组织不存在或不在您的管辖范围内");
  }
  return *unit;
}

OrgUnit OrgService::get(const Actor& actor, int64_t id) {
  require(actor, Capability::kOrgRead);
  auto lease = ctx_.db.read();
  store::OrgStore store(*lease);
  return visible(store, actor, id);
}

std::vector<OrgUnit> OrgService::children(const Actor& actor, int64_t id, bool include_inactive) {
  require(actor, Capability::kOrgRead);
  auto lease = ctx_.db.read();
  store::OrgStore store(*lease);
  visible(store, actor, id);
  return store.children(id, include_inactive);
}

std::vector<OrgUnit> OrgService::path(const Actor& actor, int64_t id) {
  require(actor, Capability::kOrgRead);
  auto lease = ctx_.db.read();
  store::OrgStore store(*lease);
  const OrgUnit unit = visible(store, actor, id);
  // Ancestors above the actor's own unit stay hidden.
  const auto all_ids = domain::path_ids(unit.path);
  const auto scope_ids = domain::path_ids(actor.scope_path);
  const size_t first = scope_ids.empty() ? 0 : scope_ids.size() - 1;
  std::vector<int64_t> ids(all_ids.begin() + static_cast<std::ptrdiff_t>(first), all_ids.end());
  return store.find_many(ids);
}

store::OrgPage OrgService::subtree(const Actor& actor, int64_t id, std::optional<OrgKind> kind,
                                   int limit, int offset) {
  require(actor, Capability::kOrgRead);
  auto lease = ctx_.db.read();
  store::OrgStore store(*lease);
  const OrgUnit unit = visible(store, actor, id);
  return store.subtree(unit.path, kind, clamp_limit(limit), std::max(offset, 0));
}

store::OrgPage OrgService::search(const Actor& actor, std::string_view query,
                                  std::optional<OrgKind> kind, int limit) {
  require(actor, Capability::kOrgRead);
  auto lease = ctx_.db.read();
  return store::OrgStore(*lease).search(actor.scope_path, query, kind, clamp_limit(limit));
}

OrgUnit OrgService::create(const Actor& actor, const NewUnitInput& input) {
  require(actor, Capability::kOrgWrite);
  if (auto problem = domain::check_org_name(input.name)) {
    throw Error(ErrorCode::kInvalidValue, *problem, "name");
  }
  if (auto problem = domain::check_org_code(input.kind, input.code)) {
    throw Error(ErrorCode::kInvalidValue, *problem, "code");
  }
  return ctx_.db.transact([&](store::Connection& c) {
    store::OrgStore store(c);
    std::optional<OrgUnit> parent;
    if (input.parent_id) {
      parent = visible(store, actor, *input.parent_id);
      if (!parent->active) {
        throw Error(ErrorCode::kOrgInactive, "上级组织已停用", "parent_id");
      }
    } else if (!actor.is_system()) {
      throw Error(ErrorCode::kMissingField, "请选择上级组织", "parent_id");
    }
    if (!domain::org_kind_allowed_under(input.kind,
                                        parent ? std::optional(parent->kind) : std::nullopt)) {
      throw Error(ErrorCode::kOrgKindMismatch,
                  std::string(domain::org_kind_label(input.kind)) + "不能建在" +
                      (parent ? std::string(domain::org_kind_label(parent->kind)) : "最顶层") +
                      "下",
                  "kind");
    }
    if (store.find_by_code(input.code)) {
      throw Error(ErrorCode::kDuplicate, "编码“" + input.code + "”已被使用", "code");
    }
    const int64_t now = ctx_.clock.now_ms();
    const OrgUnit unit =
        store.insert(parent ? &*parent : nullptr, {input.code, input.name, input.kind}, now);
    record_audit(c, ctx_.clock, actor,
                 {"org.create",
                  "org_unit",
                  std::to_string(unit.id),
                  unit.path,
                  {{"after", unit_summary(unit)}}});
    return unit;
  });
}

OrgUnit OrgService::update(const Actor& actor, int64_t id, const UnitChanges& changes) {
  require(actor, Capability::kOrgWrite);
  if (changes.name) {
    if (auto problem = domain::check_org_name(*changes.name)) {
      throw Error(ErrorCode::kInvalidValue, *problem, "name");
    }
  }
  OrgUnit result = ctx_.db.transact([&](store::Connection& c) {
    store::OrgStore store(c);
    const OrgUnit before = visible(store, actor, id);
    OrgUnit after = before;
    const int64_t now = ctx_.clock.now_ms();
    int64_t units_changed = 0;
    if (changes.active && *changes.active != before.active) {
      if (!*changes.active && id == actor.unit_id) {
        throw Error(ErrorCode::kForbidden, "不能停用您自己所在的组织", "active");
      }
      if (*changes.active && before.parent_id) {
        const auto parent = store.find(*before.parent_id);
        if (parent && !parent->active) {
          throw Error(ErrorCode::kOrgInactive, "上级组织已停用，请先启用上级", "active");
        }
      }
      units_changed = store.set_active_subtree(before.path, *changes.active, now);
      after.active = *changes.active;
    }
    if (changes.name && *changes.name != before.name) {
      store.rename(id, *changes.name, now);
      after.name = *changes.name;
    }
    if (after.name == before.name && after.active == before.active) {
      return after;  // nothing changed: nothing to write or audit
    }
    after.updated_at = now;
    nlohmann::json summary = {{"before", unit_summary(before)}, {"after", unit_summary(after)}};
    if (units_changed > 1) {
      summary["subtree_units_changed"] = units_changed;
    }
    record_audit(c, ctx_.clock, actor,
                 {"org.update", "org_unit", std::to_string(id), before.path, summary});
    return after;
  });
  if (changes.active) {
    ctx_.auth_epoch.bump();
  }
  return result;
}

OrgUnit OrgService::move(const Actor& actor, int64_t id, int64_t new_parent_id) {
  require(actor, Capability::kOrgWrite);
  OrgUnit result = ctx_.db.transact([&](store::Connection& c) {
    store::OrgStore store(c);
    const OrgUnit unit = visible(store, actor, id);
    if (id == actor.unit_id || !unit.parent_id) {
      throw Error(ErrorCode::kForbidden, "不能移动您自己所在的组织或最顶层组织");
    }
    const OrgUnit parent = visible(store, actor, new_parent_id);
    if (domain::path_is_within(parent.path, unit.path)) {
      throw Error(ErrorCode::kOrgCycle, "不能把组织移动到它自己或它的下级之下", "parent_id");
    }
    if (!parent.active) {
      throw Error(ErrorCode::kOrgInactive, "目标上级组织已停用", "parent_id");
    }
    if (!domain::org_kind_allowed_under(unit.kind, parent.kind)) {
      throw Error(ErrorCode::kOrgKindMismatch,
                  std::string(domain::org_kind_label(unit.kind)) + "不能放在" +
                      std::string(domain::org_kind_label(parent.kind)) + "下",
                  "parent_id");
    }
    if (unit.parent_id == parent.id) {
      return unit;
    }
    const int64_t now = ctx_.clock.now_ms();
    store.move(unit, parent, now);
    OrgUnit moved = *store.find(id);
    record_audit(c, ctx_.clock, actor,
                 {"org.move",
                  "org_unit",
                  std::to_string(id),
                  moved.path,
                  {{"before", unit_summary(unit)},
                   {"after", unit_summary(moved)},
                   {"from_path", unit.path},
                   {"to_path", moved.path}}});
    return moved;
  });
  ctx_.auth_epoch.bump();
  return result;
}

void OrgService::remove(const Actor& actor, int64_t id) {
  require(actor, Capability::kOrgWrite);
  ctx_.db.transact([&](store::Connection& c) {
    store::OrgStore store(c);
    const OrgUnit unit = visible(store, actor, id);
    if (id == actor.unit_id) {
      throw Error(ErrorCode::kForbidden, "不能删除您自己所在的组织");
    }
    if (store.has_children(id)) {
      throw Error(ErrorCode::kOrgNotEmpty, "该组织下还有下级组织，不能删除");
    }
    if (store::UserStore(c).any_bound_to(id)) {
      throw Error(ErrorCode::kOrgNotEmpty, "该组织下还有用户账号，不能删除");
    }
    // Records of later work streams reference units with foreign keys: the delete fails
    // with a constraint error while any remain, which we report as "not empty".
    try {
      store.remove(id);
    } catch (const Error& e) {
      if (e.code() == ErrorCode::kConflict) {
        throw Error(ErrorCode::kOrgNotEmpty, "该组织下还有业务记录，不能删除");
      }
      throw;
    }
    // The entry belongs to the parent: the unit's own path is gone with it.
    const auto parent = unit.parent_id ? store.find(*unit.parent_id) : std::nullopt;
    record_audit(c, ctx_.clock, actor,
                 {"org.delete",
                  "org_unit",
                  std::to_string(id),
                  parent ? parent->path : unit.path,
                  {{"before", unit_summary(unit)}}});
  });
}

OrgImportSummary OrgService::import_csv(const Actor& actor, std::string_view csv_text) {
  require(actor, Capability::kOrgWrite);
  return ctx_.db.transact([&](store::Connection& c) {
    store::OrgStore store(c);
    domain::ExistingOrgLookup lookup =
        [&store](std::string_view code) -> std::optional<domain::ExistingOrgUnit> {
      auto unit = store.find_by_code(code);
      if (!unit) {
        return std::nullopt;
      }
      domain::ExistingOrgUnit existing{unit->id,   "",         unit->name,
                                       unit->kind, unit->path, unit->active};
      if (unit->parent_id) {
        existing.parent_code = store.find(*unit->parent_id)->code;
      }
      return existing;
    };
    const domain::OrgImportScope scope{actor.scope_path, actor.is_system()};
    domain::OrgImportResult result = domain::plan_org_import(csv_text, lookup, scope);
    if (!result.errors.empty()) {
      throw Error(
          ErrorCode::kImportRejected,
          "导入失败：文件中有" + std::to_string(result.errors.size()) + "处错误，未导入任何数据")
          .with_details(std::move(result.errors));
    }
    const int64_t now = ctx_.clock.now_ms();
    std::unordered_map<std::string, OrgUnit> created;
    for (const auto& row : result.plan.creates) {
      std::optional<OrgUnit> parent;
      if (!row.parent_code.empty()) {
        if (auto it = created.find(row.parent_code); it != created.end()) {
          parent = it->second;
        } else {
          parent = store.find_by_code(row.parent_code);
        }
      }
      OrgUnit unit = store.insert(parent ? &*parent : nullptr, {row.code, row.name, row.kind}, now);
      created.emplace(row.code, std::move(unit));
    }
    for (const auto& rename : result.plan.renames) {
      store.rename(rename.id, rename.row.name, now);
    }
    OrgImportSummary summary{static_cast<int>(result.plan.creates.size()),
                             static_cast<int>(result.plan.renames.size()), result.plan.unchanged};
    record_audit(c, ctx_.clock, actor,
                 {"org.import",
                  "org_unit",
                  "",
                  actor.scope_path,
                  {{"created", summary.created},
                   {"renamed", summary.renamed},
                   {"unchanged", summary.unchanged},
                   {"bytes", csv_text.size()}}});
    return summary;
  });
}

}  // namespace fanzha::service
