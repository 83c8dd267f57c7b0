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
  | 'case.read'
  | 'case.write'
  | 'case.identity'
  | 'case.manage'

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

// Fraud cases (docs/api.md, "Fraud cases (issue 6)"). Money is integer fen; days
// are county days "YYYY-MM-DD"; times are epoch ms.

export type CaseStatus = 'registered' | 'investigating' | 'solved' | 'closed'
export type CaseChannel = 'phone_call' | 'sms' | 'wechat' | 'qq' | 'app' | 'website' | 'in_person' | 'other'
export type VictimGroup = 'student' | 'elderly' | 'finance_staff' | 'enterprise_head' | 'worker_away' | 'public_staff' | 'other'
export type SuspectAccountKind = 'bank_card' | 'payment_account' | 'virtual_currency'
export type RectificationStatus = 'open' | 'in_progress' | 'done'
export type MoneySource = '' | 'savings' | 'loan' | 'borrowed' | 'company_funds' | 'other'
export type PeriodKind = 'week' | 'half_month' | 'month' | 'quarter' | 'year' | 'range'

export interface UnitRef {
  id: number
  name: string
}

export interface CaseVictim {
  /** null for roles without case.identity, or when the victim is not a person in fanzha. */
  person_id: number | null
  /** Masked ("张*") when `masked`. */
  name: string
  age: number | null
  /** "M", "F" or "". */
  sex: string
  group: VictimGroup
  group_label: string
  unit: UnitRef | null
  masked: boolean
}

export interface SuspectAccount {
  kind: SuspectAccountKind
  kind_label: string
  /** Masked for case.identity roles, empty for others; clear only through unmask. */
  number: string
  holder: string
}

/** What fanzha's records said about the victim at the case time (stored at registration). */
export interface BackTrace {
  person_known: boolean
  visited: boolean
  visited_face_to_face: boolean
  last_visit_at: number | null
  letter_signed: boolean
  app_installed: boolean
  app_registered: boolean
  alerts_on: boolean
  alerts_lapsed: boolean
  spot_checked: boolean
  spot_check_confirmed: boolean
}

export interface ChecklistItem {
  item: string
  done: boolean
}

export interface Rectification {
  responsible_unit_id: number
  responsible_unit_name: string
  checklist: ChecklistItem[]
  plan: string
  /** "YYYY-MM-DD" or null when not set. */
  due_on: string | null
  status: RectificationStatus
  updated_at: number
}

export interface FraudCase {
  id: number
  case_number: string
  reported_at: number
  occurred_at: number
  org_unit: UnitRef
  victim: CaseVictim
  /** The victim is staff of victim.unit (系统内部发案). */
  inside_system: boolean
  fraud_type: string
  fraud_type_label: string
  high_incidence: boolean
  channel: CaseChannel
  channel_label: string
  loss_fen: number
  stopped_fen: number
  returned_fen: number
  status: CaseStatus
  status_label: string
  suspect_accounts: SuspectAccount[]
  notes: string
  back_trace: BackTrace
  large: boolean
  /** The caller may read and keep the victim's ledger. */
  ledger_access: boolean
  rectification: Rectification | null
  created_at: number
  updated_at: number
}

export interface CaseFollowup {
  id: number
  visited_at: number
  visitor_name: string
  support: boolean
  outcome: string
}

export interface CaseLedger {
  account: string
  family: string
  money_source: MoneySource
  plan: string
  updated_at: number | null
  followups: CaseFollowup[]
}

export interface Period {
  kind: PeriodKind
  from: string
  to: string
  label: string
}

export interface CaseSums {
  cases: number
  loss_fen: number
  stopped_fen: number
  returned_fen: number
}

/** A period's sums with the same period last year; the changes are null when last year was 0. */
export interface CaseFigures extends CaseSums {
  last_year: CaseSums
  cases_change: number | null
  loss_change: number | null
  /** Present when the unit has residents. */
  residents?: number
  per_10k?: number | null
}

export interface CaseBreakdownRow extends CaseFigures {
  key: string
  label: string
}

export interface CaseChildRow extends CaseFigures {
  unit: Unit
  rank: number | null
  bottom: boolean
  zero_case: boolean
}

export type BackTraceKey =
  | 'never_visited'
  | 'not_face_to_face'
  | 'no_letter'
  | 'app_not_installed'
  | 'app_not_registered'
  | 'alerts_off'
  | 'alerts_lapsed'
  | 'spot_confirmed'

export type BackTraceSummary = { cases: number; known: number; shares: Record<BackTraceKey, number> } & Record<BackTraceKey, number>

export interface ZeroCaseCount {
  total: number
  zero: number
}

export interface CaseStats {
  unit: Unit
  period: Period
  last_year_period: Period
  total: CaseFigures
  by_type: CaseBreakdownRow[]
  by_group: CaseBreakdownRow[]
  by_channel: CaseBreakdownRow[]
  children: CaseChildRow[]
  back_trace: BackTraceSummary
  large_cases: number
  large_case_fen: number
  inside_system: (CaseSums & { unit: Unit })[]
  zero_case: { villages: ZeroCaseCount; units: ZeroCaseCount; schools: ZeroCaseCount }
}

export interface CaseTrendMonth extends CaseFigures {
  period: Period
}

export type CaseMeasure = 'cases' | 'loss'
export type CaseScope = 'all_types' | 'high_incidence'

export interface CaseTarget {
  id: number
  org_unit: UnitRef
  period: Period
  measure: CaseMeasure
  scope: CaseScope
  reduction_permille: number
  /** Cases, or fen for measure "loss". */
  last_year: number
  allowed: number
  so_far: number
  projected: number
  met: boolean
  on_track: boolean
}

export interface BulletinLargeCase {
  id: number
  case_number: string
  occurred_at: number
  org_unit_name: string
  fraud_type_label: string
  loss_fen: number
  /** The back-trace's two headline facts (sent by the server, not in the brief's shape). */
  person_known?: boolean
  visited?: boolean
}

/** 案件通报: GET /api/case-bulletin. */
export interface CaseBulletin {
  title: string
  unit: Unit
  period: Period
  last_year_period: Period
  issued_on: string
  issuer: string
  summary: string
  total: CaseFigures
  children: CaseChildRow[]
  bottom: Unit[]
  by_type: CaseBreakdownRow[]
  inside_system: (CaseSums & { unit: Unit })[]
  large_cases: BulletinLargeCase[]
  back_trace: BackTraceSummary
  /** Also sent by the server (as in Stats). */
  by_group?: CaseBreakdownRow[]
  by_channel?: CaseBreakdownRow[]
  large_case_fen?: number
  zero_case?: CaseStats['zero_case']
}
