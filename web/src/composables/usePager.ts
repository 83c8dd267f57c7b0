import { computed, reactive } from 'vue'

/** Page state for a list endpoint taking limit/offset and answering total. */
export function usePager(initialSize = 20) {
  const pager = reactive({ page: 1, size: initialSize, total: 0 })
  const offset = computed(() => (pager.page - 1) * pager.size)
  return { pager, offset }
}

export const PAGE_SIZES = [20, 50, 100]
