/**
 * Segments for marketers: definitions (audited, optimistic on version), previews that count
 * at once for a small program or start a count job for a large one, the jobs' progress, and
 * the RFM picture with the merchant's thresholds.
 */
import type { PageQuery } from '@huiyuan/shared/common'
import { DomainError } from '@huiyuan/shared/errors'
import {
  PYRAMID_GROUP_LABELS,
  PYRAMID_GROUPS,
  RFM_GROUP_LABELS,
  RFM_GROUPS,
  type CreateSegmentRequest,
  type Job,
  type RfmGroup,
  type RfmOverview,
  type RfmThresholds,
  type Segment,
  type SegmentCountResult,
  type SegmentGroup,
  type SegmentPreview,
  type UpdateSegmentRequest,
} from '@huiyuan/shared/segments/schemas'
import { ulid } from 'ulid'
import { actorOf, type AuditRepository } from '../audit/repository'
import type { AuthContext } from '../platform/auth'
import { isoInZone } from '../platform/clock'
import type { Tx } from '../platform/tx'
import { isCancelled } from '../platform/unitOfWork'
import type { ProgramRepository } from '../program/repository'
import type { JobRecord, SegmentRecord, SegmentsRepository } from './repository'
import type { CountParams, SegmentJobs } from './jobs'
import { DEFAULT_THRESHOLDS, type Quintiles } from './rfm'
import { emptyGroupTally, type GroupTally } from './tallies'

export interface SegmentsDeps {
  segments: SegmentsRepository
  jobs: SegmentJobs
  program: ProgramRepository
  /** Members of the program now (the report totals): decides between counting at once and a job. */
  memberCount: () => Promise<number>
  audit: AuditRepository
  tx: Tx
  /** Up to this many members a preview counts at once; above, it starts a count job. */
  inlineMaxMembers: number
}

const TZ = 'Asia/Shanghai'
const at = (iso: string) => isoInZone(new Date(iso), TZ)

const segmentView = (s: SegmentRecord): Segment => ({
  segmentId: s.segmentId,
  name: s.name,
  description: s.description,
  definition: s.definition,
  version: s.version,
  createdBy: s.createdBy,
  createdAt: at(s.createdAt),
  updatedAt: at(s.updatedAt),
  lastCount: s.lastCount ? { ...s.lastCount, at: at(s.lastCount.at) } : null,
})

const jobView = (j: JobRecord): Job => ({
  jobId: j.jobId,
  kind: j.kind,
  status: j.status,
  progress: { done: j.status === 'done' ? j.shards : Math.min(j.shardsDone, j.shards), total: j.shards },
  processed: j.processed,
  startedAt: at(j.startedAt),
  finishedAt: j.finishedAt ? at(j.finishedAt) : null,
  count: j.kind === 'segment-count' && j.status === 'done' && j.result ? (j.result as unknown as SegmentCountResult) : null,
})

