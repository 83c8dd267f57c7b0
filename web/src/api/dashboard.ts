import { api } from './api'
import type { Dashboard } from './types'

export function fetchDashboard(): Promise<Dashboard> {
  return api.get<Dashboard>('/api/dashboard')
}
