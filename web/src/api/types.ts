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

/** One entry of a fixed list in /api/meta (tags, materials, roster fields …). */
export interface KeyLabel {
  key: string
  label: string
}

export interface FraudTypeMeta extends KeyLabel {
  /** One of the county's four high-incidence types. */
  high_incidence: boolean
}

export interface Meta {
  kinds: KindMeta[]
  roles: RoleMeta[]
  fraud_types: FraudTypeMeta[]
  person_tags: KeyLabel[]
  visit_materials: KeyLabel[]
  roster_fields: KeyLabel[]
  link_roles: KeyLabel[]
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

/** A household's visits in one campaign (list rows asked with campaign_id). */
export interface VisitStatus {
  visits: number
  last_visit_at: number | null
  face_to_face: boolean
  letter_signed: boolean
}

export interface Household {
  id: number
  number: string
  address: string
  head_name: string
  member_count: number
  org_unit_id: number
  org_unit_name: string
  village_unit_id: number
  status?: VisitStatus
}

/** id_number and phone are always masked here; see POST /api/people/{id}/unmask. */
export interface Person {
  id: number
  household_id: number
  household_number: string
  org_unit_id: number
  org_unit_name: string
  name: string
  id_number: string
  phone: string
  sex: string
  sex_label: string
  birth_date: string
  age: number | null
  relation: string
  address: string
  tags: string[]
  notes: string
  link_unit_id: number | null
  link_unit_name: string
  link_role: string
  link_role_label: string
}

export type ImportStatus = 'needs_mapping' | 'queued' | 'running' | 'succeeded' | 'rejected' | 'failed'
export type ImportMode = 'all_or_nothing' | 'valid_rows'

export interface ImportHeader {
  header: string
  /** The roster field the column feeds, "ignore", or null when not recognised. */
  field: string | null
}

export interface ImportReport {
  format?: string
  encoding?: string
  headers?: ImportHeader[]
  problems?: string[]
  errors?: LineError[]
  households_created?: number
  errors_truncated?: boolean
}

export interface ImportJob {
  id: number
  status: ImportStatus
  file_name: string
  mode: ImportMode
  org_unit_id: number
  org_unit_name: string
  username: string
  rows_total: number
  created: number
  updated: number
  unchanged: number
  rejected: number
  has_rejects: boolean
  progress: { rows: number; fraction: number } | null
  /** Empty until the file has been read. */
  report: ImportReport
  created_at: number
  started_at: number | null
  finished_at: number | null
}

export interface Campaign {
  id: number
  org_unit_id: number
  org_unit_name: string
  name: string
  starts_at: number
  ends_at: number
  /** Per work stream ("visits" …): epoch ms. */
  deadlines: Record<string, number>
  active: boolean
}

export interface Visit {
  id: number
  campaign_id: number
  household_id: number
  household_number: string
  org_unit_id: number
  visited_at: number
  visitor_user_id: number | null
  visitor_name: string
  face_to_face: boolean
  topics: string[]
  materials: string[]
  letter_signed: boolean
  notes: string
  member_ids: number[]
  photo_ids: number[]
  photo_count: number
}

export interface CoverageCounts {
  households: number
  visited: number
  face_to_face: number
  letters: number
  not_visited: number
  visit_rate: number
  face_to_face_rate: number
  letter_rate: number
}

export interface CoverageRow extends CoverageCounts {
  unit: Unit
  rank: number
  /** One of the bottom three by visit rate. */
  bottom: boolean
}

export interface Coverage {
  campaign: Campaign
  unit: Unit
  total: CoverageCounts
  /** Households kept on the unit itself, not under any child unit; null when none. */
  direct: CoverageCounts | null
  children: CoverageRow[]
}

/** Cumulative households reached up to and including the day (county time). */
export interface TimelineDay {
  day: string
  visited: number
  face_to_face: number
  letters: number
}

/** The capabilities the server hands out; the menu and routes are keyed on them. */
export type Capability =
  | 'dashboard.read'
  | 'org.read'
  | 'org.write'
  | 'user.read'
  | 'user.write'
  | 'audit.read'
  | 'person.read'
  | 'person.write'
  | 'person.export'
  | 'pii.unmask'
  | 'campaign.write'
  | 'visit.read'
  | 'visit.write'
