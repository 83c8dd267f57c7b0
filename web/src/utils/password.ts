// A random initial password for a new account; the user must replace it at first login.
const LOWER = 'abcdefghijkmnpqrstuvwxyz'
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
const DIGITS = '23456789'
const ALL = LOWER + UPPER + DIGITS
const LENGTH = 12

function pick(chars: string, random: number): string {
  return chars.charAt(random % chars.length)
}

export function generatePassword(): string {
  const random = crypto.getRandomValues(new Uint32Array(LENGTH))
  const out = Array.from(random, (r) => pick(ALL, r))
  // One of each class, at fixed-but-random-looking places.
  out[0] = pick(UPPER, random[0] ?? 0)
  out[5] = pick(DIGITS, random[5] ?? 0)
  out[9] = pick(LOWER, random[9] ?? 0)
  return out.join('')
}
