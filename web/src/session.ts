// Who is logged in: user, scope unit and capabilities, kept in memory for the
// life of the page. After a reload it is fetched again from GET /api/me.
import { reactive } from 'vue'
import { ApiError, setCsrfToken } from './api/api'
import { fetchMe } from './api/auth'
import type { Capability, SessionInfo, Unit, User } from './api/types'

interface SessionState {
  user: User | null
  unit: Unit | null
  capabilities: string[]
}

export const session = reactive<SessionState>({ user: null, unit: null, capabilities: [] })

let pending: Promise<boolean> | null = null

export function applySession(info: SessionInfo): void {
  session.user = info.user
  session.unit = info.unit
  session.capabilities = info.capabilities
  setCsrfToken(info.csrf_token)
  pending = Promise.resolve(true)
}

export function clearSession(): void {
  session.user = null
  session.unit = null
  session.capabilities = []
  setCsrfToken('')
  pending = null
}

/** Resolves true when a session exists, asking the server once per page load. */
export function ensureSession(): Promise<boolean> {
  if (!pending) {
    pending = fetchMe()
      .then((info) => {
        applySession(info)
        return true
      })
      .catch((e: unknown) => {
        pending = null
        if (e instanceof ApiError && e.status === 401) {
          return false
        }
        throw e
      })
  }
  return pending
}

/** Re-reads /api/me, e.g. after the password was changed. */
export async function refreshSession(): Promise<void> {
  applySession(await fetchMe())
}

export function can(capability: Capability): boolean {
  return session.capabilities.includes(capability)
}
