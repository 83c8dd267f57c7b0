// Keys and labels of the app roster as docs/api.md names them, and how its
// figures are printed.
import type { AppFactKey, AppMethod, AppPopulation, CallOutcome } from '../api/types'

export const POPULATIONS: { key: AppPopulation; label: string }[] = [
  { key: 'age_16_60', label: '16–60周岁群众' },
  { key: 'staff', label: '干部职工' },
  { key: 'students', label: '学生' },
]

export const FACTS: { key: AppFactKey; label: string; short: string }[] = [
  { key: 'installed', label: '已安装', short: '安装' },
  { key: 'registered', label: '已实名注册', short: '注册' },
  { key: 'alerts_on', label: '已开启预警', short: '预警' },
]

export const METHODS: { key: AppMethod; label: string }[] = [
  { key: 'in_person', label: '当面查看手机' },
  { key: 'self_report', label: '本人自报/截图' },
  { key: 'weekly_roster', label: '每周花名册' },
  { key: 'police_data', label: '公安数据' },
  { key: 'spot_check', label: '电话抽查核实' },
]

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

export const OUTCOMES: { key: CallOutcome; label: string; type: TagType }[] = [
  { key: 'confirmed', label: '确认已安装', type: 'success' },
  { key: 'not_installed', label: '未安装', type: 'danger' },
  { key: 'wrong_number', label: '号码错误', type: 'danger' },
  { key: 'unreachable', label: '无法接通', type: 'info' },
  { key: 'refused', label: '拒绝回答', type: 'info' },
  { key: 'no_publicity', label: '未接受过宣传', type: 'danger' },
]

export const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日']

export function populationLabel(key: string): string {
  return POPULATIONS.find((p) => p.key === key)?.label ?? key
}

export function factLabel(key: string): string {
  return FACTS.find((f) => f.key === key)?.label ?? key
}

export function outcomeType(key: string | null): TagType {
  return OUTCOMES.find((o) => o.key === key)?.type ?? 'info'
}

/**
 * A change of a rate in percentage points, as the county's bulletins print it:
 * 0.021 → "▲2.1", -0.01 → "▼1.0", 0 → "—" (null when there is no previous week).
 */
export function pointChange(change: number | null | undefined): { text: string; dir: 'up' | 'down' | 'flat' } | null {
  if (change === null || change === undefined || !Number.isFinite(change)) {
    return null
  }
  const points = Math.round(change * 1000) / 10
  if (points === 0) {
    return { text: '—', dir: 'flat' }
  }
  return points > 0 ? { text: `▲${points.toFixed(1)}`, dir: 'up' } : { text: `▼${(-points).toFixed(1)}`, dir: 'down' }
}

/** Columns an app roster takes besides the people roster's (docs/api.md); /api/meta labels them in roster_fields. */
export const APP_ROSTER_KEYS = ['app_installed', 'app_registered', 'app_alerts', 'app_method', 'promotion_code']
