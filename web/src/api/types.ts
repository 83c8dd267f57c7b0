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
  /** App roster jobs (kind "app_roster"): the weekly submission, once the job succeeded. */
  submission?: RosterSubmission
}

export interface ImportJob {
  id: number
  /** "app_roster" for weekly app rosters (POST /api/app/rosters). Not in docs/api.md's Job yet. */
  kind?: string
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
  | 'app.read'
  | 'app.write'
  | 'app.manage'
  | 'spotcheck.manage'
  | 'spotcheck.call'

// The anti-fraud app roster (docs/api.md, issue 4).

export type AppPopulation = 'age_16_60' | 'staff' | 'students'
export type AppFactKey = 'installed' | 'registered' | 'alerts_on'
export type AppMethod = 'self_report' | 'in_person' | 'weekly_roster' | 'police_data' | 'spot_check'

/** App figures of one population over one unit or subtree; *_rate are part ÷ population (0 when empty). */
export interface AppCounts {
  population: number
  installed: number
  registered: number
  alerts_on: number
  alerts_lapsed: number
  installed_strong: number
  registered_strong: number
  alerts_on_strong: number
  installed_rate: number
  registered_rate: number
  alerts_on_rate: number
  installed_strong_rate: number
  registered_strong_rate: number
  alerts_on_strong_rate: number
}

/** One person's app status today. */
export interface AppStatus {
  installed: boolean
  registered: boolean
  alerts_on: boolean
  /** Alerts were observed on, but longer ago than the lapse window: needs a re-check. */
  alerts_lapsed: boolean
  installed_strong: boolean
  registered_strong: boolean
  alerts_on_strong: boolean
}

/** One observation of one fact about a person. */
export interface AppFactRecord {
  id: number
  fact: AppFactKey
  fact_label: string
  value: boolean
  observed_at: number
  method: AppMethod
  method_label: string
  recorder_name: string
  submission_id: number | null
  promoter_user_id: number | null
  promoter_name: string
}

export interface AppPersonStatus {
  person_id: number
  status: AppStatus
  /** Newest first. */
  facts: AppFactRecord[]
}

/** One weekly roster a unit handed in. */
export interface RosterSubmission {
  id: number
  org_unit_id: number
  org_unit_name: string
  /** The week's Monday, "YYYY-MM-DD". */
  week: string
  submitted_at: number
  late: boolean
  username: string
  import_job_id: number | null
  rows: number
  installed: number
  registered: number
  alerts_on: number
  newly_installed: number
  newly_registered: number
  dropped: number
}

export interface RosterWeek {
  week: string
  deadline: number
  submissions: RosterSubmission[]
}

/** Roster submissions of one child unit's subtree for a week. */
export interface RosterStatusGroup {
  unit: Unit
  expected: number
  on_time: number
  late: { unit: Unit; submitted_at: number }[]
  missing: Unit[]
}

export interface RosterStatus {
  week: string
  deadline: number
  groups: RosterStatusGroup[]
}

export interface AppFigures {
  unit: Unit
  at: number
  populations: Record<AppPopulation, AppCounts>
}

export interface RankingChange {
  installed_rate: number
  registered_rate: number
  alerts_on_rate: number
}

export interface RankingHonesty {
  checked: number
  confirmed: number
  rate: number
}

export interface RankingRow {
  unit: Unit
  counts: AppCounts
  previous: AppCounts | null
  /** Rate changes against the previous week (fractions: 0.02 = 2 percentage points). */
  change: RankingChange | null
  rank: number | null
  /** One of the bottom three. */
  bottom: boolean
  /** Weeks in a row, up to this one, among the bottom three. */
  bottom_weeks: number
  /** Spot-check calls up to the end of the week in the row's subtree; null when none checked. */
  honesty: RankingHonesty | null
  false_entries: number
  late: number
  missing: number
  promoted: number
}

export interface RankingTable {
  population: AppPopulation
  label: string
  total: AppCounts
  rows: RankingRow[]
}

export interface Ranking {
  unit: Unit
  week: string
  as_of: number
  previous_week: string
  deadline: number
  tables: RankingTable[]
}

export interface TrendWeek {
  week: string
  populations: Partial<Record<AppPopulation, AppCounts>>
}

export interface TargetProgress {
  unit: Unit
  population: number
  achieved: number
  required: number
  gap: number
  met: boolean
  weekly_pace: number
  /** "YYYY-MM-DD" at the current pace; null when the pace will never get there. */
  projected: string | null
  on_track: boolean
}

export interface AppTarget {
  id: number
  org_unit_id: number
  org_unit_name: string
  population: AppPopulation
  /** Not in docs/api.md yet, but the server sends it. */
  population_label?: string
  fact: AppFactKey
  /** Not in docs/api.md yet, but the server sends it. */
  fact_label?: string
  /** 0–1. */
  rate: number
  due_on: string
  note: string
  progress: TargetProgress
}

export interface AppSettings {
  alerts_lapse_days: number
  /** 1 = Monday … 7 = Sunday. */
  roster_deadline_weekday: number
  /** 0–23, county time. */
  roster_deadline_hour: number
}

/** The caller's own promotion code. */
export interface Promotion {
  code: string
  /** A path ("/promo/CODE") on this site. */
  link: string
  registered: number
  registered_this_week: number
}

export interface PromotionCounts {
  workers: { user_id: number; name: string; unit_name: string; count: number }[]
  units: { unit: Unit; count: number }[]
}

/** What the public landing page of a code shows. */
export interface PublicPromo {
  code: string
  /** Masked, e.g. "李*". */
  worker: string
  unit_name: string
}

export type CallOutcome = 'confirmed' | 'not_installed' | 'wrong_number' | 'unreachable' | 'refused' | 'no_publicity'

export interface SpotCheckPlan {
  id: number
  org_unit_id: number
  org_unit_name: string
  name: string
  seed: number
  per_village: number
  drawn_at: number
  closed: boolean
  items: number
  called: number
  created_at: number
}

export interface SpotCheckVillage {
  /** Only id and name (not a whole Unit object, as docs/api.md suggests). */
  unit: Pick<Unit, 'id' | 'name'>
  items: number
  called: number
  /** Calls that checked the entry (unreachable and refused do not count). */
  checked: number
  confirmed: number
  /** Entries found false (not in docs/api.md yet, but the server sends it). */
  found_false?: number
  /** confirmed ÷ checked; null while nothing was checked. */
  honesty: number | null
}

export interface SpotCheckItem {
  id: number
  plan_id: number
  person_id: number
  person_name: string
  /** Masked; POST /api/spot-check-items/{id}/dial gives the clear number. */
  phone: string
  village_id: number
  village_name: string
  assigned_to: number | null
  assigned_name: string
  outcome: CallOutcome | null
  /** null while not called. */
  outcome_label: string | null
  called_at: number | null
  notes: string
  /** The roster entry was found false. */
  flagged: boolean
}

// The public scam-message check (POST /api/check). Offsets are in Unicode code
// points of the text that was sent.

export type CheckVerdict = 'fraud' | 'suspicious' | 'normal'

export interface CheckSpan {
  start: number
  end: number
  text: string
}

export interface CheckReason {
  name: string
  label: string
  /** Negative for a legitimate shape (e.g. an official verification-code SMS). */
  weight: number
  /** Empty for the model's reason ("model"). */
  spans: CheckSpan[]
}

export type CheckEntityKind = 'url' | 'phone' | 'qq' | 'wechat' | 'bank_card' | 'amount'

export interface CheckEntity extends CheckSpan {
  kind: CheckEntityKind
  value: string
}

export interface CheckResult {
  verdict: CheckVerdict
  verdict_label: string
  /** 0–100. */
  score: number
  type: KeyLabel | null
  reasons: CheckReason[]
  entities: CheckEntity[]
  advice: string[]
  rules_version: string
  model_probability?: number
}
