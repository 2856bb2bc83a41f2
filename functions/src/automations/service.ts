/**
 * Automations: always-on campaigns fired for one member at a time by an event (welcome,
 * tier-up) or a daily job (birthday, points and coupon expiry, win-back). Each is a campaign
 * `AUTO-<kind>` — its counters, recipients, members' records (attribution) and report are the
 * campaigns' — whose settings are kept beside its definition. A firing is one transaction:
 * the recipient item put once per (member, occurrence), so a redelivered event or a re-run
 * job never fires twice; the member's record of the automation (the attribution window from
 * now); the counters; and for a treated member the notice, the coupons and the WeChat
 * message where they hold a grant. Service notices need no consent and skip the cap and
 * quiet hours; the win-back is marketing and obeys all three. Never an erased member.
 */
import {
  AUTOMATION_GIFT_TEXT,
  AUTOMATION_KINDS,
  AUTOMATION_PURPOSES,
  AUTOMATION_LABELS,
  AUTOMATION_PLACEHOLDERS,
  AUTOMATION_TRIGGERS,
  AUTOMATIONS_WITH_DAYS,
  type Automation,
  type AutomationKind,
  type AutomationSettings,
  automationCampaignId,
  MARKETING_AUTOMATIONS,
  type UpdateAutomationRequest,
  WECHAT_ONLY_AUTOMATIONS,
} from '@huiyuan/shared/campaigns/automations'
import type { CampaignGoal } from '@huiyuan/shared/campaigns/schemas'
import type { CouponSource } from '@huiyuan/shared/coupons/schemas'
import { DomainError } from '@huiyuan/shared/errors'
import { fitThing } from '@huiyuan/shared/messaging/schemas'
import type { NoticeKind } from '@huiyuan/shared/points/schemas'
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import { type AuditRepository, actorOf } from '../audit/repository'
import {
  type CampaignRecord,
  type CampaignsRepository,
  type ProgressCounter,
  progressOf,
  type RecipientRecord,
} from '../campaigns/repository'
import { groupOf, quietUntil, underCap } from '../campaigns/rules'
import type { CouponsRepository } from '../coupons/repository'
import type { CouponsService } from '../coupons/service'
import type { InboxRepository } from '../inbox/repository'
import { type MessagingService, wechatTime } from '../messaging/service'
import type { AuthContext } from '../platform/auth'
import { isoInZone } from '../platform/clock'
import { decodeCursor, encodeCursor, invalidCursor, type Page, type PageRequest } from '../platform/cursor'
import { featureShardOf, keys } from '../platform/keys'
import type { Tx } from '../platform/tx'
import { isCancelled, isStale } from '../platform/unitOfWork'
import type { ProgramRepository } from '../program/repository'

export interface AutomationsDeps {
  campaigns: CampaignsRepository
  coupons: Pick<CouponsService, 'stageGrant' | 'shardWasEmpty'>
  templates: Pick<CouponsRepository, 'getTemplate'>
  inbox: Pick<InboxRepository, 'noticeItem'>
  messaging: Pick<MessagingService, 'grantKey' | 'stageSend'>
  program: ProgramRepository
  audit: AuditRepository
  tx: Tx
}

const DAY_MS = 86_400_000
/** The list's cursors name this partition (there is none: the automations are a fixed list). */
const CURSOR_PARTITION = 'AUTOMATIONS'

const NOTICE_KINDS: Record<AutomationKind, NoticeKind> = {
  welcome: 'welcome',
  birthday: 'birthday',
  tier_up: 'tier_upgrade',
  points_expiry: 'points_expiring',
  coupon_expiry: 'coupon_expiring',
  win_back: 'marketing',
  checkin_reminder: 'marketing',
}
const COUPON_SOURCES: Record<AutomationKind, CouponSource> = {
  welcome: 'welcome',
  birthday: 'birthday',
  tier_up: 'campaign',
  points_expiry: 'campaign',
  coupon_expiry: 'campaign',
  win_back: 'campaign',
  checkin_reminder: 'campaign',
}
const GOALS: Record<AutomationKind, CampaignGoal> = {
  welcome: 'new_member',
  birthday: 'birthday',
  tier_up: 'retain',
  points_expiry: 'retain',
  coupon_expiry: 'retain',
  win_back: 'reactivate',
  checkin_reminder: 'retain',
}

