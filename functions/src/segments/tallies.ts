/**
 * What a pass over the features shards adds up, pure and mergeable (a job's shards each
 * keep their own tally, carried in continuation messages and merged at the end):
 * a segment's count with its breakdowns and a sample; the RFM distributions; the RFM groups
 * with spend and the moves between months.
 */
import type { PyramidGroup, RfmGroup, SegmentGroup } from '@huiyuan/shared/segments/schemas'
import { matches, type MatchContext } from './conditions'
import { type Derived, derive, type Features } from './features'
import { addToDistributions, type Distributions, levelsOf, mergeHistograms, pyramidGroupOf, rfmGroupOf } from './rfm'

export const SAMPLE_SIZE = 20

export interface SampleRow {
  memberId: string
  cardNo: string
  nameMasked: string
  tierCode: string
  joinStoreId: string
  rfmGroup: RfmGroup
  lastPurchaseDate: string | null
  spend12mFen: number
  /** Sampling key: the 20 matches with the lowest hash of their id, whichever shard they are in. */
  h: number
}

export interface CountTally {
  size: number
  members: number
  byTier: Record<string, number>
  byStore: Record<string, number>
  sample: SampleRow[]
}

export const emptyCount = (): CountTally => ({ size: 0, members: 0, byTier: {}, byStore: {}, sample: [] })

const hashOf = (id: string): number => {
  let h = 2166136261
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619) >>> 0
  return h
}

/** The entry of `key`, put there first if missing. */
const slot = <T>(m: Record<string, T>, key: string, init: () => T): T => {
  if (!(key in m)) m[key] = init()
  return m[key]!
}

const addTo = (m: Record<string, number>, k: string, n = 1) => {
  m[k] = (m[k] ?? 0) + n
}

const keepSample = (rows: SampleRow[]): SampleRow[] =>
  rows.sort((a, b) => a.h - b.h || a.memberId.localeCompare(b.memberId)).slice(0, SAMPLE_SIZE)

export interface PassContext extends MatchContext {
  today: string
  now: Date
}

export const countMember = (t: CountTally, f: Features, definition: SegmentGroup, ctx: PassContext): void => {
  const d = derive(f, ctx.today, ctx.now)
  t.members += 1
  if (!matches(definition, d, ctx)) return
  t.size += 1
  addTo(t.byTier, f.tierCode)
  addTo(t.byStore, f.joinStoreId)
  const h = hashOf(f.memberId)
  if (t.sample.length < SAMPLE_SIZE || h < t.sample.at(-1)!.h) {
    t.sample = keepSample([...t.sample, sampleRow(d, ctx, h)])
  }
}

const sampleRow = (d: Derived, ctx: MatchContext, h: number): SampleRow => ({
  memberId: d.f.memberId,
  cardNo: d.f.cardNo,
  nameMasked: d.f.nameMasked,
  tierCode: d.f.tierCode,
  joinStoreId: d.f.joinStoreId,
  rfmGroup: rfmGroupOf(levelsOf(d, ctx.thresholds)),
  lastPurchaseDate: d.f.lastPurchaseDate,
  spend12mFen: d.spend12mFen,
  h,
})

export const mergeCounts = (a: CountTally, b: CountTally): CountTally => {
  const byTier = { ...a.byTier }
  const byStore = { ...a.byStore }
  for (const [k, n] of Object.entries(b.byTier)) addTo(byTier, k, n)
  for (const [k, n] of Object.entries(b.byStore)) addTo(byStore, k, n)
  return { size: a.size + b.size, members: a.members + b.members, byTier, byStore, sample: keepSample([...a.sample, ...b.sample]) }
}

/** RFM phase 1: the distributions among buyers of the last 12 months. */
export interface DistributionTally {
  members: number
  dist: Distributions
}

export const emptyDistributionTally = (): DistributionTally => ({ members: 0, dist: { r: {}, f: {}, m: {} } })

export const distributeMember = (t: DistributionTally, f: Features, ctx: { today: string; now: Date }): void => {
  t.members += 1
  addToDistributions(t.dist, derive(f, ctx.today, ctx.now))
}

export const mergeDistributions = (a: DistributionTally, b: DistributionTally): DistributionTally => ({
  members: a.members + b.members,
  dist: { r: mergeHistograms(a.dist.r, b.dist.r), f: mergeHistograms(a.dist.f, b.dist.f), m: mergeHistograms(a.dist.m, b.dist.m) },
})

/** RFM phase 2: members, spend and purchases per group and pyramid level; moves from last month's group. */
export interface GroupTally {
  members: number
  groups: Record<string, { n: number; fen: number; purchases: number }>
  pyramid: Record<string, { n: number; fen: number }>
  moves: Record<string, number>
}

export const emptyGroupTally = (): GroupTally => ({ members: 0, groups: {}, pyramid: {}, moves: {} })

/** Tallies a member and says which group they are in this month (the caller keeps it on the record). */
export const groupMember = (
  t: GroupTally,
  f: Features,
  ctx: PassContext & { month: string },
): { group: RfmGroup; changed: boolean; rfm: NonNullable<Features['rfm']> } => {
  const d = derive(f, ctx.today, ctx.now)
  const levels = levelsOf(d, ctx.thresholds)
  const group = rfmGroupOf(levels)
  const pyramid: PyramidGroup = pyramidGroupOf(levels)
  t.members += 1
  const g = slot(t.groups, group, () => ({ n: 0, fen: 0, purchases: 0 }))
  g.n += 1
  g.fen += d.spend12mFen
  g.purchases += d.purchases12m
  const p = slot(t.pyramid, pyramid, () => ({ n: 0, fen: 0 }))
  p.n += 1
  p.fen += d.spend12mFen
  // Last month's group: the one kept for an earlier month (or its own "previous" when this month's was kept already).
  const prior =
    f.rfm && f.rfm.month < ctx.month
      ? { month: f.rfm.month, group: f.rfm.group }
      : f.rfm?.prevMonth
        ? { month: f.rfm.prevMonth, group: f.rfm.prevGroup! }
        : null
  if (prior) addTo(t.moves, `${prior.group}>${group}`)
  const rfm = { month: ctx.month, group, ...(prior ? { prevMonth: prior.month, prevGroup: prior.group } : {}) }
  const changed = !f.rfm || f.rfm.month !== rfm.month || f.rfm.group !== rfm.group || f.rfm.prevMonth !== rfm.prevMonth
  return { group, changed, rfm }
}

export const mergeGroups = (a: GroupTally, b: GroupTally): GroupTally => {
  const out: GroupTally = {
    members: a.members + b.members,
    groups: structuredClone(a.groups),
    pyramid: structuredClone(a.pyramid),
    moves: { ...a.moves },
  }
  for (const [k, v] of Object.entries(b.groups)) {
    const g = slot(out.groups, k, () => ({ n: 0, fen: 0, purchases: 0 }))
    g.n += v.n
    g.fen += v.fen
    g.purchases += v.purchases
  }
  for (const [k, v] of Object.entries(b.pyramid)) {
    const p = slot(out.pyramid, k, () => ({ n: 0, fen: 0 }))
    p.n += v.n
    p.fen += v.fen
  }
  for (const [k, n] of Object.entries(b.moves)) addTo(out.moves, k, n)
  return out
}
