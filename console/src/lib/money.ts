/**
 * Money and ratios as people type them (yuan, ×1.5, 8.5折) and as the API keeps them
 * (integer fen, basis points, percent paid). Inputs carry at most 2 decimals (yuan) or 4
 * (multipliers), so rounding the scaled value gives the exact integer.
 */

/** ¥12.34 → 1234 fen; undefined for an empty input. */
export const fenOf = (yuan: number | null | undefined): number | undefined =>
  yuan === null || yuan === undefined || Number.isNaN(yuan) ? undefined : Math.round(yuan * 100)

/** 1234 fen → 12.34 (a number for an input). */
export const yuanOf = (fen: number): number => fen / 100

/** ×1.2 → 12000 basis points. */
export const bpOf = (multiplier: number | null | undefined): number | undefined =>
  multiplier === null || multiplier === undefined || Number.isNaN(multiplier) ? undefined : Math.round(multiplier * 10_000)

/** 12000 basis points → 1.2. */
export const multiplierOf = (bp: number): number => bp / 10_000

/** "×1.2" */
export const times = (bp: number): string => `×${multiplierOf(bp)}`

/** 8.5折 → 85 (percent paid). */
export const percentPaidOf = (zhe: number | null | undefined): number | undefined =>
  zhe === null || zhe === undefined || Number.isNaN(zhe) ? undefined : Math.round(zhe * 10)

/** 85 (percent paid) → 8.5 (折). */
export const zheOf = (percentPaid: number): number => percentPaid / 10