/** What each does before anyone changes it: today's notices, the program's packs, the win-back off. */
export const defaultSettings = (kind: AutomationKind, rules: ProgramRules): AutomationSettings => {
  const base = { holdoutPct: 0, attributionDays: 14, days: null, offer: { templateIds: [] as string[] } }
  switch (kind) {
    case 'welcome':
      return {
        ...base,
        enabled: true,
        offer: { templateIds: rules.packs.welcomeTemplateIds.slice(0, 5) },
        message: { title: '欢迎加入会员', body: '感谢加入！{gift}消费可得积分，每日签到还有积分相送。', wechat: false },
      }
    case 'birthday':
      return {
        ...base,
        enabled: true,
        offer: { templateIds: rules.packs.birthdayTemplateIds.slice(0, 5) },
        message: { title: '生日快乐', body: '祝您生日快乐！{gift}', wechat: false },
      }
    case 'tier_up':
      return { ...base, enabled: true, message: { title: '恭喜升级为{tier}', body: '您已升级为{tier}，尊享{benefits}。', wechat: false } }
    case 'points_expiry':
      return {
        ...base,
        enabled: true,
        message: { title: '积分即将过期', body: '您有 {points} 积分将于 {date} 过期，记得尽快使用哦。', wechat: false },
      }
    case 'coupon_expiry':
      return {
        ...base,
        enabled: true,
        days: 3,
        message: { title: '优惠券即将过期', body: '您的「{coupon}」({summary}) 将于 {date} 过期，别忘了使用。', wechat: false },
      }
    case 'checkin_reminder':
      return {
        ...base,
        enabled: true,
        message: { title: '今天还没签到哦', body: '今日签到可得 {points} 积分，连续签到还有额外奖励。', wechat: true },
      }
    case 'win_back':
      return {
        ...base,
        enabled: false,
        days: 90,
        holdoutPct: 10,
        message: { title: '好久不见，想您了', body: '您已经 {days} 天没来逛逛了，{gift}期待您再次光临。', wechat: false },
      }
  }
}

/** `{name}` → its value (unknown placeholders stay as they are). */
export const fill = (text: string, vars: Record<string, string>): string => text.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m)

export type FireOutcome = RecipientRecord['outcome'] | 'disabled' | 'already' | 'quiet'

