import { api } from './api'
import type { SessionInfo } from './types'

export function login(username: string, password: string): Promise<SessionInfo> {
  return api.post<SessionInfo>('/api/auth/login', { username, password }, { redirectOn401: false })
}

export function logout(): Promise<{ ok: boolean }> {
  return api.post('/api/auth/logout', undefined, { redirectOn401: false })
}

export function fetchMe(): Promise<SessionInfo> {
  return api.get<SessionInfo>('/api/me', undefined, { redirectOn401: false })
}

export function changePassword(currentPassword: string, newPassword: string): Promise<{ ok: boolean }> {
  return api.post('/api/me/password', { current_password: currentPassword, new_password: newPassword })
}
