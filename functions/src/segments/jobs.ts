/**
 * Jobs over every member, fanned out through the work queue: one message per shard of the
 * features index (or of the members index, for a rebuild), each paging its shard within a
 * time budget and sending the rest of the shard on as a continuation with its tally so far.
 * A shard's result and the job's progress are one transaction (a redelivered shard adds
 * nothing); the worker that finishes the last shard moves the job on — to its next phase
 * (RFM: distributions, then groups) or to done — under a condition, so only one does.
 */
import type { JobKind, RfmThresholds, SegmentCountResult, SegmentGroup } from '@huiyuan/shared/segments/schemas'
import { ulid } from 'ulid'
import { z } from 'zod'
import { calendarDate, isoInZone } from '../platform/clock'
import { FEATURE_SHARDS, MEMBER_SHARDS, coreKeys } from '../platform/keys'
import { logger } from '../platform/logger'
import { work, type WorkHandler, type WorkQueue } from '../platform/queue/work'
import type { Tx } from '../platform/tx'
import { isCancelled } from '../platform/unitOfWork'
import type { ProgramRepository } from '../program/repository'
import type { TiersRepository } from '../tiers/repository'
import { PENDING_TIER } from '../tiers/service'
import { matches } from './conditions'
import type { FeaturesKeeper } from './consumers/features'
import { derive } from './features'
import type { JobRecord, SegmentsRepository, StoredFeatures } from './repository'
import { DEFAULT_THRESHOLDS, type Quintiles, quintilesOf, thresholdsFromMedians } from './rfm'
import {
  type CountTally,
  countMember,
  type DistributionTally,
  distributeMember,
  emptyCount,
  emptyDistributionTally,
  emptyGroupTally,
  type GroupTally,
  groupMember,
  mergeCounts,
  mergeDistributions,
  mergeGroups,
} from './tallies'

export const SHARD_WORK = 'segments.shard'

const ShardMessage = z.object({
  jobId: z.string().min(1),
  phase: z.number().int().min(1),
  shard: z.number().int().min(0),
  cursor: z.record(z.string(), z.unknown()).optional(),
  tally: z.unknown().optional(),
  processed: z.number().int().default(0),
})
type ShardMessage = z.output<typeof ShardMessage>

/** What a count job fixes at its start, so every shard counts the same thing. */
export interface CountParams {
  definition: SegmentGroup
  thresholds: RfmThresholds
  quintiles: Quintiles | null
  today: string
  now: string
  segmentId?: string
}

export interface JobsDeps {
  segments: SegmentsRepository
  tiersRepo: Pick<TiersRepository, 'memberShardPage'>
  keeper: Pick<FeaturesKeeper, 'rebuild'>
  program: ProgramRepository
  queue: () => WorkQueue
  tx: Tx
  /** How long one message works before it hands the rest of its shard on (default 20 s). */
  budgetMs?: number
}

const shardsOf = (kind: JobKind) => (kind === 'features-rebuild' ? MEMBER_SHARDS : FEATURE_SHARDS)

