// Telephone spot checks of app rosters (电话抽查): plans, their items, callers.
import { api } from './api'
import type { CallOutcome, SpotCheckItem, SpotCheckPlan, SpotCheckVillage, User } from './types'

export async function listPlans(): Promise<SpotCheckPlan[]> {
  return (await api.get<{ plans: SpotCheckPlan[] }>('/api/spot-checks')).plans
}

export interface PlanInput {
  org_unit_id: number
  name: string
  per_village: number
  seed?: number
}

/** Draws the sample at once: `per_village` roster entries from each village. */
export async function createPlan(input: PlanInput): Promise<SpotCheckPlan> {
  return (await api.post<{ plan: SpotCheckPlan }>('/api/spot-checks', input)).plan
}

export function getPlan(id: number): Promise<{ plan: SpotCheckPlan; villages: SpotCheckVillage[] }> {
  return api.get(`/api/spot-checks/${id}`)
}

export interface ItemFilter {
  /** Only the items assigned to the caller. */
  mine?: boolean
  /** Only called (true) or not yet called (false) items. */
  called?: boolean | null
  village_id?: number | null
  limit: number
  offset: number
}

export function listItems(planId: number, filter: ItemFilter): Promise<{ items: SpotCheckItem[]; total: number }> {
  const called = filter.called === null || filter.called === undefined ? undefined : filter.called ? 1 : 0
  return api.get(`/api/spot-checks/${planId}/items`, {
    mine: filter.mine ? 1 : undefined,
    called,
    village_id: filter.village_id,
    limit: filter.limit,
    offset: filter.offset,
  })
}

/** Active users in the manager's scope who may call (spotcheck.call). */
export async function listCallers(planId: number): Promise<User[]> {
  return (await api.get<{ users: User[] }>(`/api/spot-checks/${planId}/callers`)).users
}

/** Deals the plan's unassigned items round-robin to these callers; answers how many were dealt. */
export async function assignCallers(planId: number, userIds: number[]): Promise<number> {
  return (await api.post<{ assigned: number }>(`/api/spot-checks/${planId}/assign`, { user_ids: userIds })).assigned
}

/** Ends the plan: no more assignments or calls. */
export async function closePlan(planId: number): Promise<SpotCheckPlan> {
  return (await api.post<{ plan: SpotCheckPlan }>(`/api/spot-checks/${planId}/close`, {})).plan
}

/** The clear phone number to call (audited); show it only while the page is open. */
export async function dialItem(itemId: number): Promise<string> {
  return (await api.post<{ phone: string }>(`/api/spot-check-items/${itemId}/dial`, {})).phone
}

export async function recordOutcome(itemId: number, outcome: CallOutcome, notes?: string): Promise<SpotCheckItem> {
  return (await api.post<{ item: SpotCheckItem }>(`/api/spot-check-items/${itemId}/outcome`, { outcome, notes })).item
}
