// Made-up residents for roster files: valid GB 11643 ID numbers that nobody in
// the demo county holds yet.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'
const REGION = '349901'

/** GB 11643: the 18th character of a resident ID from its first 17 digits. */
export function checkDigit(first17) {
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0)
  return CHECK[sum % 11]
}

export function residentId(birth, sequence) {
  const first17 = `${REGION}${birth}${String(sequence).padStart(3, '0')}`
  return first17 + checkDigit(first17)
}

/** The same ID with a check character that is wrong. */
export function withBadCheck(id) {
  const good = id[17]
  const bad = [...CHECK].find((c) => c !== good)
  return id.slice(0, 17) + bad
}

/**
 * IDs nobody in the demo county holds yet (whole-number search finds by keyed hash).
 * `firstYear`/`years` bound the birth years (e.g. to stay inside the 16–60 group);
 * `firstSequence` keeps files of different tests apart.
 */
export async function unusedIds(adminApi, count, { firstYear = 1950, years = 61, firstSequence = 900 } = {}) {
  const ids = []
  for (let i = 0; ids.length < count; i++) {
    if (i > 200) {
      throw new Error('could not find unused ID numbers')
    }
    const year = firstYear + ((i * 7) % years)
    const month = String(1 + (i % 12)).padStart(2, '0')
    const day = String(1 + ((i * 5) % 28)).padStart(2, '0')
    const id = residentId(`${year}${month}${day}`, firstSequence + i)
    const { total } = await adminApi.must(`/api/people?q=${id}&limit=1`)
    if (total === 0) {
      ids.push(id)
    }
  }
  return ids
}
