/**
 * A launched campaign's fan-out on the work queue, in two kinds of message:
 *  - `campaigns.audience` freezes one features shard's part of the audience (the segment as
 *    it was at launch) into chunks of member ids, then sends a `campaigns.chunk` per chunk;
 *  - `campaigns.chunk` goes through a chunk's members, one transaction each: the member's
 *    outcome (put once: a redelivered chunk, a crashed worker or a second launch never sends
 *    twice), their campaign record (attribution, both groups), and for a treated member who
 *    may receive it — consent, the 7-day cap (a conditional counter per member), the budget
 *    (sharded, conditional) — the inbox notice and the coupon.
 * Quiet hours hold a chunk back until they end (re-sent with a delay, never dropped); a
 * paused campaign's chunks stop and are sent again on resume.
 */
import { DomainError } from '@huiyuan/shared/errors'
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import { z } from 'zod'
import type { CouponsService } from '../coupons/service'
import type { InboxRepository } from '../inbox/repository'
import { wechatTime, type MessagingService } from '../messaging/service'
import { type Clock, systemClock } from '../platform/clock'
import { keys, FEATURE_SHARDS } from '../platform/keys'
import { logger } from '../platform/logger'
import { work, type WorkHandler, type WorkQueue } from '../platform/queue/work'
import type { Tx } from '../platform/tx'
import { isCancelled, isStale } from '../platform/unitOfWork'
import type { ProgramRepository } from '../program/repository'
import { matches } from '../segments/conditions'
import { derive } from '../segments/features'
import type { CountParams } from '../segments/jobs'
import type { SegmentsRepository } from '../segments/repository'
import { assignmentDraw, groupOf, quietUntil, underCap } from './rules'
import { BUDGET_SHARDS, type CampaignRecord, type CampaignsRepository, type ProgressCounter, type RecipientRecord } from './repository'

export const AUDIENCE_WORK = 'campaigns.audience'
export const CHUNK_WORK = 'campaigns.chunk'
/** Members per chunk (one message): about 100 transactions, well inside a worker's time. */
export const CHUNK_SIZE = 100

const AudienceMessage = z.object({
  campaignId: z.string().min(1),
  shard: z.number().int().min(0),
  cursor: z.record(z.string(), z.unknown()).optional(),
  seq: z.number().int().min(0).default(0),
  pending: z.array(z.string()).default([]),
  members: z.number().int().default(0),
})
const ChunkMessage = z.object({
  campaignId: z.string().min(1),
  shard: z.number().int().min(0),
  seq: z.number().int().min(0),
  deferred: z.boolean().default(false),
})

export interface SendDeps {
  campaigns: CampaignsRepository
  segments: Pick<SegmentsRepository, 'featuresPage'>
  coupons: Pick<CouponsService, 'stageGrant' | 'shardWasEmpty'>
  inbox: Pick<InboxRepository, 'noticeItem'>
  messaging: Pick<MessagingService, 'grantKey' | 'stageSend'>
  program: ProgramRepository
  queue: () => WorkQueue
  tx: Tx
  /** How long an audience message pages its shard before handing the rest on (default 20 s). */
  budgetMs?: number
  /** The time sends happen at (tests fix it: quiet hours and caps depend on it). */
  clock?: Clock
}

const DAY_MS = 86_400_000