export const segmentsService = (deps: SegmentsDeps) => {
  const mustGet = async (segmentId: string) => {
    const s = await deps.segments.getSegment(segmentId)
    if (!s) throw new DomainError('NOT_FOUND', 'Segment not found')
    return s
  }

  /**
   * The RFM figures in force. A small program reads every features record and draws them
   * live (thresholds: the merchant's, else today's medians); a large one uses the nightly
   * refresh's (its medians, quintiles and group tallies).
   */
  const context = async (now: Date) => {
    const [settings, stats, members, today] = await Promise.all([
      deps.segments.getRfmSettings(),
      deps.segments.getRfmStats(),
      deps.memberCount(),
      deps.jobs.today(now),
    ])
    const merchant = settings?.thresholds ?? null
    // 0: always by job (a test of the large program's path).
    if (deps.inlineMaxMembers > 0 && members <= deps.inlineMaxMembers) {
      const all = await deps.jobs.readAll()
      const live = deps.jobs.rfmIn(all, today, now, merchant)
      return { ...live, all, today, computedAt: now.toISOString() }
    }
    const medians = (stats?.medians ?? null) as RfmThresholds | null
    return {
      medians,
      quintiles: (stats?.quintiles ?? null) as Quintiles | null,
      thresholds: merchant ?? medians ?? DEFAULT_THRESHOLDS,
      source: (merchant ? 'merchant' : medians ? 'median' : 'default') as RfmOverview['source'],
      groups: (stats ?? emptyGroupTally()) as GroupTally,
      all: undefined,
      today,
      computedAt: stats?.computedAt ? String(stats.computedAt) : null,
    }
  }

  const audited = (actor: AuthContext, action: string, subject: string, details: Record<string, unknown>, now: Date) =>
    deps.audit.eventItem({ action, actor: actorOf(actor), subject, details }, now)

  const service = {
    async list(page: PageQuery) {
      const p = await deps.segments.listSegments(page)
      return { items: p.items.map(segmentView), nextCursor: p.nextCursor }
    },

    async get(segmentId: string): Promise<Segment> {
      return segmentView(await mustGet(segmentId))
    },

    async create(actor: AuthContext, input: CreateSegmentRequest, now: Date): Promise<Segment> {
      const iso = now.toISOString()
      const s: SegmentRecord = {
        segmentId: ulid(now.getTime()),
        name: input.name,
        description: input.description || null,
        definition: input.definition,
        version: 1,
        createdBy: actorOf(actor),
        createdAt: iso,
        updatedAt: iso,
        lastCount: null,
      }
      await deps.tx
        .begin<'stale'>(now)
        .add(deps.segments.segmentItem(s), {
          item: audited(actor, 'segment.create', `segment:${s.segmentId}`, { name: s.name, definition: s.definition }, now),
        })
        .commit()
      return segmentView(s)
    },

    async update(actor: AuthContext, segmentId: string, input: UpdateSegmentRequest, now: Date): Promise<Segment> {
      const current = await mustGet(segmentId)
      if (current.version !== input.version)
        throw new DomainError('VERSION_CONFLICT', 'The segment was changed by someone else: reload it', { version: current.version })
      const next: SegmentRecord = {
        ...current,
        name: input.name,
        description: input.description || null,
        definition: input.definition,
        version: current.version + 1,
        updatedAt: now.toISOString(),
        lastCount: JSON.stringify(input.definition) === JSON.stringify(current.definition) ? current.lastCount : null,
      }
      try {
        await deps.tx
          .begin<'stale'>(now)
          .add(deps.segments.segmentItem(next, current.version), {
            item: audited(
              actor,
              'segment.update',
              `segment:${segmentId}`,
              { before: { name: current.name, definition: current.definition }, after: { name: next.name, definition: next.definition } },
              now,
            ),
          })
          .commit()
      } catch (e) {
        if (isCancelled(e, 'stale')) throw new DomainError('VERSION_CONFLICT', 'The segment was changed by someone else: reload it')
        throw e
      }
      return segmentView(next)
    },

    async remove(actor: AuthContext, segmentId: string, now: Date): Promise<void> {
      const current = await mustGet(segmentId)
      try {
        await deps.tx
          .begin<'notFound'>(now)
          .add(deps.segments.deleteSegmentItem(segmentId), {
            item: audited(actor, 'segment.delete', `segment:${segmentId}`, { name: current.name, definition: current.definition }, now),
          })
          .commit()
      } catch (e) {
        if (isCancelled(e, 'notFound')) throw new DomainError('NOT_FOUND', 'Segment not found')
        throw e
      }
    },

    /** Counts conditions: at once for a small program, else a count job whose progress is returned. */
    async preview(definition: SegmentGroup, now: Date, segmentId?: string): Promise<SegmentPreview> {
      const ctx = await context(now)
      const params: CountParams = {
        definition,
        thresholds: ctx.thresholds,
        quintiles: ctx.quintiles,
        today: ctx.today,
        now: now.toISOString(),
        ...(segmentId ? { segmentId } : {}),
      }
      if (ctx.all) {
        const count = await deps.jobs.countIn(ctx.all, params)
        if (segmentId) await deps.segments.setLastCount(segmentId, { size: count.size, members: count.members, at: now.toISOString() })
        return { status: 'done', jobId: null, progress: { done: 1, total: 1 }, count }
      }
      const job = await deps.jobs.start('segment-count', params as unknown as Record<string, unknown>, now)
      return { status: 'running', jobId: job.jobId, progress: { done: 0, total: job.shards }, count: null }
    },

    async previewSaved(segmentId: string, now: Date): Promise<SegmentPreview> {
      const s = await mustGet(segmentId)
      return service.preview(s.definition, now, segmentId)
    },

    /**
     * A segment's audience as a campaign freezes it: the definition and the RFM context to
     * count it with (every shard alike), its size, and — for a small program, when asked —
     * its members with their consent (the campaign's estimate).
     */
    async audienceOf(
      segmentId: string,
      now: Date,
      opts: { members?: boolean } = {},
    ): Promise<{
      params: CountParams
      size: number
      members?: Array<{ memberId: string; marketingConsent: boolean; wechatGrants: Record<string, number> }>
    }> {
      const s = await mustGet(segmentId)
      const ctx = await context(now)
      const params: CountParams = {
        definition: s.definition,
        thresholds: ctx.thresholds,
        quintiles: ctx.quintiles,
        today: ctx.today,
        now: now.toISOString(),
      }
      if (!ctx.all) return { params, size: s.lastCount?.size ?? 0 }
      const matching = deps.jobs.matchingIn(ctx.all, params)
      return {
        params,
        size: matching.length,
        ...(opts.members
          ? {
              members: matching.map((f) => ({
                memberId: f.memberId,
                marketingConsent: f.marketingConsent,
                wechatGrants: Object.fromEntries(Object.entries(f.wechatGrants).map(([p, g]) => [p, g.held])),
              })),
            }
          : {}),
      }
    },

    async getJob(jobId: string): Promise<Job> {
      const job = await deps.segments.getJob(jobId)
      if (!job) throw new DomainError('NOT_FOUND', 'Job not found')
      return jobView(job)
    },

    async startJob(actor: AuthContext, kind: 'features-rebuild' | 'rfm-refresh', now: Date): Promise<Job> {
      const today = await deps.jobs.today(now)
      const job = await deps.jobs.start(kind, { today, now: now.toISOString() }, now)
      await deps.audit.record({ action: `job.${kind}`, actor: actorOf(actor), subject: `job:${job.jobId}`, details: {} }, now)
      return jobView(job)
    },

    async rfm(now: Date): Promise<RfmOverview> {
      const ctx = await context(now)
      const { groups, pyramid, members } = ctx.groups
      const avg = (fen: number, n: number) => (n === 0 ? 0 : Math.round(fen / n))
      const moves = Object.entries(ctx.groups.moves).map(([k, n]) => {
        const [from, to] = k.split('>') as [RfmGroup, RfmGroup]
        return { from, to, members: n }
      })
      const month = ctx.today.slice(0, 7)
      return {
        thresholds: ctx.thresholds,
        source: ctx.source,
        medians: ctx.medians,
        quintiles: ctx.quintiles,
        computedAt: ctx.computedAt ? at(ctx.computedAt) : null,
        members,
        groups: RFM_GROUPS.map((group) => {
          const g = groups[group] ?? { n: 0, fen: 0, purchases: 0 }
          return {
            group,
            label: RFM_GROUP_LABELS[group],
            members: g.n,
            avgSpend12mFen: avg(g.fen, g.n),
            avgPurchases12m: g.n === 0 ? 0 : Math.round((g.purchases / g.n) * 10) / 10,
          }
        }),
        pyramid: PYRAMID_GROUPS.map((group) => {
          const p = pyramid[group] ?? { n: 0, fen: 0 }
          return { group, label: PYRAMID_GROUP_LABELS[group], members: p.n, avgSpend12mFen: avg(p.fen, p.n) }
        }),
        movement: moves.length > 0 ? { from: previousMonth(month), to: month, moves } : null,
      }
    },

    async setThresholds(actor: AuthContext, thresholds: RfmThresholds | null, now: Date): Promise<RfmOverview> {
      const before = await deps.segments.getRfmSettings()
      await deps.tx
        .begin(now)
        .add(deps.segments.rfmSettingsItem({ thresholds, updatedAt: now.toISOString(), updatedBy: actorOf(actor) }), {
          item: audited(actor, 'rfm.thresholds', 'rfm:thresholds', { before: before?.thresholds ?? null, after: thresholds }, now),
        })
        .commit()
      return service.rfm(now)
    },
  }
  return service
}
export type SegmentsService = ReturnType<typeof segmentsService>

const previousMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}
