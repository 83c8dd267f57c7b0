// Weeks of the app roster: they start on Monday (county time, UTC+8) and are
// named by that Monday, "YYYY-MM-DD".
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000

const WEEK = /^\d{4}-\d{2}-\d{2}$/

function toDay(text: string): Date {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d))
}

function fromDay(d: Date): string {
  return d.toISOString().slice(0, 10)
}

export function isWeekText(text: unknown): text is string {
  return typeof text === 'string' && WEEK.test(text)
}

/** The Monday of the week holding the day "YYYY-MM-DD". */
export function mondayOf(day: string): string {
  const d = toDay(day)
  const back = (d.getUTCDay() + 6) % 7
  return fromDay(new Date(d.getTime() - back * DAY_MS))
}

export function addDays(day: string, days: number): string {
  return fromDay(new Date(toDay(day).getTime() + days * DAY_MS))
}

/** This week's Monday in county time. */
export function currentWeek(now = Date.now()): string {
  return mondayOf(new Date(now + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10))
}

/** "2026-11-30" → "2026-11-30 至 2026-12-06". */
export function weekRange(week: string): string {
  return `${week} 至 ${addDays(week, 6)}`
}
