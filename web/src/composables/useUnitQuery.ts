// Pages of the app roster keep their unit and week in the URL (?unit=&week=),
// so drilling down and the browser's back button walk the tree.
import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { session } from '../session'
import { isWeekText, mondayOf } from '../utils/week'

export function useUnitQuery() {
  const route = useRoute()
  const router = useRouter()

  function text(name: string): string | undefined {
    const raw = route.query[name]
    const value = Array.isArray(raw) ? raw[0] : raw
    return value ?? undefined
  }

  /** ?unit=, else the user's own unit. */
  const unitId = computed<number | null>(() => {
    const value = text('unit')
    return value && /^\d+$/.test(value) ? Number(value) : session.unit?.id ?? null
  })

  /** ?week= as its Monday; null lets the server choose (the current week). */
  const week = computed<string | null>(() => {
    const value = text('week')
    return isWeekText(value) ? mondayOf(value) : null
  })

  function go(next: { unit?: number | null; week?: string | null }): void {
    const unit = next.unit !== undefined ? next.unit : unitId.value
    const w = next.week !== undefined ? next.week : week.value
    void router.push({ query: { ...route.query, unit: unit ?? undefined, week: w ?? undefined } })
  }

  return { unitId, week, go }
}
