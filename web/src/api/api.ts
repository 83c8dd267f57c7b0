// The one wrapper around fetch: JSON in and out, the session cookie, the CSRF
// header on every request that changes something, and errors as ApiError.
import type { LineError } from './types'

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field?: string
  readonly details?: LineError[]
  /** Seconds to wait before trying again (a 429's Retry-After header), when the server said. */
  readonly retryAfter?: number

  constructor(status: number, code: string, message: string, field?: string, details?: LineError[], retryAfter?: number) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field
    this.details = details
    this.retryAfter = retryAfter
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>

export interface RequestOptions {
  query?: Query
  /** A JSON body. */
  json?: unknown
  /** A non-JSON body (file uploads) with its content type. */
  raw?: { body: BodyInit; contentType: string }
  /** False for calls that expect 401 as a normal answer (login, the first /api/me). */
  redirectOn401?: boolean
}

// Held in memory only; after a reload GET /api/me hands it out again.
let csrfToken = ''
let unauthenticatedHandler: (() => void) | null = null

export function setCsrfToken(token: string): void {
  csrfToken = token
}

/** Called when any request answers 401 `unauthenticated` (session gone or expired). */
export function onUnauthenticated(handler: () => void): void {
  unauthenticatedHandler = handler
}

// Used only when the server's answer carries no message of its own (e.g. a proxy error page).
const fallbackMessages: Record<number, string> = {
  400: '请求有误',
  401: '请先登录',
  403: '没有权限执行此操作',
  404: '未找到',
  409: '操作与现有数据冲突',
  413: '提交的内容过大',
  429: '请求过于频繁，请稍后再试',
  500: '服务器内部错误',
  502: '服务器暂时不可用',
  503: '服务器暂时不可用',
}

function buildUrl(path: string, query?: Query): string {
  if (!query) {
    return path
  }
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') {
      continue
    }
    params.set(key, String(value))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text()
  if (!text) {
    return null
  }
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/** Retry-After as whole seconds from now: either delay-seconds or an HTTP date. */
function retryAfterSeconds(res: Response): number | undefined {
  const value = res.headers.get('Retry-After')?.trim()
  if (!value) {
    return undefined
  }
  if (/^\d+$/.test(value)) {
    return Number(value)
  }
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000))
}

function toApiError(res: Response, body: unknown): ApiError {
  const status = res.status
  const retryAfter = retryAfterSeconds(res)
  const err = (body as { error?: Record<string, unknown> } | null)?.error
  if (err && typeof err.code === 'string') {
    const message = typeof err.message === 'string' && err.message ? err.message : fallbackMessages[status] ?? `请求失败（${status}）`
    const field = typeof err.field === 'string' ? err.field : undefined
    const details = Array.isArray(err.details) ? (err.details as LineError[]) : undefined
    return new ApiError(status, err.code, message, field, details, retryAfter)
  }
  return new ApiError(status, `http_${status}`, fallbackMessages[status] ?? `请求失败（${status}）`, undefined, undefined, retryAfter)
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  let body: BodyInit | undefined
  if (options.raw) {
    headers['Content-Type'] = options.raw.contentType
    body = options.raw.body
  } else if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.json)
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken
  }

  let res: Response
  try {
    res = await fetch(buildUrl(path, options.query), { method, headers, body, credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试')
  }

  const payload = await readBody(res)
  if (res.ok) {
    return payload as T
  }
  const error = toApiError(res, payload)
  if (error.code === 'unauthenticated' && options.redirectOn401 !== false) {
    unauthenticatedHandler?.()
  }
  throw error
}

/** The file name a download answer suggests (RFC 5987 `filename*` first). */
function suggestedName(res: Response, fallback: string): string {
  const header = res.headers.get('Content-Disposition') ?? ''
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header)
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="([^"]+)"/i.exec(header)
  return plain?.[1] ?? fallback
}

/**
 * Fetches a file (an XLSX export) with the session cookie and hands it to the
 * browser as a download. Server errors are thrown as ApiError like any call's.
 */
export async function download(path: string, query?: Query, fallbackName = 'download.xlsx'): Promise<void> {
  let res: Response
  try {
    res = await fetch(buildUrl(path, query), { credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试')
  }
  if (!res.ok) {
    const error = toApiError(res, await readBody(res))
    if (error.code === 'unauthenticated') {
      unauthenticatedHandler?.()
    }
    throw error
  }
  const blob = await res.blob()
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = suggestedName(res, fallbackName)
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  document.body.removeChild(link)
  // Revoked later: some browsers read the blob after click() has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

export const api = {
  get: <T>(path: string, query?: Query, options: RequestOptions = {}) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, json?: unknown, options: RequestOptions = {}) =>
    request<T>('POST', path, { ...options, json: json ?? {} }),
  patch: <T>(path: string, json: unknown) => request<T>('PATCH', path, { json }),
  del: <T>(path: string) => request<T>('DELETE', path),
}
