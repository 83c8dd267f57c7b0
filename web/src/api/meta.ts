import { api } from './api'
import type { Meta } from './types'

export function fetchMeta(): Promise<Meta> {
  return api.get<Meta>('/api/meta')
}
