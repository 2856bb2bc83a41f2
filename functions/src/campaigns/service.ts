/**
 * Campaigns for marketers: drafts (audited, optimistic on version), the estimate before
 * launch, launch / schedule / pause / resume / cancel, progress, recipients, and the report
 * against the control group.
 */
import type { PageQuery } from '@huiyuan/shared/common'
import type {
  Campaign,
  CampaignEstimate,
  CampaignReport,
  CreateCampaignRequest,
  UpdateCampaignRequest,
} from '@huiyuan/shared/campaigns/schemas'
import { DomainError } from '@huiyuan/shared/errors'
import { ulid } from 'ulid'
import { actorOf, type AuditRepository } from '../audit/repository'
import type { CouponsRepository } from '../coupons/repository'
import type { AuthContext } from '../platform/auth'
import { addDays, calendarDate, isoInZone } from '../platform/clock'
import type { Tx } from '../platform/tx'
import { isCancelled } from '../platform/unitOfWork'
import type { ProgramRepository } from '../program/repository'
import type { SegmentsRepository } from '../segments/repository'
import type { SegmentsService } from '../segments/service'
import { type CampaignRecord, type CampaignsRepository, progressOf } from './repository'
import { nextRun as nextOccurrence } from '@huiyuan/shared/campaigns/recurrence'
import { groupOf, underCap } from './rules'
import type { CampaignSender } from './send'
import { welchInterval } from './stats'

export interface CampaignsDeps {
  campaigns: CampaignsRepository
  segments: Pick<SegmentsRepository, 'getSegment'>
  segmentsService: Pick<SegmentsService, 'audienceOf'>
  templates: Pick<CouponsRepository, 'getTemplate'>
  sender: CampaignSender
  program: ProgramRepository
  audit: AuditRepository
  tx: Tx
}

const TZ = 'Asia/Shanghai'
const at = (iso: string) => isoInZone(new Date(iso), TZ)
/** Fewer than this many members in either group, or purchasers in all: too small to conclude. */
const MIN_GROUP = 30
const MIN_PURCHASERS = 10

