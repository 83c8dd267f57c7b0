import { api, request } from './api'
import type { ImportResult, Unit, UnitHit } from './types'

export async function getUnit(id: number): Promise<Unit> {
  return (await api.get<{ unit: Unit }>(`/api/org/units/${id}`)).unit
}

export async function getChildren(id: number, includeInactive = false): Promise<Unit[]> {
  const query = includeInactive ? { include_inactive: 1 } : undefined
  return (await api.get<{ units: Unit[] }>(`/api/org/units/${id}/children`, query)).units
}

/** The units from the caller's scope root down to (and including) the unit. */
export async function getPath(id: number): Promise<Unit[]> {
  return (await api.get<{ units: Unit[] }>(`/api/org/units/${id}/path`)).units
}

export async function searchUnits(q: string, options: { kind?: string; limit?: number } = {}): Promise<UnitHit[]> {
  const query = { q, kind: options.kind, limit: options.limit ?? 20 }
  return (await api.get<{ units: UnitHit[]; total: number }>('/api/org/search', query)).units
}

export interface NewUnit {
  parent_id: number
  code: string
  name: string
  kind: string
}

export async function createUnit(input: NewUnit): Promise<Unit> {
  return (await api.post<{ unit: Unit }>('/api/org/units', input)).unit
}

export async function updateUnit(id: number, patch: { name?: string; active?: boolean }): Promise<Unit> {
  return (await api.patch<{ unit: Unit }>(`/api/org/units/${id}`, patch)).unit
}

export async function moveUnit(id: number, parentId: number): Promise<Unit> {
  return (await api.post<{ unit: Unit }>(`/api/org/units/${id}/move`, { parent_id: parentId })).unit
}

export async function deleteUnit(id: number): Promise<void> {
  await api.del(`/api/org/units/${id}`)
}

/** Sends the CSV file as it is; the server validates all lines before changing anything. */
export function importUnits(file: Blob): Promise<ImportResult> {
  return request<ImportResult>('POST', '/api/org/import', { raw: { body: file, contentType: 'text/csv' } })
}
