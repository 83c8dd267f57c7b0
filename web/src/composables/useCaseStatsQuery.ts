// The statistics pages keep their unit and period in the URL (?unit_id=&period=
// &date= or ?unit_id=&from=&to=), so that drilling down and the back button walk
// the tree and a link names one report.
import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { PeriodKind } from '../api/types'
import { countyToday, isDayText, type PeriodChoice } from '../utils/cases'

const KINDS: PeriodKind[] = ['week', 'half_month', 'month', 'quarter', 'year']

export function useCaseStatsQuery(defaultKind: PeriodKind = 'week', allowed: PeriodKind[] = [...KINDS, 'range']) {
  const route = useRoute()
  const router = useRouter()

  function text(name: string): string {
    const raw = route.query[name]
    const value = Array.isArray(raw) ? raw[0] : raw
    return typeof value === 'string' ? value.trim() : ''
  }

  /** ?unit_id=, else null (the server takes the user's own unit). */
  const unitId = computed<number | null>(() => (/^\d+$/.test(text('unit_id')) ? Number(text('unit_id')) : null))

  const choice = computed<PeriodChoice>(() => {
    const from = text('from')
    const to = text('to')
    if (allowed.includes('range') && isDayText(from) && isDayText(to)) {
      return { kind: 'range', from, to }
    }
    const kind = text('period') as PeriodKind
    const date = text('date')
    return {
      kind: KINDS.includes(kind) && allowed.includes(kind) ? kind : defaultKind,
      date: isDayText(date) ? date : countyToday(),
    }
  })

  function go(next: { unit_id?: number | null; choice?: PeriodChoice }): void {
    const unit = next.unit_id !== undefined ? next.unit_id : unitId.value
    const c = next.choice ?? choice.value
    const query: Record<string, string> = {}
    if (unit !== null) {
      query.unit_id = String(unit)
    }
    if (c.kind === 'range') {
      query.from = c.from ?? ''
      query.to = c.to ?? ''
    } else {
      query.period = c.kind
      if (c.date) {
        query.date = c.date
      }
    }
    void router.push({ path: route.path, query })
  }

  return { unitId, choice, go }
}
