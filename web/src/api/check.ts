// The public scam-message check: no session, no CSRF token needed (the wrapper
// adds one when logged in, which the server ignores here).
import { api } from './api'
import type { CheckResult } from './types'

/** The longest text the server checks, in Unicode code points. */
export const CHECK_MAX_CHARS = 10_000

/** Checks one text; the server keeps nothing of it. */
export function checkText(text: string): Promise<CheckResult> {
  return api.post<CheckResult>('/api/check', { text }, { redirectOn401: false })
}
