// Households and people (docs/api.md, "Households, people, rosters").
import { api, download } from './api'
import type { Household, Person } from './types'

export interface HouseholdFilter {
  unit_id?: number | null
  q?: string
  campaign_id?: number | null
  /** With campaign_id: only households visited (true) or not yet visited (false). */
  visited?: boolean | null
  unvisited_first?: boolean
  limit: number
  offset: number
}

function householdQuery(filter: Omit<HouseholdFilter, 'limit' | 'offset'> & { limit?: number; offset?: number }) {
  const visited = filter.visited === null || filter.visited === undefined ? undefined : filter.visited ? 1 : 0
  return {
    unit_id: filter.unit_id,
    q: filter.q,
    campaign_id: filter.campaign_id,
    visited,
    order: filter.unvisited_first ? 'unvisited_first' : undefined,
    limit: filter.limit,
    offset: filter.offset,
  }
}

export function listHouseholds(filter: HouseholdFilter): Promise<{ households: Household[]; total: number }> {
  return api.get('/api/households', householdQuery(filter))
}

/** 户名单 as XLSX, with the same filters as the list. */
export function exportHouseholds(filter: Omit<HouseholdFilter, 'limit' | 'offset'>): Promise<void> {
  return download('/api/households/export', householdQuery(filter), '户名单.xlsx')
}

export function getHousehold(id: number): Promise<{ household: Household; members: Person[] }> {
  return api.get(`/api/households/${id}`)
}

export interface NewHousehold {
  org_unit_id: number
  number: string
  address?: string
}

export async function createHousehold(input: NewHousehold): Promise<Household> {
  return (await api.post<{ household: Household }>('/api/households', input)).household
}

export async function updateHousehold(id: number, address: string): Promise<Household> {
  return (await api.patch<{ household: Household }>(`/api/households/${id}`, { address })).household
}

export interface PersonFilter {
  unit_id?: number | null
  q?: string
  tags?: string[]
  linked?: boolean
  household_id?: number | null
  limit: number
  offset: number
}

function personQuery(filter: Omit<PersonFilter, 'limit' | 'offset'> & { limit?: number; offset?: number }) {
  return {
    unit_id: filter.unit_id,
    q: filter.q,
    tags: filter.tags?.length ? filter.tags.join(',') : undefined,
    linked: filter.linked ? 1 : undefined,
    household_id: filter.household_id,
    limit: filter.limit,
    offset: filter.offset,
  }
}

export function listPeople(filter: PersonFilter): Promise<{ people: Person[]; total: number }> {
  return api.get('/api/people', personQuery(filter))
}

/** 人员名单 as XLSX; `unmask` (pii.unmask only) needs a reason and is audited. */
export function exportPeople(
  filter: Omit<PersonFilter, 'limit' | 'offset'>,
  unmask?: { reason: string },
): Promise<void> {
  const query = { ...personQuery(filter), unmask: unmask ? 1 : undefined, reason: unmask?.reason }
  return download('/api/people/export', query, '人员名单.xlsx')
}

export async function getPerson(id: number): Promise<Person> {
  return (await api.get<{ person: Person }>(`/api/people/${id}`)).person
}

/** The fields of the person form; id_number and phone are sent only when typed in. */
export interface PersonInput {
  household_id?: number
  name?: string
  id_number?: string
  phone?: string
  relation?: string
  address?: string
  tags?: string[]
  notes?: string
  sex?: string
  link_unit_id?: number | null
  link_role?: string
}

export async function createPerson(input: PersonInput & { household_id: number; name: string }): Promise<Person> {
  return (await api.post<{ person: Person }>('/api/people', input)).person
}

export async function updatePerson(id: number, patch: PersonInput): Promise<Person> {
  return (await api.patch<{ person: Person }>(`/api/people/${id}`, patch)).person
}

/** The clear numbers, for display only while the person's drawer is open. */
export function unmaskPerson(id: number, reason: string): Promise<{ id_number: string; phone: string }> {
  return api.post(`/api/people/${id}/unmask`, { reason })
}
