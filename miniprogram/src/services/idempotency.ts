/** Idempotency keys for POSTs a retry must not repeat (claims, exchanges, subscription answers). */

/** A random UUID v4 (crypto when the platform has it; weapp has no sync crypto). */
export function newIdempotencyKey(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto
  if (c?.randomUUID) return c.randomUUID()
  const hex = '0123456789abcdef'
  let s = ''
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) s += '-'
    else if (i === 14) s += '4'
    else if (i === 19) s += hex[8 + Math.floor(Math.random() * 4)]
    else s += hex[Math.floor(Math.random() * 16)]
  }
  return s
}
