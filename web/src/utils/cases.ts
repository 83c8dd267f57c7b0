// Keys and labels of fraud cases as docs/api.md names them (the fraud types come
// from /api/meta), how case figures are printed, and links to "the cases behind a
// figure" (/cases with the figure's filters in the URL).
import type { RouteLocationRaw } from 'vue-router'
import type { BackTrace, BackTraceKey, CaseChannel, CaseStatus, MoneySource, PeriodKind, RectificationStatus, SuspectAccountKind, VictimGroup } from '../api/types'
import type { CaseFilter } from '../api/cases'

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

export const CASE_STATUSES: { key: CaseStatus; label: string; type: TagType }[] = [
  { key: 'registered', label: '已立案', type: 'warning' },
  { key: 'investigating', label: '侦办中', type: 'primary' },
  { key: 'solved', label: '已破案', type: 'success' },
  { key: 'closed', label: '已结案', type: 'info' },
]

export const CASE_CHANNELS: { key: CaseChannel; label: string }[] = [
  { key: 'phone_call', label: '电话' },
  { key: 'sms', label: '短信' },
  { key: 'wechat', label: '微信' },
  { key: 'qq', label: 'QQ' },
  { key: 'app', label: 'APP' },
  { key: 'website', label: '网站' },
  { key: 'in_person', label: '当面' },
  { key: 'other', label: '其他' },
]

export const VICTIM_GROUPS: { key: VictimGroup; label: string }[] = [
  { key: 'student', label: '在校学生' },
  { key: 'elderly', label: '60岁以上老人' },
  { key: 'finance_staff', label: '企业财务人员' },
  { key: 'enterprise_head', label: '企业负责人' },
  { key: 'worker_away', label: '外出务工人员' },
  { key: 'public_staff', label: '机关事业单位人员' },
  { key: 'other', label: '其他群众' },
]

export const ACCOUNT_KINDS: { key: SuspectAccountKind; label: string }[] = [
  { key: 'bank_card', label: '银行卡' },
  { key: 'payment_account', label: '支付账户' },
  { key: 'virtual_currency', label: '虚拟货币地址' },
]

export const MONEY_SOURCES: { key: MoneySource; label: string }[] = [
  { key: 'savings', label: '个人积蓄' },
  { key: 'loan', label: '贷款' },
  { key: 'borrowed', label: '向亲友借款' },
  { key: 'company_funds', label: '单位资金' },
  { key: 'other', label: '其他' },
]

export const RECTIFICATION_STATUSES: { key: RectificationStatus; label: string; type: TagType }[] = [
  { key: 'open', label: '待整改', type: 'danger' },
  { key: 'in_progress', label: '整改中', type: 'warning' },
  { key: 'done', label: '已完成', type: 'success' },
]

/** The periods of the statistics page; "range" is 自定义 (from–to). */
export const PERIOD_KINDS: { key: PeriodKind; label: string }[] = [
  { key: 'week', label: '周' },
  { key: 'half_month', label: '半月' },
  { key: 'month', label: '月' },
  { key: 'quarter', label: '季' },
  { key: 'year', label: '年' },
  { key: 'range', label: '自定义' },
]

export const SEXES = [
  { key: 'M', label: '男' },
  { key: 'F', label: '女' },
]

export function caseStatusType(status: string): TagType {
  return CASE_STATUSES.find((s) => s.key === status)?.type ?? 'info'
}

export function rectificationLabel(status: string): string {
  return RECTIFICATION_STATUSES.find((s) => s.key === status)?.label ?? status
}

export function moneySourceLabel(key: string): string {
  return MONEY_SOURCES.find((m) => m.key === key)?.label ?? key
}

export function sexLabel(key: string): string {
  return SEXES.find((s) => s.key === key)?.label ?? ''
}

/** Digits grouped by thousands: "1234567" → "1,234,567". */
function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/**
 * Fen as yuan with two decimals, in integer arithmetic (no float rounding):
 * 3500000 → "35,000.00", 500050 → "5,000.50".
 */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) {
    return '—'
  }
  const whole = Math.trunc(fen)
  const sign = whole < 0 ? '-' : ''
  const abs = Math.abs(whole)
  const cents = abs % 100
  return `${sign}${group(String((abs - cents) / 100))}.${String(cents).padStart(2, '0')}`
}

/** Fen as the yuan text a form field shows: 3500000 → "35000", 500050 → "5000.50". */
export function yuanInput(fen: number): string {
  const cents = fen % 100
  const whole = (fen - cents) / 100
  return cents === 0 ? String(whole) : `${whole}.${String(cents).padStart(2, '0')}`
}