export const automationsService = (deps: AutomationsDeps) => {
  /** The automation's campaign and settings (the defaults while never saved). */
  const load = async (kind: AutomationKind, rules: ProgramRules) => {
    const found = await deps.campaigns.getWith(automationCampaignId(kind))
    const saved = found?.item.automation as AutomationSettings | undefined
    return { c: found?.c, settings: saved ?? defaultSettings(kind, rules) }
  }

  const recordOf = (kind: AutomationKind, s: AutomationSettings, now: Date, prev: CampaignRecord | undefined): CampaignRecord => ({
    campaignId: automationCampaignId(kind),
    name: AUTOMATION_LABELS[kind],
    goal: GOALS[kind],
    segmentId: '',
    offer: s.offer.templateIds[0] ? { templateId: s.offer.templateIds[0] } : null,
    message: { ...s.message, title: fitThing(s.message.title) },
    schedule: { type: 'now' },
    maxCoupons: null,
    attributionDays: s.attributionDays,
    holdoutPct: s.holdoutPct,
    status: s.enabled ? 'sending' : 'paused',
    version: (prev?.version ?? 0) + 1,
    createdBy: prev?.createdBy ?? 'system',
    createdAt: prev?.createdAt ?? now.toISOString(),
    updatedAt: now.toISOString(),
    launchedAt: prev?.launchedAt ?? now.toISOString(),
    finishedAt: null,
    parentId: null,
    nextRunAt: null,
    audience: null,
    counters: prev?.counters ?? ({} as CampaignRecord['counters']),
  })

  const view = (kind: AutomationKind, c: CampaignRecord | undefined, s: AutomationSettings, timeZone: string): Automation => {
    return {
      kind,
      name: AUTOMATION_LABELS[kind],
      trigger: AUTOMATION_TRIGGERS[kind],
      marketing: MARKETING_AUTOMATIONS.includes(kind),
      campaignId: automationCampaignId(kind),
      enabled: s.enabled,
      days: s.days,
      offer: s.offer,
      message: s.message,
      holdoutPct: s.holdoutPct,
      attributionDays: s.attributionDays,
      placeholders: [...AUTOMATION_PLACEHOLDERS[kind]],
      version: c?.version ?? 0,
      updatedAt: c && c.version > 0 ? isoInZone(new Date(c.updatedAt), timeZone) : null,
      firingSince: c?.launchedAt && c.counters.planned > 0 ? isoInZone(new Date(c.launchedAt), timeZone) : null,
      progress: progressOf(c?.counters),
    }
  }

  const service = {
    /** The automations in their fixed order, a page at a time (the cursor names the last kind read). */
    async list(page: PageRequest): Promise<Page<Automation>> {
      const after = decodeCursor(page.cursor, CURSOR_PARTITION, 'PK', ['PK', 'after'])?.after
      const from = after === undefined ? 0 : AUTOMATION_KINDS.indexOf(after as AutomationKind) + 1
      if (from === 0 && after !== undefined) throw invalidCursor()
      const kinds = AUTOMATION_KINDS.slice(from, from + page.limit)
      const rules = await deps.program.getRules()
      const items = await Promise.all(
        kinds.map(async (kind) => {
          const { c, settings } = await load(kind, rules)
          return view(kind, c, settings, rules.timeZone)
        }),
      )
      const last = kinds.at(-1)
      const more = last !== undefined && from + kinds.length < AUTOMATION_KINDS.length
      return { items, nextCursor: more ? encodeCursor({ PK: CURSOR_PARTITION, after: last }) : null }
    },

    async update(actor: AuthContext, kind: AutomationKind, input: UpdateAutomationRequest, now: Date): Promise<Automation> {
      const rules = await deps.program.getRules()
      const { version, ...settings } = input
      const fields: Array<{ field: string; message: string; code: string }> = []
      if (AUTOMATIONS_WITH_DAYS.includes(kind) && settings.days === null)
        fields.push({ field: 'body.days', message: 'how many days', code: 'required' })
      for (const [i, id] of settings.offer.templateIds.entries())
        if (!(await deps.templates.getTemplate(id)))
          fields.push({ field: `body.offer.templateIds.${i}`, message: 'no such coupon template', code: 'not_found' })
      const allowed = new Set<string>(AUTOMATION_PLACEHOLDERS[kind])
      for (const part of ['title', 'body'] as const) {
        const unknown = [...settings.message[part].matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((p) => !allowed.has(p))
        if (unknown.length > 0)
          fields.push({
            field: `body.message.${part}`,
            message: `unknown placeholder {${unknown[0]}}: this automation fills in ${[...allowed].map((p) => `{${p}}`).join(' ') || 'none'}`,
            code: 'unknown_placeholder',
          })
      }
      if (fields.length > 0) throw new DomainError('VALIDATION_FAILED', 'The automation has invalid settings', { fields })
      const clean: AutomationSettings = { ...settings, days: AUTOMATIONS_WITH_DAYS.includes(kind) ? settings.days : null }
      const { c } = await load(kind, rules)
      if ((c?.version ?? 0) !== version) throw new DomainError('VERSION_CONFLICT', 'The automation was changed by someone else: reload it')
      const next = recordOf(kind, clean, now, c)
      try {
        await deps.tx
          .begin<'stale'>(now)
          .add(deps.campaigns.campaignItem(next, c?.version, { automation: clean }), {
            item: deps.audit.eventItem(
              { action: 'automation.update', actor: actorOf(actor), subject: `automation:${kind}`, details: { ...clean } },
              now,
            ),
          })
          .commit()
      } catch (e) {
        if (isCancelled(e, 'stale') || isStale(e))
          throw new DomainError('VERSION_CONFLICT', 'The automation was changed by someone else: reload it')
        throw e
      }
      return view(kind, next, clean, rules.timeZone)
    },

    /**
     * Fires the automation for a member, once per `occurrence`; `vars` fill the message's
     * placeholders. Returns what happened (`already`: fired for this occurrence before).
     */
    async fire(kind: AutomationKind, memberId: string, occurrence: string, vars: Record<string, string>, now: Date): Promise<FireOutcome> {
      return (await service.firing(kind)).fire(memberId, occurrence, vars, now)
    },

    /**
     * The automation read once, for a job firing it for many members (a page of a shard):
     * its settings, and `fire` as above without reading them again.
     */
    async firing(kind: AutomationKind) {
      const rules = await deps.program.getRules()
      const { c, settings } = await load(kind, rules)
      let stored = c !== undefined
      const fire = async (memberId: string, occurrence: string, vars: Record<string, string>, now: Date): Promise<FireOutcome> => {
        if (!settings.enabled) return 'disabled'
        const marketing = MARKETING_AUTOMATIONS.includes(kind)
        if (marketing && quietUntil(now, rules.marketing.quietHours, rules.timeZone)) return 'quiet'
        const campaignId = automationCampaignId(kind)
        if (!stored) {
          stored = true
          // The first firing stores the automation as it is (its counters need an item).
          try {
            await deps.tx
              .begin<'stale'>(now)
              // Version 0, as never saved: a marketer's form read before the first firing still saves.
              .add(
                deps.campaigns.campaignItem({ ...recordOf(kind, settings, now, undefined), version: 0 }, undefined, {
                  automation: settings,
                }),
              )
              .commit()
          } catch (e) {
            if (!isCancelled(e, 'stale') && !isStale(e)) throw e
          }
        }
        // The program-wide control group holds out of marketing only (service notices still go).
        const group = groupOf(campaignId, memberId, settings.holdoutPct, marketing ? rules.marketing.globalControlPct : 0)
        const shard = featureShardOf(memberId)
        const purpose = AUTOMATION_PURPOSES[kind]
        for (let tries = 1; ; tries++) {
          const grantKey =
            settings.message.wechat || WECHAT_ONLY_AUTOMATIONS.includes(kind)
              ? deps.messaging.grantKey(memberId, purpose, rules)
              : undefined
          const [profile, cap, recordItem, grantItem] = await deps.tx.read([
            keys.member(memberId),
            deps.campaigns.capKey(memberId),
            deps.campaigns.recordKey(memberId, campaignId),
            ...(grantKey ? [grantKey] : []),
          ])
          const before = deps.campaigns.parseRecord(recordItem)
          const recipient: RecipientRecord = {
            memberId,
            cardNo: String(profile?.cardNo ?? ''),
            group,
            outcome: 'sent',
            wechat: false,
            couponCode: null,
            at: now.toISOString(),
          }
          const uow = deps.tx.begin<'done' | 'shardEmpty' | 'limitReached'>(now)
          const counts: Partial<Record<ProgressCounter, number>> = { planned: 1, processed: 1 }
          let outcome: RecipientRecord['outcome'] = 'sent'
          let couponCode: string | null = null
          let wechat = false
          let emptyShard: { templateId: string; shard: number } | null = null
          if (!profile || profile.erasedAt) outcome = 'erased'
          else if (group === 'control') outcome = 'holdout'
          else if (marketing && profile.marketingConsent !== true) outcome = 'no_consent'
          else if (WECHAT_ONLY_AUTOMATIONS.includes(kind) && !(Number(grantItem?.held ?? 0) > 0)) outcome = 'no_grant'
          else {
            const sends = Array.isArray(cap?.sends) ? cap.sends.map(String) : []
            const allowed = marketing ? underCap(sends, now, rules.marketing.maxMessagesPer7Days) : null
            if (allowed && !allowed.ok) outcome = 'cap'
            else {
              let issued = 0
              for (const templateId of settings.offer.templateIds) {
                const granted = await deps.coupons.stageGrant(uow, templateId, memberId, COUPON_SOURCES[kind], now)
                if (!granted) continue // out of stock: the rest still goes out
                if (granted.shard !== null) emptyShard = { templateId, shard: granted.shard }
                couponCode ??= granted.coupon.code
                issued += 1
              }
              counts.couponsIssued = issued
              const filled: Record<string, string> = { ...vars, gift: issued > 0 ? AUTOMATION_GIFT_TEXT[kind] : '' }
              const title = fitThing(fill(settings.message.title, filled))
              const body = fill(settings.message.body, filled)
              // The check-in reminder is a WeChat message only: a daily notice would fill the inbox.
              if (!WECHAT_ONLY_AUTOMATIONS.includes(kind))
                uow.add(deps.inbox.noticeItem(memberId, { kind: NOTICE_KINDS[kind], title, body }, now))
              if (allowed) uow.add(deps.campaigns.capItem(memberId, allowed.next, cap ? Number(cap.version ?? 0) : undefined))
              if (settings.message.wechat || WECHAT_ONLY_AUTOMATIONS.includes(kind)) {
                const values =
                  purpose === 'couponExpiry'
                    ? { coupon: filled.coupon ?? title, expiresAt: filled.date ?? '', tip: fitThing(body) }
                    : purpose === 'checkinReminder'
                      ? { activity: title, status: '未签到', tip: body }
                      : { title, content: body, time: wechatTime(now, rules.timeZone) }
                const staged = deps.messaging.stageSend(
                  uow,
                  {
                    memberId,
                    cardNo: recipient.cardNo,
                    purpose,
                    grantItem,
                    values: values as never,
                    source: { kind: 'campaign', id: campaignId },
                  },
                  rules,
                  now,
                )
                wechat = staged.queued
                if (wechat) counts.wechat = 1
                else if (WECHAT_ONLY_AUTOMATIONS.includes(kind)) outcome = 'no_grant'
                else counts.no_grant = 1
              }
            }
          }
          counts[outcome === 'sent' ? 'sent' : outcome] = 1
          uow.add(deps.campaigns.recipientItem(campaignId, shard, { ...recipient, outcome, wechat, couponCode }, occurrence))
          if (outcome !== 'erased')
            uow.add(
              deps.campaigns.recordItem(
                {
                  campaignId,
                  memberId,
                  group,
                  from: now.toISOString(),
                  until: new Date(now.getTime() + settings.attributionDays * DAY_MS).toISOString(),
                  couponCode,
                  revenueFen: before?.revenueFen ?? 0,
                  orders: before?.orders ?? 0,
                  version: 0,
                },
                before?.version,
              ),
            )
          uow.add(deps.campaigns.addCountersItem(campaignId, counts))
          try {
            await uow.commit()
            return outcome
          } catch (e) {
            if (isCancelled(e, 'done')) return 'already'
            if (tries >= 20) throw e
            if (isCancelled(e, 'shardEmpty') && emptyShard) {
              deps.coupons.shardWasEmpty(emptyShard.templateId, emptyShard.shard)
              continue
            }
            if (isStale(e)) continue
            throw e
          }
        }
      }
      return { settings, fire }
    },
  }
  return service
}
export type AutomationsService = ReturnType<typeof automationsService>