export const campaignSender = (deps: SendDeps) => {
  const budgetMs = deps.budgetMs ?? 20_000
  const clock = deps.clock ?? systemClock

  const chunkMessages = (campaignId: string, shard: number, chunks: number) =>
    Array.from({ length: chunks }, (_, seq) => ({ kind: CHUNK_WORK, campaignId, shard, seq }))

  /** Done when every shard is frozen and every frozen member gone through. */
  const finishIfDone = async (campaignId: string, now: Date) => {
    const c = await deps.campaigns.get(campaignId)
    if (c?.status !== 'sending') return
    if (c.counters.audienceShardsDone >= FEATURE_SHARDS && c.counters.processed >= c.counters.planned)
      await deps.campaigns.setStatus(campaignId, ['sending'], 'done', now.toISOString(), { finishedAt: now.toISOString() })
  }

  /** Freezes one shard's part of the audience (continuing where a previous message stopped). */
  const freeze = async (m: z.output<typeof AudienceMessage>) => {
    const c = await deps.campaigns.get(m.campaignId)
    if (!c?.audience || c.status === 'cancelled' || c.status === 'done') return
    const params = c.audience as unknown as CountParams
    const ctx = { thresholds: params.thresholds, quintiles: params.quintiles }
    const pending = [...m.pending]
    let { seq, members } = m
    let cursor = m.cursor
    const until = Date.now() + budgetMs
    do {
      const page = await deps.segments.featuresPage(m.shard, cursor)
      for (const f of page.items) {
        if (!matches(params.definition, derive(f, params.today, new Date(params.now)), ctx)) continue
        pending.push(f.memberId)
        members += 1
        if (pending.length === CHUNK_SIZE) {
          await deps.campaigns.putChunk(m.campaignId, m.shard, seq, pending.splice(0))
          seq += 1
        }
      }
      cursor = page.next
      if (cursor && Date.now() > until) {
        await deps.queue().send([{ kind: AUDIENCE_WORK, campaignId: m.campaignId, shard: m.shard, cursor, seq, pending, members }])
        return
      }
    } while (cursor)
    if (pending.length > 0) {
      await deps.campaigns.putChunk(m.campaignId, m.shard, seq, pending)
      seq += 1
    }
    const now = clock()
    try {
      await deps.tx
        .begin<'done'>(now)
        .add(
          ...deps.campaigns.countOnceItems(
            m.campaignId,
            { kind: 'AUD', id: String(m.shard), detail: { chunks: seq, members } },
            { planned: members, audienceShardsDone: 1 },
          ),
        )
        .commit()
    } catch (e) {
      if (!isCancelled(e, 'done')) throw e
      // Frozen before (a redelivery): its chunks are what was written then.
      seq = (await deps.campaigns.chunksOf(m.campaignId, m.shard)).length
    }
    const after = await deps.campaigns.get(m.campaignId)
    if (after?.status === 'sending' && seq > 0) await deps.queue().send(chunkMessages(m.campaignId, m.shard, seq))
    await finishIfDone(m.campaignId, now)
  }

  /** The outcome of one member, committed once; returns what was recorded (undefined: gone through before). */
  const sendOne = async (
    c: CampaignRecord,
    shard: number,
    memberId: string,
    rules: ProgramRules,
    budget: number[] | null,
    now: Date,
  ): Promise<void> => {
    const group = groupOf(c.campaignId, memberId, c.holdoutPct, rules.marketing.globalControlPct)
    let tries = 0
    for (;;) {
      tries += 1
      const grantKey = c.message.wechat ? deps.messaging.grantKey(memberId, 'memberActivity', rules) : undefined
      const [profile, cap, grantItem] = await deps.tx.read([
        keys.member(memberId),
        deps.campaigns.capKey(memberId),
        ...(grantKey ? [grantKey] : []),
      ])
      const recipient: RecipientRecord = {
        memberId,
        cardNo: String(profile?.cardNo ?? ''),
        group,
        outcome: 'sent',
        wechat: false,
        couponCode: null,
        at: now.toISOString(),
      }
      const record = {
        campaignId: c.campaignId,
        memberId,
        group,
        from: now.toISOString(),
        until: new Date(now.getTime() + c.attributionDays * DAY_MS).toISOString(),
        couponCode: null as string | null,
        revenueFen: 0,
        orders: 0,
        version: 0,
      } as const
      const uow = deps.tx.begin<'done' | 'budgetEmpty' | 'shardEmpty' | 'limitReached'>(now)
      const settle = (outcome: RecipientRecord['outcome'], withRecord = true) => {
        uow.add(deps.campaigns.recipientItem(c.campaignId, shard, { ...recipient, outcome }))
        if (withRecord) uow.add(deps.campaigns.recordItem({ ...record }, undefined))
      }
      let budgetShard: number | null = null
      let stockShard: number | null = null
      if (!profile || profile.erasedAt) settle('erased', false)
      else if (group === 'control') settle('holdout')
      else if (profile.marketingConsent !== true) settle('no_consent')
      else {
        const sends = Array.isArray(cap?.sends) ? cap.sends.map(String) : []
        const allowed = underCap(sends, now, rules.marketing.maxMessagesPer7Days)
        budgetShard = budget ? pickBudgetShard(budget, memberId, c.campaignId) : null
        if (!allowed.ok) settle('cap')
        else if (budget && budgetShard === null) settle('budget_exhausted')
        else {
          let couponCode: string | null = null
          if (c.offer) {
            const granted = await deps.coupons.stageGrant(uow, c.offer.templateId, memberId, 'campaign', now)
            if (!granted) {
              // The template's stock is gone: like an exhausted budget.
              const fresh = deps.tx.begin<'done'>(now)
              fresh.add(deps.campaigns.recipientItem(c.campaignId, shard, { ...recipient, outcome: 'budget_exhausted' }))
              fresh.add(deps.campaigns.recordItem({ ...record }, undefined))
              await commitOnce(fresh)
              return
            }
            couponCode = granted.coupon.code
            stockShard = granted.shard
            if (budgetShard !== null) uow.add(deps.campaigns.budgetItem(c.campaignId, budgetShard))
          }
          // WeChat too where the member holds a grant of 会员活动通知 (the inbox always).
          const wechat =
            c.message.wechat &&
            deps.messaging.stageSend(
              uow,
              {
                memberId,
                cardNo: recipient.cardNo,
                purpose: 'memberActivity',
                grantItem,
                values: { title: c.message.title, content: c.message.body, time: wechatTime(now, rules.timeZone) },
                source: { kind: 'campaign', id: c.campaignId },
              },
              rules,
              now,
            ).queued
          uow.add(deps.campaigns.recipientItem(c.campaignId, shard, { ...recipient, couponCode, wechat }))
          uow.add(deps.campaigns.recordItem({ ...record, couponCode }, undefined))
          uow.add(deps.campaigns.capItem(memberId, allowed.next, cap ? Number(cap.version ?? 0) : undefined))
          uow.add(deps.inbox.noticeItem(memberId, { kind: 'marketing', title: c.message.title, body: c.message.body }, now))
        }
      }
      try {
        await commitOnce(uow)
        return
      } catch (e) {
        if (tries >= 20) throw e
        if (isStale(e)) continue
        if (isCancelled(e, 'budgetEmpty') && budget && budgetShard !== null) {
          budget[budgetShard] = 0
          continue
        }
        if (isCancelled(e, 'shardEmpty') && c.offer && stockShard !== null) {
          deps.coupons.shardWasEmpty(c.offer.templateId, stockShard)
          continue
        }
        throw e
      }
    }
  }

  /** Commits; a member already gone through ('done') is not an error. */
  const commitOnce = async (uow: { commit: () => Promise<unknown> }) => {
    try {
      await uow.commit()
    } catch (e) {
      if (isCancelled(e, 'done')) return
      throw e
    }
  }

  /** Sends one chunk: quiet hours hold it back; a paused or ended campaign stops. */
  const sendChunk = async (m: z.output<typeof ChunkMessage>) => {
    const c = await deps.campaigns.get(m.campaignId)
    if (c?.status !== 'sending') return
    const now = clock()
    const rules = await deps.program.getRules()
    const memberIds = (await deps.campaigns.getChunk(m.campaignId, m.shard, m.seq)) ?? []
    const quietEnd = quietUntil(now, rules.marketing.quietHours, rules.timeZone)
    if (quietEnd) {
      const delaySeconds = Math.min(900, Math.max(1, Math.ceil((quietEnd.getTime() - now.getTime()) / 1000)))
      await deps
        .queue()
        .send([{ kind: CHUNK_WORK, campaignId: m.campaignId, shard: m.shard, seq: m.seq, deferred: true }], { delaySeconds })
      if (!m.deferred)
        await commitOnce(
          deps.tx
            .begin<'done'>(now)
            .add(
              ...deps.campaigns.countOnceItems(
                m.campaignId,
                { kind: 'DEFER', id: `${m.shard}#${m.seq}`, detail: {} },
                { deferred: memberIds.length },
              ),
            ),
        )
      return
    }
    const budget = c.maxCoupons !== null && c.offer ? await deps.campaigns.budgetLeft(m.campaignId) : null
    for (const memberId of memberIds) {
      try {
        await sendOne(c, m.shard, memberId, rules, budget, now)
      } catch (e) {
        if (e instanceof DomainError && e.code === 'CONFLICT_RETRY_EXHAUSTED') throw e
        logger.error('campaign send failed for a member', { campaignId: c.campaignId, memberId, error: e as Error })
        await commitOnce(
          deps.tx.begin<'done'>(now).add(
            deps.campaigns.recipientItem(c.campaignId, m.shard, {
              memberId,
              cardNo: '',
              group: 'treatment',
              outcome: 'failed',
              wechat: false,
              couponCode: null,
              at: now.toISOString(),
            }),
          ),
        )
      }
    }
    // What the chunk's members' outcomes are, read back: exact even after a crash mid-chunk.
    const outcomes = await deps.tx.read(memberIds.map((id) => deps.campaigns.recipientKey(m.campaignId, m.shard, id)))
    const counts: Partial<Record<ProgressCounter, number>> = { processed: memberIds.length }
    for (const item of outcomes) {
      const r = deps.campaigns.parseRecipient(item)
      if (!r) continue
      counts[r.outcome] = (counts[r.outcome] ?? 0) + 1
      if (r.couponCode) counts.couponsIssued = (counts.couponsIssued ?? 0) + 1
      if (r.wechat) counts.wechat = (counts.wechat ?? 0) + 1
      else if (r.outcome === 'sent' && c.message.wechat) counts.no_grant = (counts.no_grant ?? 0) + 1
    }
    await commitOnce(
      deps.tx
        .begin<'done'>(now)
        .add(...deps.campaigns.countOnceItems(m.campaignId, { kind: 'SENT', id: `${m.shard}#${m.seq}`, detail: {} }, counts)),
    )
    await finishIfDone(m.campaignId, now)
  }

  const handlers: WorkHandler[] = [
    work(AUDIENCE_WORK, AudienceMessage, async (m) => freeze(m)),
    work(CHUNK_WORK, ChunkMessage, async (m) => sendChunk(m)),
  ]

  /** Starts freezing every shard (launch), or whatever a pause left undone (resume). */
  const start = async (campaignId: string, resume = false) => {
    if (!resume) {
      await deps.queue().send(Array.from({ length: FEATURE_SHARDS }, (_, shard) => ({ kind: AUDIENCE_WORK, campaignId, shard })))
      return
    }
    const [frozen, sent] = await Promise.all([deps.campaigns.marks(campaignId, 'AUD'), deps.campaigns.marks(campaignId, 'SENT')])
    const messages: Array<{ kind: string; [k: string]: unknown }> = []
    for (let shard = 0; shard < FEATURE_SHARDS; shard++) {
      if (!frozen.has(String(shard))) {
        messages.push({ kind: AUDIENCE_WORK, campaignId, shard })
        continue
      }
      for (const seq of await deps.campaigns.chunksOf(campaignId, shard))
        if (!sent.has(`${shard}#${seq}`)) messages.push({ kind: CHUNK_WORK, campaignId, shard, seq })
    }
    if (messages.length > 0) await deps.queue().send(messages)
  }

  return { handlers, start, freeze, sendChunk }
}
export type CampaignSender = ReturnType<typeof campaignSender>

/** A budget shard with coupons left: the member's own first (spreads the writes), else the next one that has any. */
const pickBudgetShard = (budget: number[], memberId: string, campaignId: string): number | null => {
  const first = Math.floor(assignmentDraw(`${campaignId}:budget`, memberId) * BUDGET_SHARDS)
  for (let i = 0; i < BUDGET_SHARDS; i++) {
    const s = (first + i) % BUDGET_SHARDS
    if ((budget[s] ?? 0) > 0) return s
  }
  return null
}
