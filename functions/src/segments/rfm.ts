/**
 * RFM (PRODUCT.md §9), pure. R = days since the last purchase, F = purchases in the last 12
 * months, M = spend in the last 12 months. Each is high or low against a threshold — the
 * merchant's, or by default the median among members who bought in the last 12 months
 * (recomputed nightly) — giving the Chinese 8-group model and the 4-group pyramid; members
 * who never bought are a group of their own. Quintile scores 1–5 use the same distributions.
 * Distributions are histograms (exact for days and counts; money in buckets of about 1 %),
 * so shards of a job merge them by adding.
 */
import type { PyramidGroup, RfmGroup, RfmThresholds } from '@huiyuan/shared/segments/schemas'
import type { Derived } from './features'

/** Before any refresh and without the merchant's: 90 days, 2 purchases, ¥500. */
export const DEFAULT_THRESHOLDS: RfmThresholds = { recencyDays: 90, frequency: 2, monetaryFen: 50_000 }

export interface RfmLevels {
  r: boolean
  f: boolean
  m: boolean
}

export const levelsOf = (d: Pick<Derived, 'recencyDays' | 'purchases12m' | 'spend12mFen'>, t: RfmThresholds): RfmLevels | null =>
  d.recencyDays === null ? null : { r: d.recencyDays <= t.recencyDays, f: d.purchases12m >= t.frequency, m: d.spend12mFen >= t.monetaryFen }

export const rfmGroupOf = (levels: RfmLevels | null): RfmGroup => {
  if (!levels) return 'prospect'
  const { r, f, m } = levels
  if (m) return f ? (r ? 'important_value' : 'important_keep') : r ? 'important_develop' : 'important_retain'
  return f ? (r ? 'general_value' : 'general_keep') : r ? 'general_develop' : 'general_retain'
}

export const pyramidGroupOf = (levels: RfmLevels | null): PyramidGroup => {
  if (!levels) return 'prospect'
  if (levels.f && levels.m) return 'core'
  if (levels.m) return 'big_spender'
  if (levels.f) return 'frequent'
  return 'general'
}

/** A histogram: value (as a string key) → members. */
export type Histogram = Record<string, number>

export interface Distributions {
  r: Histogram
  f: Histogram
  m: Histogram
}

export const emptyDistributions = (): Distributions => ({ r: {}, f: {}, m: {} })

/** Money in buckets of about 1 %: two significant digits of the yuan amount above ¥100, whole yuan below. */
export const moneyBucket = (fen: number): number => {
  const yuan = Math.floor(fen / 100)
  if (yuan < 100) return yuan * 100
  const digits = Math.floor(Math.log10(yuan)) - 1
  const step = 10 ** digits
  return Math.floor(yuan / step) * step * 100
}

/** Counts a buyer of the last 12 months into the distributions (others are not in them). */
export const addToDistributions = (dist: Distributions, d: Pick<Derived, 'recencyDays' | 'purchases12m' | 'spend12mFen'>): void => {
  if (d.recencyDays === null || d.purchases12m <= 0) return
  const inc = (h: Histogram, v: number) => {
    h[v] = (h[v] ?? 0) + 1
  }
  inc(dist.r, d.recencyDays)
  inc(dist.f, d.purchases12m)
  inc(dist.m, moneyBucket(d.spend12mFen))
}

export const mergeHistograms = (a: Histogram, b: Histogram): Histogram => {
  const out = { ...a }
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v
  return out
}

/** The value at quantile q (0–1) of a histogram (the lowest value with at least q of the members at or below it). */
export const quantile = (h: Histogram, q: number): number | null => {
  const entries = Object.entries(h)
    .map(([k, v]) => [Number(k), v] as const)
    .sort(([a], [b]) => a - b)
  const total = entries.reduce((n, [, v]) => n + v, 0)
  if (total === 0) return null
  const target = Math.max(1, Math.ceil(q * total))
  let seen = 0
  for (const [value, n] of entries) {
    seen += n
    if (seen >= target) return value
  }
  return entries.at(-1)![0]
}

/**
 * Thresholds from the medians: R high is at most the median days, M high at least the median
 * spend, F high at least the median count — but never a single purchase (when most members
 * bought once, "frequent" still means coming back).
 */
export const thresholdsFromMedians = (dist: Distributions): RfmThresholds | null => {
  const [r, f, m] = [quantile(dist.r, 0.5), quantile(dist.f, 0.5), quantile(dist.m, 0.5)]
  if (r === null || f === null || m === null) return null
  return { recencyDays: Math.max(1, r), frequency: Math.max(2, f), monetaryFen: Math.max(1, m) }
}

export interface Quintiles {
  r: number[]
  f: number[]
  m: number[]
}

export const quintilesOf = (dist: Distributions): Quintiles | null => {
  const cuts = (h: Histogram) => [0.2, 0.4, 0.6, 0.8].map((q) => quantile(h, q))
  const [r, f, m] = [cuts(dist.r), cuts(dist.f), cuts(dist.m)]
  if ([...r, ...f, ...m].some((v) => v === null)) return null
  return { r: r as number[], f: f as number[], m: m as number[] }
}

/**
 * Quintile score 1–5 against the cut points: 5 is the most recent, most frequent, highest
 * spend. A member who never bought (or not in 12 months, for F and M) scores 1.
 */
export const scoreOf = (dim: 'r' | 'f' | 'm', d: Pick<Derived, 'recencyDays' | 'purchases12m' | 'spend12mFen'>, q: Quintiles): number => {
  if (dim === 'r') {
    if (d.recencyDays === null) return 1
    const above = q.r.filter((cut) => d.recencyDays! > cut).length
    return 5 - above
  }
  const value = dim === 'f' ? d.purchases12m : d.spend12mFen
  if (value <= 0) return 1
  const cuts = dim === 'f' ? q.f : q.m
  return 1 + cuts.filter((cut) => value >= cut).length
}
