/**
 * Purchase limits as plain numbers, without zod, so the mini-program's till can check a
 * typed amount without shipping the schemas (purchases/schemas.ts re-exports them).
 */

/** Largest single order a till or POS may record: ¥1,000,000. */
export const MAX_ORDER_FEN = 100_000_000
