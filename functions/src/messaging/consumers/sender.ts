/**
 * WechatMessageQueued → the message delivered to WeChat (subscribeMessage.send), at most once.
 * WeChat takes no idempotency key, so the sender claims the message before calling
 * (`queued → sending`, conditional): a second delivery of the event finds it claimed and
 * leaves it. A claim older than a minute is a sender that stopped mid-call — whether WeChat
 * got it is unknown, and the message is marked failed rather than risk sending it twice.
 * WeChat's answer is recorded on the message with the campaign's counters in one
 * transaction; 43101 (no grant on WeChat's side) clears the member's grant of the template;
 * -1 (busy) and an unreachable WeChat release the claim and retry, up to three attempts.
 */
import { wechatFieldProblem } from '@huiyuan/shared/messaging/schemas'
import type { WechatClient } from '../../auth/wechat'
import { on } from '../../platform/events/dispatch'
import { keys } from '../../platform/keys'
import { logger } from '../../platform/logger'
import type { Tx } from '../../platform/tx'
import { type Guarded, isCancelled, isStale } from '../../platform/unitOfWork'
import type { MessageRecord, MessagingRepository } from '../repository'

export const SENDER_SUBSCRIBER = 'messaging.sender'
const MAX_ATTEMPTS = 3
const CLAIM_TIMEOUT_MS = 60_000
/** Errors that are WeChat's final answer about this message (others are retried). */
const RETRYABLE = new Set([-1, 45009])

export interface SenderDeps {
  messaging: MessagingRepository
  tx: Tx
  wechat: () => Pick<WechatClient, 'sendSubscribeMessage'>
  /** Items that count the outcome where the message came from (a campaign's counters). */
  outcomeItems?: (m: MessageRecord, outcome: 'sent' | 'failed') => Guarded<never>[]
  clock?: () => Date
}

export const wechatSender = (deps: SenderDeps) => {
  const clock = deps.clock ?? (() => new Date())

  /** The final status with what WeChat said, once (conditional on `sending`), with the outcome's counters. */
  const finish = async (m: MessageRecord, outcome: 'sent' | 'failed', fields: { errcode: number | null; error: string | null }) => {
    const now = clock()
    const uow = deps.tx.begin<'moved'>(now)
    uow.add(
      deps.messaging.finishItem(m.memberId, m.messageId, outcome, { ...fields, sentAt: outcome === 'sent' ? now.toISOString() : null }),
    )
    uow.add(...(deps.outcomeItems?.(m, outcome) ?? []))
    try {
      await uow.commit()
    } catch (e) {
      if (!isCancelled(e, 'moved')) throw e
    }
  }

  /** 43101: WeChat holds no grant of this template for the member, so neither do we. */
  const clearGrant = async (m: MessageRecord) => {
    for (let i = 0; i < 10; i++) {
      const now = clock()
      const [item] = await deps.tx.read([deps.messaging.grantKey(m.memberId, m.templateId)])
      const grant = deps.messaging.grantOf(item, m.templateId, m.purpose)
      if (grant.held === 0) return
      const uow = deps.tx.begin(now)
      uow.add(...deps.messaging.grantItems(m.memberId, grant, 0, 'cleared', now, m.messageId))
      uow.emit('SubscriptionsChanged', {
        memberId: m.memberId,
        purpose: m.purpose,
        held: 0,
        version: grant.version + 1,
        at: now.toISOString(),
      })
      try {
        await uow.commit()
        return
      } catch (e) {
        if (!isStale(e)) throw e
      }
    }
  }

  const deliver = async (memberId: string, messageId: string) => {
    const [item, profile] = await deps.tx.read([deps.messaging.messageKey(memberId, messageId), keys.member(memberId)])
    const m = deps.messaging.parseMessage(item)
    if (!m) {
      logger.warn('subscription message not found or malformed; nothing sent', { memberId, messageId })
      return
    }
    if (m.status === 'sent' || m.status === 'failed') return
    const now = clock()
    if (m.status === 'sending') {
      if (m.claimedAt && now.getTime() - Date.parse(m.claimedAt) < CLAIM_TIMEOUT_MS)
        throw new Error(`message ${messageId} is being sent by another delivery`)
      await finish(m, 'failed', { errcode: null, error: 'interrupted while sending: not sent again, WeChat may or may not have it' })
      return
    }
    const attempts = m.attempts + 1
    if (!(await deps.messaging.move(memberId, messageId, ['queued'], 'sending', { claimedAt: now.toISOString(), attempts }))) return
    const claimed = { ...m, status: 'sending' as const, attempts }
    const openid = typeof profile?.openid === 'string' ? profile.openid : ''
    if (!profile || profile.erasedAt || !openid) {
      await finish(claimed, 'failed', { errcode: null, error: 'the member has left' })
      return
    }
    const problems = Object.entries(m.data).flatMap(([k, v]) => wechatFieldProblem(k, v) ?? [])
    if (problems.length > 0) {
      await finish(claimed, 'failed', { errcode: 47003, error: problems.join('; ') })
      return
    }
    let answer: { errcode: number; errmsg: string }
    try {
      answer = await deps.wechat().sendSubscribeMessage({ touser: openid, templateId: m.templateId, page: m.page, data: m.data })
    } catch (e) {
      answer = { errcode: -1, errmsg: `WeChat unreachable: ${(e as Error).message}` }
    }
    if (answer.errcode === 0) {
      await finish(claimed, 'sent', { errcode: null, error: null })
      return
    }
    if (RETRYABLE.has(answer.errcode) && attempts < MAX_ATTEMPTS) {
      await deps.messaging.move(memberId, messageId, ['sending'], 'queued', { errcode: answer.errcode, error: answer.errmsg })
      throw new Error(`WeChat answered ${answer.errcode} (${answer.errmsg}); retried`)
    }
    if (answer.errcode === 43101) await clearGrant(m)
    await finish(claimed, 'failed', { errcode: answer.errcode, error: answer.errmsg || null })
  }

  return {
    deliver,
    subscriber: on('WechatMessageQueued', SENDER_SUBSCRIBER, (event) => deliver(event.payload.memberId, event.payload.messageId)),
  }
}
