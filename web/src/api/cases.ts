// Fraud cases (docs/api.md, "Fraud cases (issue 6)"): the registry, unmasking
// accounts, the victim ledger, rectification plans, case imports, statistics,
// the monthly trend, 两降 targets and the case bulletin.
import { api, download, request, type Query } from './api'
import type {
  CaseBulletin,
  CaseChannel,
  CaseLedger,
  CaseMeasure,
  CaseScope,
  CaseStats,
  CaseStatus,
  CaseTarget,
  CaseTrendMonth,
  ChecklistItem,
  FraudCase,
  ImportJob,
  ImportMode,
  MoneySource,
  Rectification,
  RectificationStatus,
  SuspectAccount,
  SuspectAccountKind,
  VictimGroup,
} from './types'

/** The filters of GET /api/cases; the same names are the /cases page's URL query. */
export interface CaseFilter {
  unit_id?: number | null
  /** Occurred on or after, "YYYY-MM-DD" (county day). */
  from?: string
  to?: string
  fraud_type?: string
  victim_group?: string
  channel?: string
  status?: string
  high_incidence?: boolean
  inside_system?: boolean
  min_loss_fen?: number | null
  /** Only cases whose back-trace counts in this summary figure (e.g. never_visited). */
  trace?: string
  /** Case number prefix. */
  q?: string
}

function filterQuery(filter: CaseFilter): Query {
  return {
    unit_id: filter.unit_id,
    from: filter.from,
    to: filter.to,
    fraud_type: filter.fraud_type,
    victim_group: filter.victim_group,
    channel: filter.channel,
    status: filter.status,
    high_incidence: filter.high_incidence ? 1 : undefined,
    inside_system: filter.inside_system ? 1 : undefined,
    min_loss_fen: filter.min_loss_fen,
    trace: filter.trace,
    q: filter.q,
  }
}

export interface CaseList {
  cases: FraudCase[]
  total: number
  /** Over all matches, not only this page. */
  loss_fen: number
}

export function listCases(filter: CaseFilter, limit: number, offset: number): Promise<CaseList> {
  return api.get<CaseList>('/api/cases', { ...filterQuery(filter), limit, offset })
}

export async function getCase(id: number): Promise<FraudCase> {
  return (await api.get<{ case: FraudCase }>(`/api/cases/${id}`)).case
}

/** The body of POST and PUT /api/cases (PUT sends the whole case). Amounts go as yuan text. */
export interface CaseInput {
  case_number: string
  reported_at: number
  occurred_at: number
  org_unit_id: number
  fraud_type: string
  channel: CaseChannel
  status: CaseStatus
  loss: string
  stopped?: string
  returned?: string
  victim_person_id?: number
  victim_name?: string
  victim_age?: number
  victim_sex?: string
  victim_group?: VictimGroup
  victim_unit_id?: number
  victim_staff?: boolean
  // Left out of an update: the stored accounts stay.
  suspect_accounts?: { kind: SuspectAccountKind; number: string; holder: string }[]
  notes: string
}

export async function createCase(input: CaseInput): Promise<FraudCase> {
  return (await request<{ case: FraudCase }>('POST', '/api/cases', { json: input })).case
}

export async function updateCase(id: number, input: CaseInput): Promise<FraudCase> {
  return (await request<{ case: FraudCase }>('PUT', `/api/cases/${id}`, { json: input })).case
}

/** The suspect accounts in clear (case.identity; the reason is audited). */
export async function unmaskCase(id: number, reason: string): Promise<SuspectAccount[]> {
  return (await api.post<{ suspect_accounts: SuspectAccount[] }>(`/api/cases/${id}/unmask`, { reason })).suspect_accounts
}

export async function getLedger(id: number): Promise<CaseLedger> {
  return (await api.get<{ ledger: CaseLedger }>(`/api/cases/${id}/ledger`)).ledger
}

export interface LedgerInput {
  account: string
  family: string
  money_source: MoneySource
  plan: string
}

