import { api } from './api'
import type { AuditEntry } from './types'

export interface AuditFilter {
  username?: string
  action?: string
  entity_type?: string
  entity_id?: string
  from?: number
  to?: number
  limit: number
  offset: number
}

export function listAudit(filter: AuditFilter): Promise<{ entries: AuditEntry[]; total: number }> {
  return api.get('/api/audit', { ...filter })
}
