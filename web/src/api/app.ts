// The anti-fraud app roster (docs/api.md, "The anti-fraud app roster (issue 4)"):
// people's app facts, weekly rosters, figures, ranking, trend, targets, settings
// and promotion codes. Spot checks are in spotChecks.ts.
import { api, download, request } from './api'
import type {
  AppFactKey,
  AppFigures,
  AppMethod,
  AppPersonStatus,
  AppPopulation,
  AppSettings,
  AppTarget,
  ImportJob,
  ImportMode,
  Promotion,
  PromotionCounts,
  PublicPromo,
  Ranking,
  RosterStatus,
  RosterSubmission,
  RosterWeek,
  TrendWeek,
} from './types'

export function getAppPerson(personId: number): Promise<AppPersonStatus> {
  return api.get<AppPersonStatus>(`/api/app/people/${personId}`)
}

export interface FactInput {
  installed?: boolean
  registered?: boolean
  alerts_on?: boolean
  method: AppMethod
  observed_at?: number
  promotion_code?: string
}

/** Records one check of a person's phone (at least one fact). */
export function recordFacts(personId: number, input: FactInput): Promise<Omit<AppPersonStatus, 'person_id'>> {
  return api.post(`/api/app/people/${personId}/facts`, input)
}

/** Sends the weekly roster as it is; the answer is an import job (kind "app_roster") to poll. */
export async function uploadAppRoster(file: File, unitId: number, mode: ImportMode): Promise<ImportJob> {
  const answer = await request<{ job: ImportJob }>('POST', '/api/app/rosters', {
    query: { unit_id: unitId, mode, file_name: file.name },
    raw: { body: file, contentType: file.type || 'application/octet-stream' },
  })
  return answer.job
}

/** The week's submissions in the unit's subtree (the current week when `week` is absent). */
export function listRosters(unitId?: number | null, week?: string | null): Promise<RosterWeek> {
  return api.get<RosterWeek>('/api/app/rosters', { unit_id: unitId, week })
}

export async function rosterHistory(unitId: number, limit = 20): Promise<RosterSubmission[]> {
  return (await api.get<{ submissions: RosterSubmission[] }>('/api/app/rosters/history', { unit_id: unitId, limit })).submissions
}

export function rosterStatus(unitId?: number | null, week?: string | null): Promise<RosterStatus> {
  return api.get<RosterStatus>('/api/app/rosters/status', { unit_id: unitId, week })
}

export function fetchAppFigures(unitId?: number | null, at?: number | null): Promise<AppFigures> {
  return api.get<AppFigures>('/api/app/figures', { unit_id: unitId, at })
}

export function fetchRanking(unitId?: number | null, week?: string | null): Promise<Ranking> {
  return api.get<Ranking>('/api/app/ranking', { unit_id: unitId, week })
}

/** 周排名 as XLSX. */
export function exportRanking(unitId?: number | null, week?: string | null): Promise<void> {
  return download('/api/app/ranking/export', { unit_id: unitId, week }, '反诈APP周排名.xlsx')
}

/** The last `weeks` weeks' figures, oldest first. */
export async function fetchTrend(unitId?: number | null, weeks = 12): Promise<TrendWeek[]> {
  return (await api.get<{ weeks: TrendWeek[] }>('/api/app/trend', { unit_id: unitId, weeks })).weeks
}

export async function listTargets(unitId?: number | null): Promise<AppTarget[]> {
  return (await api.get<{ targets: AppTarget[] }>('/api/app/targets', { unit_id: unitId })).targets
}

export interface TargetInput {
  org_unit_id: number
  population: AppPopulation
  fact: AppFactKey
  /** 0–1. */
  rate: number
  /** "YYYY-MM-DD". */
  due_on: string
  note?: string
}

export async function createTarget(input: TargetInput): Promise<AppTarget> {
  return (await api.post<{ target: AppTarget }>('/api/app/targets', input)).target
}

export async function deleteTarget(id: number): Promise<void> {
  await api.del(`/api/app/targets/${id}`)
}

export function getAppSettings(): Promise<AppSettings> {
  return api.get<AppSettings>('/api/app/settings')
}

export function updateAppSettings(patch: Partial<AppSettings>): Promise<AppSettings> {
  return api.patch<AppSettings>('/api/app/settings', patch)
}

/** The caller's own promotion code (created on first use). */
export function getPromotion(): Promise<Promotion> {
  return api.get<Promotion>('/api/app/promotion')
}

/** Registrations brought in by workers and units in a period (epoch ms). */
export function listPromotions(unitId?: number | null, from?: number | null, to?: number | null): Promise<PromotionCounts> {
  return api.get<PromotionCounts>('/api/app/promotions', { unit_id: unitId, from, to })
}

/** For the landing page behind a promotion link: no session needed. */
export function getPublicPromo(code: string): Promise<PublicPromo> {
  return api.get<PublicPromo>(`/api/public/promo/${encodeURIComponent(code)}`, undefined, { redirectOn401: false })
}
