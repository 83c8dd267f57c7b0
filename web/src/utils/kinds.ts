// Code formats per org kind, shown as input hints. /api/meta carries
// `code_digits`; the table below (docs/api.md, "Org kinds") is used if it does not.
import type { KindMeta } from '../api/types'

const GEO_CODE_LENGTH: Record<string, number> = {
  county: 6,
  township: 9,
  street: 9,
  village: 12,
  community: 12,
  grid: 15,
  village_group: 15,
  building: 15,
}

function codeDigits(kind: KindMeta | string | undefined): number | null {
  if (kind === undefined) {
    return null
  }
  if (typeof kind === 'string') {
    return GEO_CODE_LENGTH[kind] ?? null
  }
  if (kind.code_digits !== undefined) {
    return kind.code_digits
  }
  return GEO_CODE_LENGTH[kind.kind] ?? null
}

export function isGeographic(kind: KindMeta | string | undefined): boolean {
  return codeDigits(kind) !== null
}

export function codeHint(kind: KindMeta | string | undefined): string {
  const digits = codeDigits(kind)
  return digits ? `${digits} 位行政区划代码` : '1–32 位字母、数字或 - _ .'
}