export async function saveLedger(id: number, input: LedgerInput): Promise<CaseLedger> {
  return (await request<{ ledger: CaseLedger }>('PUT', `/api/cases/${id}/ledger`, { json: input })).ledger
}

export interface FollowupInput {
  visited_at?: number
  visitor_name: string
  support: boolean
  outcome: string
}

export async function addFollowup(id: number, input: FollowupInput): Promise<CaseLedger> {
  return (await api.post<{ ledger: CaseLedger }>(`/api/cases/${id}/followups`, input)).ledger
}

export interface RectificationPatch {
  responsible_unit_id?: number
  checklist?: ChecklistItem[]
  plan?: string
  due_on?: string
  status?: RectificationStatus
}

export async function updateRectification(id: number, patch: RectificationPatch): Promise<Rectification> {
  return (await api.patch<{ rectification: Rectification }>(`/api/cases/${id}/rectification`, patch)).rectification
}

/** Sends a police export (CSV or XLSX) as it is; the answer is an import job (kind "cases") to poll. */
export async function uploadCases(file: File, into: number, mode: ImportMode): Promise<ImportJob> {
  const answer = await request<{ job: ImportJob }>('POST', '/api/imports/cases', {
    query: { into, mode, file_name: file.name },
    raw: { body: file, contentType: file.type || 'application/octet-stream' },
  })
  return answer.job
}

/** A period of GET /api/case-stats (and the bulletin): a kind with a day inside it, or from–to. */
export interface PeriodQuery {
  period?: string
  date?: string
  from?: string
  to?: string
}

export interface StatsQuery extends PeriodQuery {
  unit_id?: number | null
  fraud_type?: string
  high_incidence?: boolean
  victim_group?: string
  channel?: string
}

export function fetchCaseStats(query: StatsQuery): Promise<CaseStats> {
  return api.get<CaseStats>('/api/case-stats', { ...query, high_incidence: query.high_incidence ? 1 : undefined })
}

/** January to the month of `date`, each against the same month last year. */
export async function fetchCaseTrend(unitId?: number | null, date?: string): Promise<CaseTrendMonth[]> {
  return (await api.get<{ months: CaseTrendMonth[] }>('/api/case-stats/trend', { unit_id: unitId, date })).months
}

export async function listCaseTargets(unitId?: number | null): Promise<CaseTarget[]> {
  return (await api.get<{ targets: CaseTarget[] }>('/api/case-targets', { unit_id: unitId })).targets
}

export interface CaseTargetInput extends PeriodQuery {
  org_unit_id: number
  measure: CaseMeasure
  scope: CaseScope
  reduction_permille: number
}

export async function createCaseTarget(input: CaseTargetInput): Promise<CaseTarget> {
  return (await api.post<{ target: CaseTarget }>('/api/case-targets', input)).target
}

export async function deleteCaseTarget(id: number): Promise<void> {
  await api.del(`/api/case-targets/${id}`)
}

/** The loss (fen) from which a case is large and gets a full back-trace and a rectification plan. */
export async function getLargeCaseFen(): Promise<number> {
  return (await api.get<{ large_case_fen: number }>('/api/case-settings')).large_case_fen
}

export async function setLargeCaseFen(fen: number): Promise<number> {
  return (await request<{ large_case_fen: number }>('PUT', '/api/case-settings', { json: { large_case_fen: fen } }))
    .large_case_fen
}

export interface BulletinQuery {
  unit_id?: number | null
  period: 'week' | 'half_month'
  date?: string
}

export function fetchBulletin(query: BulletinQuery): Promise<CaseBulletin> {
  return api.get<CaseBulletin>('/api/case-bulletin', { ...query })
}

export function downloadBulletinPdf(query: BulletinQuery): Promise<void> {
  return download('/api/case-bulletin/pdf', { ...query }, '案件通报.pdf')
}

export function downloadBulletinXlsx(query: BulletinQuery): Promise<void> {
  return download('/api/case-bulletin/xlsx', { ...query }, '案件通报.xlsx')
}