export const campaignsService = (deps: CampaignsDeps) => {
  const mustGet = async (campaignId: string) => {
    const c = await deps.campaigns.get(campaignId)
    if (!c) throw new DomainError('NOT_FOUND', 'Campaign not found')
    return c
  }
  /** A campaign the campaign routes may change: not an automation (`AUTO-<kind>`, changed on its own route). */
  const mustGetOwn = async (campaignId: string) => {
    const c = await mustGet(campaignId)
    if (campaignId.startsWith('AUTO-'))
      throw new DomainError('CAMPAIGN_STATE', 'An automation is changed through /v1/admin/automations', { status: c.status })
    return c
  }

  const view = async (c: CampaignRecord): Promise<Campaign> => {
    const [segment, template] = await Promise.all([
      deps.segments.getSegment(c.segmentId),
      c.offer ? deps.templates.getTemplate(c.offer.templateId) : undefined,
    ])
    return {
      campaignId: c.campaignId,
      name: c.name,
      goal: c.goal,
      segmentId: c.segmentId,
      segmentName: segment?.name ?? null,
      offer: c.offer ? { templateId: c.offer.templateId, name: template?.name ?? null } : null,
      message: c.message,
      schedule: c.schedule.type === 'at' ? { type: 'at', at: at(c.schedule.at) } : c.schedule,
      maxCoupons: c.maxCoupons,
      attributionDays: c.attributionDays,
      holdoutPct: c.holdoutPct,
      status: c.status,
      version: c.version,
      createdBy: c.createdBy,
      createdAt: at(c.createdAt),
      updatedAt: at(c.updatedAt),
      launchedAt: c.launchedAt ? at(c.launchedAt) : null,
      finishedAt: c.finishedAt ? at(c.finishedAt) : null,
      parentId: c.parentId,
      nextRunAt: c.nextRunAt ? at(c.nextRunAt) : null,
      progress: progressOf(c.counters),
    }
  }

  const checkRefs = async (input: CreateCampaignRequest) => {
    const r = input.schedule
    if (r.type === 'recurring' && r.every === 'week' && r.weekday === undefined)
      throw new DomainError('VALIDATION_FAILED', 'A weekly campaign needs its weekday', {
        fields: [{ field: 'body.schedule.weekday', message: 'which day of the week (1 = Monday … 7 = Sunday)', code: 'required' }],
      })
    if (r.type === 'recurring' && r.every === 'month' && r.dayOfMonth === undefined)
      throw new DomainError('VALIDATION_FAILED', 'A monthly campaign needs its day of the month', {
        fields: [{ field: 'body.schedule.dayOfMonth', message: 'which day of the month (1–28)', code: 'required' }],
      })
    if (!(await deps.segments.getSegment(input.segmentId)))
      throw new DomainError('VALIDATION_FAILED', 'No such segment', {
        fields: [{ field: 'body.segmentId', message: 'no such segment', code: 'not_found' }],
      })
    if (input.offer && !(await deps.templates.getTemplate(input.offer.templateId)))
      throw new DomainError('VALIDATION_FAILED', 'No such coupon template', {
        fields: [{ field: 'body.offer.templateId', message: 'no such coupon template', code: 'not_found' }],
      })
  }

  const audited = (actor: AuthContext, action: string, campaignId: string, details: Record<string, unknown>, now: Date) =>
    deps.audit.eventItem({ action, actor: actorOf(actor), subject: `campaign:${campaignId}`, details }, now)

  const transition = async (actor: AuthContext, campaignId: string, from: readonly string[], to: string, action: string, now: Date) => {
    const c = await mustGetOwn(campaignId)
    if (c.status === to) return c
    if (!from.includes(c.status))
      throw new DomainError('CAMPAIGN_STATE', `A ${c.status} campaign cannot be ${action}d`, { status: c.status })
    if (!(await deps.campaigns.setStatus(campaignId, from, to, now.toISOString())))
      throw new DomainError('CAMPAIGN_STATE', 'The campaign changed meanwhile: reload it')
    await deps.audit.record(
      { action: `campaign.${action}`, actor: actorOf(actor), subject: `campaign:${campaignId}`, details: { from: c.status, to } },
      now,
    )
    return mustGet(campaignId)
  }

  /** Freezes the audience's parameters and starts the fan-out (a scheduled campaign when it is due). */
  const launchNow = async (c: CampaignRecord, now: Date): Promise<boolean> => {
    const audience = (await deps.segmentsService.audienceOf(c.segmentId, now)).params as unknown as Record<string, unknown>
    if (c.maxCoupons !== null && c.offer) await deps.campaigns.openBudget(c.campaignId, c.maxCoupons)
    const moved = await deps.campaigns.setStatus(c.campaignId, ['draft', 'scheduled'], 'sending', now.toISOString(), {
      launchedAt: now.toISOString(),
      audience,
    })
    if (moved) await deps.sender.start(c.campaignId)
    return moved
  }

  /**
   * A recurring campaign's run that is due: a campaign of its own (a copy, its audience frozen
   * now, its own control group and report), made once per occurrence however many runners
   * find it due; then the campaign moves on to its next run, or ends.
   */
  const runRecurring = async (c: CampaignRecord, now: Date): Promise<number> => {
    if (c.schedule.type !== 'recurring' || !c.nextRunAt) return 0
    const occurrence = c.nextRunAt
    const rules = await deps.program.getRules()
    const [, month, date] = isoInZone(new Date(occurrence), rules.timeZone).slice(0, 10).split('-')
    const day = `${Number(month)}月${Number(date)}`
    const iso = now.toISOString()
    const run: CampaignRecord = {
      ...c,
      campaignId: `C${ulid(now.getTime())}`,
      name: `${c.name.slice(0, 32)}（${day}日）`,
      schedule: { type: 'now' },
      status: 'draft',
      version: 1,
      createdAt: iso,
      updatedAt: iso,
      launchedAt: null,
      finishedAt: null,
      parentId: c.campaignId,
      nextRunAt: null,
      audience: null,
      counters: {} as CampaignRecord['counters'],
    }
    let made = 0
    try {
      await deps.tx
        .begin<'done' | 'stale'>(now)
        .add(deps.campaigns.runMarkItem(c.campaignId, occurrence, run.campaignId), deps.campaigns.campaignItem(run))
        .commit()
      if (await launchNow(run, now)) made = 1
    } catch (e) {
      if (!isCancelled(e, 'done')) throw e
      // Made before — by another runner, or by one that stopped before launching it: launch it if it is still a draft.
      const runId = await deps.campaigns.runOf(c.campaignId, occurrence)
      const earlier = runId ? await deps.campaigns.get(runId) : undefined
      if (earlier?.status === 'draft' && (await launchNow(earlier, now))) made = 1
    }
    const next = nextOccurrence(c.schedule, new Date(occurrence), rules.timeZone)
    await deps.campaigns.moveRecurring(c.campaignId, occurrence, next?.toISOString() ?? null, iso)
    return made
  }

  const service = {
    async runs(campaignId: string, page: PageQuery) {
      await mustGet(campaignId)
      const p = await deps.campaigns.runs(campaignId, page)
      const runs = await Promise.all(p.items.map((id) => deps.campaigns.get(id)))
      return { items: await Promise.all(runs.filter((r) => r !== undefined).map(view)), nextCursor: p.nextCursor }
    },

    async list(page: PageQuery) {
      const p = await deps.campaigns.list(page)
      return { items: await Promise.all(p.items.map(view)), nextCursor: p.nextCursor }
    },

    async get(campaignId: string): Promise<Campaign> {
      return view(await mustGet(campaignId))
    },

    async create(actor: AuthContext, input: CreateCampaignRequest, now: Date): Promise<Campaign> {
      await checkRefs(input)
      const iso = now.toISOString()
      const c: CampaignRecord = {
        campaignId: `C${ulid(now.getTime())}`,
        ...input,
        status: 'draft',
        version: 1,
        createdBy: actorOf(actor),
        createdAt: iso,
        updatedAt: iso,
        launchedAt: null,
        finishedAt: null,
        parentId: null,
        nextRunAt: null,
        audience: null,
        counters: Object.fromEntries([]) as CampaignRecord['counters'],
      }
      await deps.tx
        .begin<'stale'>(now)
        .add(deps.campaigns.campaignItem(c), { item: audited(actor, 'campaign.create', c.campaignId, { ...input }, now) })
        .commit()
      return service.get(c.campaignId)
    },

    async update(actor: AuthContext, campaignId: string, input: UpdateCampaignRequest, now: Date): Promise<Campaign> {
      const c = await mustGetOwn(campaignId)
      if (c.status !== 'draft' && c.status !== 'scheduled')
        throw new DomainError('CAMPAIGN_STATE', 'Only a draft or scheduled campaign can be changed', { status: c.status })
      if (c.version !== input.version) throw new DomainError('VERSION_CONFLICT', 'The campaign was changed by someone else: reload it')
      await checkRefs(input)
      const { version: _v, ...fields } = input
      const next: CampaignRecord = { ...c, ...fields, version: c.version + 1, updatedAt: now.toISOString() }
      // A scheduled recurring campaign whose schedule changed: its next run by the new one.
      if (next.status === 'scheduled') {
        next.nextRunAt =
          next.schedule.type === 'recurring'
            ? (nextOccurrence(next.schedule, now, (await deps.program.getRules()).timeZone)?.toISOString() ?? null)
            : null
        if (next.schedule.type === 'recurring' && !next.nextRunAt)
          throw new DomainError('VALIDATION_FAILED', 'The schedule ends before its next run', {
            fields: [{ field: 'body.schedule.until', message: 'ends before the next run', code: 'too_small' }],
          })
      }
      try {
        await deps.tx
          .begin<'stale'>(now)
          .add(deps.campaigns.campaignItem(next, c.version), { item: audited(actor, 'campaign.update', campaignId, { ...fields }, now) })
          .commit()
      } catch (e) {
        if (isCancelled(e, 'stale')) throw new DomainError('VERSION_CONFLICT', 'The campaign was changed by someone else: reload it')
        throw e
      }
      return service.get(campaignId)
    },

    /** Launch now, or schedule for later; launching a launched campaign changes nothing. */
    async launch(actor: AuthContext, campaignId: string, now: Date): Promise<Campaign> {
      const c = await mustGetOwn(campaignId)
      if (c.status !== 'draft') {
        if (c.status === 'cancelled')
          throw new DomainError('CAMPAIGN_STATE', 'A cancelled campaign cannot be launched', { status: c.status })
        return view(c)
      }
      const rules = c.schedule.type === 'recurring' ? await deps.program.getRules() : undefined
      const firstRun = c.schedule.type === 'recurring' ? nextOccurrence(c.schedule, now, rules!.timeZone) : null
      if (c.schedule.type === 'recurring' && !firstRun)
        throw new DomainError('VALIDATION_FAILED', 'The schedule ends before its first run', {
          fields: [{ field: 'body.schedule.until', message: 'ends before the first run', code: 'too_small' }],
        })
      const later = c.schedule.type === 'recurring' || (c.schedule.type === 'at' && new Date(c.schedule.at).getTime() > now.getTime())
      if (later) {
        const next: CampaignRecord = {
          ...c,
          status: 'scheduled',
          nextRunAt: firstRun?.toISOString() ?? null,
          version: c.version + 1,
          updatedAt: now.toISOString(),
        }
        try {
          await deps.tx
            .begin<'stale'>(now)
            .add(deps.campaigns.campaignItem(next, c.version), {
              item: audited(
                actor,
                'campaign.schedule',
                campaignId,
                { at: c.schedule.type === 'at' ? c.schedule.at : (firstRun?.toISOString() ?? null) },
                now,
              ),
            })
            .commit()
        } catch (e) {
          if (!isCancelled(e, 'stale')) throw e
        }
      } else {
        if (await launchNow(c, now))
          await deps.audit.record({ action: 'campaign.launch', actor: actorOf(actor), subject: `campaign:${campaignId}`, details: {} }, now)
      }
      return service.get(campaignId)
    },

    /** Scheduled campaigns that are due: launched (the `campaigns-due` job, every few minutes). */
    async launchDue(now: Date): Promise<{ launched: number }> {
      let launched = 0
      for (const id of await deps.campaigns.due(now.toISOString())) {
        const c = await deps.campaigns.get(id)
        if (c?.status !== 'scheduled') continue
        if (c.schedule.type === 'recurring') launched += await runRecurring(c, now)
        else if (await launchNow(c, now)) launched += 1
      }
      return { launched }
    },

    pause: (actor: AuthContext, campaignId: string, now: Date) =>
      transition(actor, campaignId, ['sending'], 'paused', 'pause', now).then(view),

    async resume(actor: AuthContext, campaignId: string, now: Date): Promise<Campaign> {
      const before = await mustGetOwn(campaignId)
      const c = await transition(actor, campaignId, ['paused'], 'sending', 'resume', now)
      if (before.status === 'paused') await deps.sender.start(campaignId, true)
      return view(c)
    },

    cancel: (actor: AuthContext, campaignId: string, now: Date) =>
      transition(actor, campaignId, ['draft', 'scheduled'], 'cancelled', 'cancel', now).then(view),

    /** Reach before launch: the audience now, less the control group, members without consent, and those at their cap. */
    async estimate(campaignId: string, now: Date): Promise<CampaignEstimate> {
      const c = await mustGetOwn(campaignId)
      const [rules, members] = await Promise.all([
        deps.program.getRules(),
        deps.segmentsService.audienceOf(c.segmentId, now, { members: true }),
      ])
      if (!members.members) {
        // A large program: from the segment's last count (the send itself applies consent and caps).
        const g = rules.marketing.globalControlPct / 100
        const control = Math.round(members.size * (1 - (1 - g) * (1 - c.holdoutPct / 100)))
        const reach = members.size - control
        return {
          audience: members.size,
          control,
          noConsent: 0,
          capped: 0,
          reach,
          wechatReach: 0,
          couponsCapped: c.offer && c.maxCoupons !== null ? Math.min(reach, c.maxCoupons) : null,
        }
      }
      const list = members.members
      const treated = list.filter((m) => groupOf(c.campaignId, m.memberId, c.holdoutPct, rules.marketing.globalControlPct) === 'treatment')
      const consenting = treated.filter((m) => m.marketingConsent)
      const reachable: typeof consenting = []
      for (let i = 0; i < consenting.length; i += 100) {
        const slice = consenting.slice(i, i + 100)
        const caps = await deps.tx.read(slice.map((m) => deps.campaigns.capKey(m.memberId)))
        slice.forEach((m, j) => {
          const cap = caps[j]
          if (!cap || underCap(Array.isArray(cap.sends) ? cap.sends.map(String) : [], now, rules.marketing.maxMessagesPer7Days).ok)
            reachable.push(m)
        })
      }
      const reach = reachable.length
      const capped = consenting.length - reach
      return {
        audience: members.size,
        control: list.length - treated.length,
        noConsent: treated.length - consenting.length,
        capped,
        reach,
        // Those holding a grant of 会员活动通知 get it on WeChat too (the grants as the features last saw them).
        wechatReach: c.message.wechat ? reachable.filter((m) => (m.wechatGrants.memberActivity ?? 0) > 0).length : 0,
        couponsCapped: c.offer && c.maxCoupons !== null ? Math.min(reach, c.maxCoupons) : null,
      }
    },

    async recipients(campaignId: string, page: PageQuery) {
      await mustGet(campaignId)
      const p = await deps.campaigns.recipients(campaignId, page)
      return { items: p.items.map((r) => ({ ...r, at: at(r.at) })), nextCursor: p.nextCursor }
    },

    async report(campaignId: string, now: Date): Promise<CampaignReport> {
      const c = await mustGet(campaignId)
      const [rules, stats] = await Promise.all([deps.program.getRules(), deps.campaigns.stats(campaignId)])
      const k = c.counters
      const n = { treatment: Math.max(0, k.planned - k.holdout - k.erased), control: k.holdout }
      const group = (g: 'treatment' | 'control') => {
        const s = stats.get(`GROUP#${g}`) ?? {}
        const members = n[g]
        const revenueFen = Math.max(0, Math.round(s.revenueFen ?? 0))
        const purchasers = Math.max(0, s.purchasers ?? 0)
        return {
          members,
          delivered: g === 'treatment' ? k.sent : 0,
          deliveredWechat: g === 'treatment' ? k.wechatDelivered : 0,
          couponsIssued: g === 'treatment' ? k.couponsIssued : 0,
          couponsRedeemed: Math.max(0, s.couponsRedeemed ?? 0),
          purchasers,
          orders: Math.max(0, s.orders ?? 0),
          revenueFen,
          conversion: members === 0 ? 0 : purchasers / members,
          revenuePerMemberFen: members === 0 ? 0 : revenueFen / members,
          sumSqYuan: s.sumSqYuan ?? 0,
          discountFen: s.discountFen ?? 0,
        }
      }
      const t = group('treatment')
      const ctl = group('control')
      // Welch's t on revenue per member (yuan), every member of each group counted (0 for those who did not buy).
      const interval = welchInterval(
        { n: t.members, sum: t.revenueFen / 100, sumSq: t.sumSqYuan },
        { n: ctl.members, sum: ctl.revenueFen / 100, sumSq: ctl.sumSqYuan },
      )
      const incremental = Math.round(interval.diff * 100 * t.members)
      const low = interval.low === null ? null : Math.round(interval.low * 100 * t.members)
      const high = interval.high === null ? null : Math.round(interval.high * 100 * t.members)
      const couponCostFen = Math.max(0, Math.round(t.discountFen))
      const margin = rules.marketing.grossMarginPct
      const tooSmall = t.members < MIN_GROUP || ctl.members < MIN_GROUP || t.purchasers + ctl.purchasers < MIN_PURCHASERS || low === null
      const significant = !tooSmall && low !== null && high !== null && (low > 0 || high < 0)
      const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 0 })}`
      const verdictText = tooSmall
        ? '样本不足，无法判断效果'
        : significant
          ? incremental > 0
            ? `活动带来显著增量：增量销售额约 ${yuan(incremental)}（95% 置信区间 ${yuan(low!)} ~ ${yuan(high!)}）`
            : `活动组消费显著低于对照组：差额约 ${yuan(incremental)}`
          : '效果不显著：实验组与对照组的差异可能来自随机波动'
      const from = c.launchedAt ? calendarDate(new Date(c.launchedAt), TZ) : null
      const to = from ? addDays(from, c.attributionDays) : null
      const today = calendarDate(now, TZ)
      const daily: CampaignReport['daily'] = []
      if (from && to) {
        for (let d = from; d <= to && d <= today; d = addDays(d, 1)) {
          const day = (g: 'treatment' | 'control') => stats.get(`DAY#${d}#${g}`)?.revenueFen ?? 0
          daily.push({
            date: d,
            treatmentFen: t.members === 0 ? 0 : Math.round(day('treatment') / t.members),
            controlFen: ctl.members === 0 ? 0 : Math.round(day('control') / ctl.members),
          })
        }
      }
      const strip = ({ sumSqYuan: _s, discountFen: _d, ...g }: typeof t) => g
      return {
        campaignId: c.campaignId,
        name: c.name,
        status: c.status,
        launchedAt: c.launchedAt ? at(c.launchedAt) : null,
        windowFrom: from,
        windowTo: to,
        treatment: strip(t),
        control: strip(ctl),
        incrementalRevenueFen: incremental,
        incrementalRevenueLowFen: low,
        incrementalRevenueHighFen: high,
        method: '对两组的人均销售额做 Welch t 检验（不假设方差相等），取 95% 置信区间，再乘以实验组人数',
        couponCostFen,
        grossMarginPct: margin,
        incrementalProfitFen: Math.round((incremental * margin) / 100 - couponCostFen),
        verdict: tooSmall ? 'too_small' : significant ? 'significant' : 'not_significant',
        verdictText,
        funnel: [
          { step: '目标会员', treatment: t.members, control: ctl.members },
          { step: '已触达', treatment: t.delivered, control: 0 },
          { step: '已发券', treatment: t.couponsIssued, control: 0 },
          { step: '已核销', treatment: t.couponsRedeemed, control: ctl.couponsRedeemed },
          { step: '已购买', treatment: t.purchasers, control: ctl.purchasers },
        ],
        daily,
      }
    },
  }
  return service
}
export type CampaignsService = ReturnType<typeof campaignsService>