/** A 同比 change (0.5 = +50 %): arrow, text and direction; null when last year had nothing. */
export function changeText(change: number | null | undefined): { text: string; dir: 'up' | 'down' | 'flat' } | null {
  if (change === null || change === undefined || !Number.isFinite(change)) {
    return null
  }
  const tenths = Math.round(change * 1000)
  if (tenths === 0) {
    return { text: '持平', dir: 'flat' }
  }
  const value = `${(Math.abs(tenths) / 10).toFixed(1)}%`
  return tenths > 0 ? { text: `▲${value}`, dir: 'up' } : { text: `▼${value}`, dir: 'down' }
}

/** Cases per 10,000 residents, two decimals ("—" when the unit has no residents). */
export function per10k(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(2)
}

/** Problems a back-trace shows, as the badges of the case list. */
export function traceBadges(t: BackTrace): string[] {
  if (!t.person_known) {
    return []
  }
  const out: string[] = []
  if (!t.visited) {
    out.push('未走访')
  }
  if (!t.letter_signed) {
    out.push('未签承诺书')
  }
  if (!t.app_installed) {
    out.push('未装APP')
  } else if (!t.alerts_on || t.alerts_lapsed) {
    out.push('预警失效')
  }
  return out
}

/** The URL query names of /cases; other pages link to it with these. */
export const CASE_QUERY_KEYS = [
  'unit_id',
  'from',
  'to',
  'fraud_type',
  'victim_group',
  'channel',
  'status',
  'high_incidence',
  'inside_system',
  'min_loss_fen',
  'q',
] as const

export function caseFilterQuery(filter: CaseFilter): Record<string, string> {
  const out: Record<string, string> = {}
  const put = (key: string, value: string | number | null | undefined) => {
    if (value !== null && value !== undefined && value !== '') {
      out[key] = String(value)
    }
  }
  put('unit_id', filter.unit_id)
  put('from', filter.from)
  put('to', filter.to)
  put('fraud_type', filter.fraud_type)
  put('victim_group', filter.victim_group)
  put('channel', filter.channel)
  put('status', filter.status)
  if (filter.high_incidence) {
    out.high_incidence = '1'
  }
  if (filter.inside_system) {
    out.inside_system = '1'
  }
  put('min_loss_fen', filter.min_loss_fen)
  put('trace', filter.trace)
  put('q', filter.q)
  return out
}

/** The case list behind a figure. */
export function casesLink(filter: CaseFilter): RouteLocationRaw {
  return { path: '/cases', query: caseFilterQuery(filter) }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

export function isDayText(text: unknown): text is string {
  return typeof text === 'string' && DAY.test(text)
}

/** Today in county time (UTC+8), "YYYY-MM-DD". */
export function countyToday(now = Date.now()): string {
  return new Date(now + 8 * 60 * 60 * 1000).toISOString().slice(0, 10)
}

/** The columns of a case import (the fields its row errors name), as the file's headers read. */
export const CASE_IMPORT_FIELDS: Record<string, string> = {
  case_number: '案件编号',
  reported_at: '报案时间',
  occurred_at: '发案时间',
  place: '发案地',
  victim_name: '受害人姓名',
  victim_id_number: '受害人身份证号',
  victim_age: '年龄',
  victim_sex: '性别',
  victim_group: '人员类别',
  victim_unit: '工作单位/学校',
  fraud_type: '诈骗类型',
  channel: '接触渠道',
  loss: '损失金额',
  stopped: '止付冻结金额',
  returned: '返还金额',
  status: '案件状态',
  suspect_accounts: '涉案账号',
  notes: '简要案情',
}

/** The columns a case file must have (docs/api.md). */
export const CASE_IMPORT_REQUIRED = ['case_number', 'occurred_at', 'place', 'fraud_type', 'loss']

/** A statistics period as a page holds it: a kind with a day inside it, or 自定义 from–to. */
export interface PeriodChoice {
  kind: PeriodKind
  /** A day inside the period (kinds other than range). */
  date?: string
  from?: string
  to?: string
}

/** The query of GET /api/case-stats for a choice. */
export function periodQuery(choice: PeriodChoice): { period?: string; date?: string; from?: string; to?: string } {
  return choice.kind === 'range' ? { from: choice.from, to: choice.to } : { period: choice.kind, date: choice.date }
}

/** A back-trace share's label (docs/api.md: shares of the victims fanzha knows). */
export const TRACE_SHARES: { key: BackTraceKey; label: string; bad: boolean }[] = [
  { key: 'never_visited', label: '从未走访', bad: true },
  { key: 'not_face_to_face', label: '未当面宣传', bad: true },
  { key: 'no_letter', label: '未签承诺书', bad: true },
  { key: 'app_not_installed', label: '未安装反诈APP', bad: true },
  { key: 'app_not_registered', label: 'APP未实名注册', bad: true },
  { key: 'alerts_off', label: '未开启预警', bad: true },
  { key: 'alerts_lapsed', label: '预警失效', bad: true },
  { key: 'spot_confirmed', label: '电话抽查确认', bad: false },
]
