// The case list keeps its filters in the URL (?unit_id=&from=&to=&fraud_type=
// &victim_group=&channel=&status=&high_incidence=1&inside_system=1&min_loss_fen=&q=),
// so that statistics and bulletins link to "the cases behind a figure" and the
// browser's back button restores a search.
import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { CaseFilter } from '../api/cases'
import { caseFilterQuery, isDayText } from '../utils/cases'

export function useCaseQuery() {
  const route = useRoute()
  const router = useRouter()

  function text(name: string): string {
    const raw = route.query[name]
    const value = Array.isArray(raw) ? raw[0] : raw
    return typeof value === 'string' ? value.trim() : ''
  }

  function int(name: string): number | null {
    const value = text(name)
    return /^\d+$/.test(value) ? Number(value) : null
  }

  const filter = computed<CaseFilter>(() => ({
    unit_id: int('unit_id'),
    from: isDayText(text('from')) ? text('from') : undefined,
    to: isDayText(text('to')) ? text('to') : undefined,
    fraud_type: text('fraud_type') || undefined,
    victim_group: text('victim_group') || undefined,
    channel: text('channel') || undefined,
    status: text('status') || undefined,
    high_incidence: text('high_incidence') === '1',
    inside_system: text('inside_system') === '1',
    min_loss_fen: int('min_loss_fen'),
    trace: text('trace') || undefined,
    q: text('q') || undefined,
  }))

  function go(next: CaseFilter): void {
    void router.push({ path: route.path, query: caseFilterQuery(next) })
  }

  return { filter, go }
}
