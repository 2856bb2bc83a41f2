/**
 * WeChat subscription messages (PRODUCT.md §9): the grants a member gave by tapping 允许
 * (`record`, idempotent), what they hold (`mine`), and queuing a message inside another
 * area's unit of work (`stageSend`: the grant consumed, the message and its event in the same
 * transaction — the sender in consumers/sender.ts delivers it). Field limits are checked
 * before a grant is consumed, so a message WeChat would refuse never costs the member one.
 */
import {
  MAX_GRANTS_HELD,
  type MySubscriptions,
  PURPOSE_SLOTS,
  type SlotOf,
  SUBSCRIPTION_PURPOSE_LABELS,
  SUBSCRIPTION_PURPOSES,
  type SubscriptionPurpose,
  type SubscriptionTemplate,
  type WechatMessage,
  fitThing,
  wechatFieldProblem,
} from '@huiyuan/shared/messaging/schemas'
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import type { z } from 'zod'
import type { RecordSubscriptionsRequest } from '@huiyuan/shared/messaging/schemas'
import { ulid } from 'ulid'
import { calendarDate, isoInZone } from '../platform/clock'
import type { Page, PageRequest } from '../platform/cursor'
import type { ItemKey } from '../platform/db'
import type { Tx } from '../platform/tx'
import type { UnitOfWork } from '../platform/unitOfWork'
import type { ProgramRepository } from '../program/repository'
import type { Grant, MessageRecord, MessagingRepository } from './repository'

export interface MessagingDeps {
  messaging: MessagingRepository
  program: ProgramRepository
  tx: Tx
}

/** The mini-program page each purpose's message opens. */
export const PURPOSE_PAGES: Record<SubscriptionPurpose, string> = {
  memberActivity: 'member/pages/inbox/index',
  couponExpiry: 'coupons/pages/wallet/index',
  checkinReminder: 'pages/checkin/index',
}

/** 2026年11月26日 10:00, in the program's zone: WeChat's `time` field. */
export const wechatTime = (at: Date, timeZone: string): string => {
  const iso = isoInZone(at, timeZone)
  const [, y, mo, d, hh, mm] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso) ?? []
  return `${y}年${Number(mo)}月${Number(d)}日 ${hh}:${mm}`
}

/**
 * A message's fields as WeChat takes them: each value on the template's field for it, a
 * `thing` cut to its 20 characters; the problems WeChat would refuse it for (47003).
 */
export const dataOf = <P extends SubscriptionPurpose>(
  template: SubscriptionTemplate,
  purpose: P,
  values: Record<SlotOf<P>, string>,
): { data: Record<string, string>; problems: string[] } => {
  const data: Record<string, string> = {}
  const problems: string[] = []
  for (const slot of PURPOSE_SLOTS[purpose] as readonly SlotOf<P>[]) {
    const key = template.fields[slot]
    if (!key) {
      problems.push(`the template has no field for ${slot}`)
      continue
    }
    const raw = values[slot] ?? ''
    data[key] = key.startsWith('thing') ? fitThing(raw) : raw
  }
  for (const [key, value] of Object.entries(data)) {
    const p = wechatFieldProblem(key, value)
    if (p) problems.push(p)
  }
  return { data, problems }
}

export type StageOutcome = { queued: true; messageId: string } | { queued: false; reason: 'no_template' | 'no_grant' | 'invalid_field' }