export const segmentJobs = (deps: JobsDeps) => {
  const budgetMs = deps.budgetMs ?? 20_000

  /** Labels of tiers and stores for a count's breakdowns. */
  const countResult = async (t: CountTally, countedAt: Date): Promise<SegmentCountResult> => {
    const [rules, stores] = await Promise.all([deps.program.getRules(), deps.program.listStores()])
    const tierName = new Map([[PENDING_TIER.code, PENDING_TIER.name], ...rules.tiers.map((r) => [r.code, r.name] as [string, string])])
    const storeName = new Map(stores.map((s) => [s.storeId, s.name]))
    const breakdown = (m: Record<string, number>, label: (k: string) => string) =>
      Object.entries(m)
        .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
        .map(([key, members]) => ({ key, label: label(key), members }))
    return {
      size: t.size,
      members: t.members,
      share: t.members === 0 ? 0 : t.size / t.members,
      sample: t.sample.map(({ h: _h, ...row }) => row),
      byTier: breakdown(t.byTier, (k) => tierName.get(k) ?? k),
      byStore: breakdown(t.byStore, (k) => storeName.get(k) ?? k),
      countedAt: isoInZone(countedAt, rules.timeZone),
    }
  }

  /** Every member's features, every shard side by side, in this process (a small program only). */
  const readAll = async (): Promise<StoredFeatures[]> => {
    const shards = await Promise.all(
      Array.from({ length: FEATURE_SHARDS }, async (_, shard) => {
        const out: StoredFeatures[] = []
        let cursor: Record<string, unknown> | undefined
        do {
          const page = await deps.segments.featuresPage(shard, cursor, 1000)
          out.push(...page.items)
          cursor = page.next
        } while (cursor)
        return out
      }),
    )
    return shards.flat()
  }

  /** A segment's count over features already read. */
  const countIn = (all: StoredFeatures[], params: CountParams): Promise<SegmentCountResult> => {
    const t = emptyCount()
    const ctx = countContext(params)
    for (const f of all) countMember(t, f, params.definition, ctx)
    return countResult(t, new Date())
  }

  /** The members of features already read that match a segment. */
  const matchingIn = (all: StoredFeatures[], params: CountParams): StoredFeatures[] => {
    const ctx = countContext(params)
    return all.filter((f) => matches(params.definition, derive(f, ctx.today, ctx.now), ctx))
  }

  /**
   * The RFM picture over features already read, as the refresh would draw it (without
   * keeping each member's group): a small program's figures are always current.
   */
  const rfmIn = (all: StoredFeatures[], today: string, now: Date, merchant: RfmThresholds | null) => {
    const dist = emptyDistributionTally()
    for (const f of all) distributeMember(dist, f, { today, now })
    const medians = thresholdsFromMedians(dist.dist)
    const quintiles = quintilesOf(dist.dist)
    const thresholds = merchant ?? medians ?? DEFAULT_THRESHOLDS
    const source: 'merchant' | 'median' | 'default' = merchant ? 'merchant' : medians ? 'median' : 'default'
    const groups = emptyGroupTally()
    const month = today.slice(0, 7)
    for (const f of all) groupMember(groups, f, { today, now, thresholds, quintiles, month })
    return { medians, quintiles, thresholds, source, groups }
  }

  const countContext = (p: CountParams) => ({ thresholds: p.thresholds, quintiles: p.quintiles, today: p.today, now: new Date(p.now) })

  const start = async (kind: JobKind, params: Record<string, unknown>, now: Date): Promise<JobRecord> => {
    const job: JobRecord = {
      jobId: ulid(now.getTime()),
      kind,
      status: 'running',
      phase: 1,
      shards: shardsOf(kind),
      shardsDone: 0,
      processed: 0,
      startedAt: now.toISOString(),
      finishedAt: null,
      params,
      result: null,
    }
    await deps.segments.putJob(job, now)
    await sendShards(job.jobId, 1, job.shards)
    return job
  }

  const sendShards = (jobId: string, phase: number, shards: number) =>
    deps.queue().send(Array.from({ length: shards }, (_, shard) => ({ kind: SHARD_WORK, jobId, phase, shard })))

  /** One member's (or features record's) part of a pass. */
  type Pass = {
    page: (shard: number, cursor?: Record<string, unknown>) => Promise<{ items: unknown[]; next?: Record<string, unknown> | undefined }>
    empty: () => unknown
    add: (tally: unknown, item: unknown) => Promise<void> | void
  }

  const passOf = (job: JobRecord, phase: number): Pass => {
    const features = (shard: number, cursor?: Record<string, unknown>) => deps.segments.featuresPage(shard, cursor)
    if (job.kind === 'segment-count') {
      const params = job.params as unknown as CountParams
      const ctx = countContext(params)
      return { page: features, empty: emptyCount, add: (t, f) => countMember(t as CountTally, f as StoredFeatures, params.definition, ctx) }
    }
    if (job.kind === 'features-rebuild') {
      return {
        page: async (shard, cursor) => {
          const p = await deps.tiersRepo.memberShardPage(coreKeys.memberShards()[shard]!, cursor)
          return { items: p.memberIds, next: p.next }
        },
        empty: () => ({ rebuilt: 0 }),
        add: async (t, memberId) => {
          if (await deps.keeper.rebuild(memberId as string, new Date())) (t as { rebuilt: number }).rebuilt += 1
        },
      }
    }
    const ctx = { today: String(job.params.today), now: new Date(String(job.params.now)) }
    if (phase === 1)
      return {
        page: features,
        empty: emptyDistributionTally,
        add: (t, f) => distributeMember(t as DistributionTally, f as StoredFeatures, ctx),
      }
    const p = job.params as { thresholds: RfmThresholds; quintiles: Quintiles | null }
    const month = ctx.today.slice(0, 7)
    return {
      page: features,
      empty: emptyGroupTally,
      add: async (t, item) => {
        const f = item as StoredFeatures
        const r = groupMember(t as GroupTally, f, { ...ctx, thresholds: p.thresholds, quintiles: p.quintiles, month })
        if (r.changed) await deps.segments.setRfmGroup(f.memberId, r.rfm)
      },
    }
  }

  /** Works one message: pages the shard until done or out of time (then hands the rest on). */
  const runShard = async (m: ShardMessage): Promise<void> => {
    const job = await deps.segments.getJob(m.jobId)
    if (job?.status !== 'running' || job.phase !== m.phase) return
    const pass = passOf(job, m.phase)
    const tally = m.tally ?? pass.empty()
    let cursor = m.cursor
    let processed = m.processed
    const until = Date.now() + budgetMs
    do {
      const page = await pass.page(m.shard, cursor)
      for (const item of page.items) await pass.add(tally, item)
      processed += page.items.length
      cursor = page.next
      if (cursor && Date.now() > until) {
        await deps.queue().send([{ kind: SHARD_WORK, jobId: m.jobId, phase: m.phase, shard: m.shard, cursor, tally, processed }])
        return
      }
    } while (cursor)
    try {
      await deps.tx
        .begin<'done' | 'notRunning'>(new Date())
        .add(...deps.segments.shardDoneItems(m.jobId, m.phase, m.shard, processed, tally))
        .commit()
    } catch (e) {
      if (isCancelled(e, 'done') || isCancelled(e, 'notRunning')) return
      throw e
    }
    const after = await deps.segments.getJob(m.jobId)
    if (after && after.shardsDone >= after.shards) await finishPhase(after)
  }

  /** The last shard of a phase is in: merge the shards' tallies and move the job on (once). */
  const finishPhase = async (job: JobRecord): Promise<void> => {
    const results = (await deps.segments.shardResults(job.jobId, job.phase)).map((r) => r.result)
    const now = new Date()
    const done = (result: Record<string, unknown> | null) =>
      deps.segments.advanceJob(job.jobId, job.phase, { done: result, at: now.toISOString() })
    if (job.kind === 'segment-count') {
      const count = await countResult((results as CountTally[]).reduce(mergeCounts, emptyCount()), now)
      if (await done(count as unknown as Record<string, unknown>)) {
        const segmentId = (job.params as unknown as CountParams).segmentId
        if (segmentId) await deps.segments.setLastCount(segmentId, { size: count.size, members: count.members, at: now.toISOString() })
      }
      return
    }
    if (job.kind === 'features-rebuild') {
      await done({ rebuilt: (results as Array<{ rebuilt: number }>).reduce((n, r) => n + r.rebuilt, 0) })
      return
    }
    if (job.phase === 1) {
      const merged = (results as DistributionTally[]).reduce(mergeDistributions, emptyDistributionTally())
      const medians = thresholdsFromMedians(merged.dist)
      const quintiles = quintilesOf(merged.dist)
      const settings = await deps.segments.getRfmSettings()
      const thresholds = settings?.thresholds ?? medians ?? DEFAULT_THRESHOLDS
      const source = settings?.thresholds ? 'merchant' : medians ? 'median' : 'default'
      const params = { ...job.params, medians, quintiles, thresholds, source }
      if (await deps.segments.advanceJob(job.jobId, 1, { phase: 2, params })) await sendShards(job.jobId, 2, job.shards)
      return
    }
    const merged = (results as GroupTally[]).reduce(mergeGroups, emptyGroupTally())
    const month = String(job.params.today).slice(0, 7)
    await deps.segments.putRfmStats({
      computedAt: now.toISOString(),
      month,
      medians: job.params.medians ?? null,
      quintiles: job.params.quintiles ?? null,
      thresholdsUsed: job.params.thresholds,
      source: job.params.source,
      ...merged,
    })
    await done({ members: merged.members })
  }

  const handlers: WorkHandler[] = [
    work(SHARD_WORK, ShardMessage, async (m) => {
      try {
        await runShard(m)
      } catch (e) {
        logger.warn('segment job shard failed; it will be retried', { jobId: m.jobId, shard: m.shard, error: e as Error })
        throw e
      }
    }),
  ]

  /** The day a pass counts as of, in the program's zone. */
  const today = async (now: Date) => calendarDate(now, (await deps.program.getRules()).timeZone)

  return { start, readAll, countIn, matchingIn, rfmIn, handlers, today, runShard }
}
export type SegmentJobs = ReturnType<typeof segmentJobs>
