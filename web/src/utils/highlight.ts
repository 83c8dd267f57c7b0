// Cuts a checked text into plain and highlighted pieces from the spans of the
// check's reasons. Offsets are Unicode code points, so the text is handled as
// an array of code points (never String.prototype.slice with these numbers).
import type { CheckReason } from '../api/types'

export interface TextPiece {
  text: string
  /** The labels of the reasons this piece belongs to; empty for plain text. */
  labels: string[]
}

interface Range {
  start: number
  end: number
  labels: string[]
}

function clamp(value: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(0, Math.floor(value))) : 0
}

/**
 * The text with every span of every positive-weight reason marked. Overlapping
 * spans (of one reason or several) become one piece carrying all their labels.
 */
export function highlightPieces(text: string, reasons: CheckReason[]): TextPiece[] {
  const chars = Array.from(text)
  const ranges: Range[] = []
  for (const reason of reasons) {
    if (reason.weight <= 0) {
      continue
    }
    for (const span of reason.spans ?? []) {
      const start = clamp(span.start, chars.length)
      const end = clamp(span.end, chars.length)
      if (end > start) {
        ranges.push({ start, end, labels: [reason.label] })
      }
    }
  }
  ranges.sort((a, b) => a.start - b.start || a.end - b.end)

  const merged: Range[] = []
  for (const r of ranges) {
    const last = merged[merged.length - 1]
    if (last && r.start < last.end) {
      last.end = Math.max(last.end, r.end)
      for (const label of r.labels) {
        if (!last.labels.includes(label)) {
          last.labels.push(label)
        }
      }
    } else {
      merged.push({ start: r.start, end: r.end, labels: [...r.labels] })
    }
  }

  const pieces: TextPiece[] = []
  let at = 0
  for (const r of merged) {
    if (r.start > at) {
      pieces.push({ text: chars.slice(at, r.start).join(''), labels: [] })
    }
    pieces.push({ text: chars.slice(r.start, r.end).join(''), labels: r.labels })
    at = r.end
  }
  if (at < chars.length) {
    pieces.push({ text: chars.slice(at).join(''), labels: [] })
  }
  return pieces
}

/** The number of Unicode code points in a text (what the server's limit counts). */
export function codePointCount(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++, n++) {
    const c = text.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++
      }
    }
  }
  return n
}