export const messagingService = (deps: MessagingDeps) => {
  const configured = (rules: ProgramRules) => SUBSCRIPTION_PURPOSES.filter((p) => rules.messaging.templates[p].templateId !== '')

  const viewOf = (rules: ProgramRules, held: (p: SubscriptionPurpose) => number): MySubscriptions => ({
    templates: configured(rules).map((purpose) => ({
      purpose,
      title: SUBSCRIPTION_PURPOSE_LABELS[purpose],
      templateId: rules.messaging.templates[purpose].templateId,
      held: held(purpose),
    })),
  })

  const readGrants = async (memberId: string, rules: ProgramRules): Promise<Map<SubscriptionPurpose, Grant>> => {
    const purposes = configured(rules)
    const items = await deps.tx.read(purposes.map((p) => deps.messaging.grantKey(memberId, rules.messaging.templates[p].templateId)))
    return new Map(purposes.map((p, i) => [p, deps.messaging.grantOf(items[i], rules.messaging.templates[p].templateId, p)]))
  }

  const service = {
    async mine(memberId: string): Promise<MySubscriptions> {
      const rules = await deps.program.getRules()
      const grants = await readGrants(memberId, rules)
      return viewOf(rules, (p) => grants.get(p)?.held ?? 0)
    },

    /**
     * What the member answered to `requestSubscribeMessage`: each accept is one more grant
     * (up to MAX_GRANTS_HELD), a ban clears the template's grants (WeChat would refuse every
     * send), reject and filter change nothing; a template the program no longer has is passed
     * over (the answer shows the current ones). Once per idempotency key.
     */
    async record(
      memberId: string,
      body: z.output<typeof RecordSubscriptionsRequest>,
      idempotencyKey: string,
      now: Date,
    ): Promise<MySubscriptions> {
      const rules = await deps.program.getRules()
      // A template the program no longer uses (an app that loaded the list before it changed)
      // is passed over: the member's answers for the current ones still count.
      const byTemplate = new Map(configured(rules).map((p) => [rules.messaging.templates[p].templateId, p]))
      const { replayed: _replayed, ...view } = await deps.tx.idempotency.run<MySubscriptions>(
        { operation: 'subscriptions', caller: memberId, key: idempotencyKey },
        now,
        async (uow, fp) => {
          fp.request = body
          const grants = await readGrants(memberId, rules)
          const next = new Map([...grants].map(([p, g]) => [p, g.held]))
          for (const r of body.results) {
            const p = byTemplate.get(r.templateId)
            if (!p) continue
            if (r.result === 'accept') next.set(p, Math.min(MAX_GRANTS_HELD, (next.get(p) ?? 0) + 1))
            if (r.result === 'ban') next.set(p, 0)
          }
          for (const [p, held] of next) {
            const before = grants.get(p)!
            if (held === before.held) continue
            const banned = body.results.some((r) => r.result === 'ban' && byTemplate.get(r.templateId) === p)
            uow.add(...deps.messaging.grantItems(memberId, before, held, banned ? 'ban' : 'accept', now))
            uow.emit('SubscriptionsChanged', { memberId, purpose: p, held, version: before.version + 1, at: now.toISOString() })
          }
          return viewOf(rules, (p) => next.get(p) ?? 0)
        },
      )
      return view
    },

    /** The member's grants of each template the program has (a features rebuild). */
    async grantsHeld(memberId: string, rules: ProgramRules): Promise<Grant[]> {
      return [...(await readGrants(memberId, rules)).values()]
    },

    /** The key of the member's grant of the purpose's template (undefined: the program has no such template). */
    grantKey(memberId: string, purpose: SubscriptionPurpose, rules: ProgramRules): ItemKey | undefined {
      const t = rules.messaging.templates[purpose]
      return t.templateId ? deps.messaging.grantKey(memberId, t.templateId) : undefined
    },

    /**
     * Queues a message in the caller's unit of work, consuming one grant read with it (the
     * grant is written over its version: a concurrent send makes the caller's transaction
     * stale and it retries) — or says why not.
     */
    stageSend<P extends SubscriptionPurpose, R extends string>(
      uow: UnitOfWork<R>,
      m: {
        memberId: string
        cardNo: string
        purpose: P
        grantItem: Record<string, unknown> | undefined
        values: Record<SlotOf<P>, string>
        source: WechatMessage['source']
      },
      rules: ProgramRules,
      now: Date,
    ): StageOutcome {
      const template = rules.messaging.templates[m.purpose]
      if (!template.templateId) return { queued: false, reason: 'no_template' }
      const grant = deps.messaging.grantOf(m.grantItem, template.templateId, m.purpose)
      if (grant.held <= 0) return { queued: false, reason: 'no_grant' }
      const { data, problems } = dataOf(template, m.purpose, m.values)
      if (problems.length > 0) return { queued: false, reason: 'invalid_field' }
      const messageId = ulid(now.getTime())
      const record: MessageRecord = {
        messageId,
        memberId: m.memberId,
        cardNo: m.cardNo,
        purpose: m.purpose,
        templateId: template.templateId,
        data,
        page: PURPOSE_PAGES[m.purpose],
        source: m.source,
        status: 'queued',
        errcode: null,
        error: null,
        attempts: 0,
        createdAt: now.toISOString(),
        claimedAt: null,
        sentAt: null,
      }
      uow.add(...deps.messaging.grantItems(m.memberId, grant, grant.held - 1, 'send', now, messageId))
      uow.add(deps.messaging.messageItem(record, calendarDate(now, rules.timeZone)))
      uow.emit('SubscriptionsChanged', {
        memberId: m.memberId,
        purpose: m.purpose,
        held: grant.held - 1,
        version: grant.version + 1,
        at: now.toISOString(),
      })
      uow.emit('WechatMessageQueued', { memberId: m.memberId, messageId, at: now.toISOString() })
      return { queued: true, messageId }
    },

    /** The 发送记录 of a day (default today), newest first. */
    async list(query: { date?: string } & PageRequest, now: Date): Promise<Page<WechatMessage>> {
      const rules = await deps.program.getRules()
      const date = query.date ?? calendarDate(now, rules.timeZone)
      const p = await deps.messaging.listByDay(date, query)
      const at = (iso: string) => isoInZone(new Date(iso), rules.timeZone)
      return {
        items: p.items.map((m) => ({
          messageId: m.messageId,
          memberId: m.memberId,
          cardNo: m.cardNo,
          purpose: m.purpose,
          templateId: m.templateId,
          data: m.data,
          page: m.page,
          source: m.source,
          status: m.status,
          errcode: m.errcode,
          error: m.error,
          createdAt: at(m.createdAt),
          sentAt: m.sentAt ? at(m.sentAt) : null,
        })),
        nextCursor: p.nextCursor,
      }
    },
  }
  return service
}
export type MessagingService = ReturnType<typeof messagingService>
