// Roster import jobs (docs/api.md, POST /api/imports/people and friends).
import { api, download, request } from './api'
import type { ImportJob, ImportMode } from './types'

/** Sends the file as it is; the server answers 202 with a job to poll. */
export async function uploadRoster(file: File, into: number, mode: ImportMode): Promise<ImportJob> {
  const answer = await request<{ job: ImportJob }>('POST', '/api/imports/people', {
    query: { into, mode, file_name: file.name },
    raw: { body: file, contentType: file.type || 'application/octet-stream' },
  })
  return answer.job
}

export async function listImports(limit = 20): Promise<ImportJob[]> {
  return (await api.get<{ jobs: ImportJob[] }>('/api/imports', { limit })).jobs
}

export async function getImport(id: number): Promise<ImportJob> {
  return (await api.get<{ job: ImportJob }>(`/api/imports/${id}`)).job
}

/** Header → roster field key or "ignore", for a job in needs_mapping. */
export async function chooseMapping(id: number, mapping: Record<string, string>): Promise<ImportJob> {
  return (await api.post<{ job: ImportJob }>(`/api/imports/${id}/mapping`, { mapping })).job
}

export function downloadRejects(id: number): Promise<void> {
  return download(`/api/imports/${id}/rejects`, undefined, `未导入的行-${id}.xlsx`)
}
