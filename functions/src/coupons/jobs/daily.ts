/**
 * Daily coupon job (EventBridge; `npm run job -- coupons-daily [--at ISO]` locally):
 *  1. issued coupons whose validity ended are marked expired (the expiry index CEXP#<date>#<shard>);
 *  2. members get one reminder for coupons expiring in 3 days;
 *  3. members whose birthday is today get the birthday pack, once per year.
 * Every step is idempotent (conditions and idempotency keys); no table scans.
 */
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import type { InboxService } from '../../inbox/service'
import { addDays, calendarDate } from '../../platform/clock'
import type { CouponsRepository } from '../repository'
import type { CouponsService } from '../service'

const REMIND_DAYS = 3
const CATCH_UP_DAYS = 7

export async function runCouponsDaily(
  deps: { couponsRepo: CouponsRepository; inbox: InboxService; coupons: CouponsService; rules: () => Promise<ProgramRules> },
  now: Date,
) {
  const rules = await deps.rules()
  const today = calendarDate(now, rules.timeZone)
  const at = now.toISOString()
  let expired = 0
  let reminders = 0
  let birthdayPacks = 0

  // validUntil dates are UTC dates (the index key); today's UTC date is covered too.
  for (let back = 0; back <= CATCH_UP_DAYS; back++) {
    for (const c of await deps.couponsRepo.issuedEndingOn(addDays(at.slice(0, 10), -back))) {
      if (c.validUntil >= at) continue
      if (await deps.couponsRepo.markExpired(c, at)) expired++
    }
  }

  for (const c of await deps.couponsRepo.issuedEndingOn(addDays(at.slice(0, 10), REMIND_DAYS))) {
    if (c.status !== 'issued') continue
    const sent = await deps.inbox.send(
      c.memberId,
      {
        kind: 'coupon_expiring',
        title: '优惠券即将过期',
        body: `您的「${c.name}」(${c.summary}) 将于 ${calendarDate(new Date(c.validUntil), rules.timeZone)} 过期，别忘了使用。`,
      },
      now,
      `coupon-expiring:${c.code}`,
    )
    if (sent) reminders++
  }

  if (rules.packs.birthdayTemplateIds.length > 0) {
    const year = today.slice(0, 4)
    for (const memberId of await deps.couponsRepo.membersBornOn(today)) {
      for (const templateId of rules.packs.birthdayTemplateIds) {
        const c = await deps.coupons.grant(memberId, templateId, 'birthday', `birthday:${year}:${templateId}`, now)
        if (c && !c.replayed) birthdayPacks++
      }
      await deps.inbox.send(
        memberId,
        { kind: 'birthday', title: '生日快乐', body: '祝您生日快乐！生日礼券已放入您的券包。' },
        now,
        `birthday:${year}`,
      )
    }
  }
  return { expired, reminders, birthdayPacks }
}
