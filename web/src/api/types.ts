// Shapes of the objects the server returns, as docs/api.md defines them.

export interface Unit {
  id: number
  code: string
  name: string
  kind: string
  kind_label: string
  parent_id: number | null
  active: boolean
  depth: number
  child_count: number
}

/** A search hit: the unit plus the names on its path from the caller's scope root. */
export interface UnitHit extends Unit {
  path_names: string[]
}

export interface User {
  id: number
  username: string
  display_name: string
  role: string
  role_label: string
  org_unit_id: number
  org_unit_name: string
  active: boolean
  must_change_password: boolean
  locked_until: number | null
  created_at: number
}

export interface AuditEntry {
  id: number
  at: number
  user_id: number | null
  username: string | null
  action: string
  entity_type: string
  entity_id: string | null
  summary: unknown
  client_addr: string
  outcome: string
}

export interface SessionInfo {
  user: User
  unit: Unit
  capabilities: string[]
  csrf_token: string
}

export interface KindMeta {
  kind: string
  label: string
  allowed_parents: string[]
  /** Digits of the administrative-division code; null for non-geographic kinds.
   *  Not in docs/api.md yet, but the server sends it. */
  code_digits?: number | null
}

export interface RoleMeta {
  role: string
  label: string
  capabilities: string[]
  allowed_kinds: string[]
}

export interface Meta {
  kinds: KindMeta[]
  roles: RoleMeta[]
}

export interface KindCount {
  kind: string
  label: string
  count: number
}

export interface RoleCount {
  role: string
  label: string
  count: number
}

export interface Dashboard {
  unit: Unit
  counts_by_kind: KindCount[]
  children: { unit: Unit; counts: Record<string, number> }[]
  users_by_role: RoleCount[]
}

export interface ImportResult {
  created: number
  renamed: number
  unchanged: number
}

/** One rejected line of a file import (`error.details`). */
export interface LineError {
  line: number
  field: string
  message: string
}

/** The capabilities the server hands out; the menu and routes are keyed on them. */
export type Capability =
  | 'dashboard.read'
  | 'org.read'
  | 'org.write'
  | 'user.read'
  | 'user.write'
  | 'audit.read'
