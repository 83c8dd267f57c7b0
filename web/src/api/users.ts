import { api } from './api'
import type { User } from './types'

export interface UserFilter {
  q?: string
  role?: string
  org_unit_id?: number | null
  active?: boolean | null
  limit: number
  offset: number
}

export function listUsers(filter: UserFilter): Promise<{ users: User[]; total: number }> {
  const active = filter.active === null || filter.active === undefined ? undefined : filter.active ? 1 : 0
  return api.get('/api/users', { ...filter, active })
}

export interface NewUser {
  username: string
  display_name: string
  role: string
  org_unit_id: number
  password: string
}

export async function createUser(input: NewUser): Promise<User> {
  return (await api.post<{ user: User }>('/api/users', input)).user
}

export interface UserPatch {
  display_name?: string
  role?: string
  org_unit_id?: number
  active?: boolean
}

export async function updateUser(id: number, patch: UserPatch): Promise<User> {
  return (await api.patch<{ user: User }>(`/api/users/${id}`, patch)).user
}

/** Without a password the server generates one; it is shown to the admin once. */
export function resetPassword(id: number): Promise<{ user: User; password: string }> {
  return api.post(`/api/users/${id}/reset-password`, {})
}
