// The county keeps China Standard Time (UTC+8, no daylight saving); the server
// speaks epoch milliseconds (UTC). Display and date filters use UTC+8 whatever
// the browser's own time zone is.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** epoch ms → "YYYY-MM-DD HH:mm:ss" in Asia/Shanghai. */
export function formatShanghai(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) {
    return ''
  }
  const d = new Date(ms + SHANGHAI_OFFSET_MS)
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  )
}

/** "YYYY-MM-DD HH:mm:ss" read as Asia/Shanghai wall-clock time → epoch ms. */
export function parseShanghai(text: string | null | undefined): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec((text ?? '').trim())
  if (!m) {
    return undefined
  }
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number]
  return Date.UTC(y, mo - 1, d, h, mi, s) - SHANGHAI_OFFSET_MS
}

/** epoch ms → "YYYY-MM-DD", the calendar day in Asia/Shanghai. */
export function formatShanghaiDate(ms: number | null | undefined): string {
  return formatShanghai(ms).slice(0, 10)
}

/** "YYYY-MM-DD" → epoch ms of that day's midnight in Asia/Shanghai. */
export function parseShanghaiDate(text: string | null | undefined): number | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test((text ?? '').trim()) ? parseShanghai(`${text?.trim()} 00:00:00`) : undefined
}
