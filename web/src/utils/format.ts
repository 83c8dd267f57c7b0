// Numbers as the county's reports print them.

/** 0.7614 → "76.1%" (digits after the point configurable). */
export function percent(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) {
    return '—'
  }
  return `${(rate * 100).toFixed(digits)}%`
}

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toLocaleString('zh-CN')
}
