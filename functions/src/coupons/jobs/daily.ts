/**
 * Daily coupon job (EventBridge; `npm run job -- coupons-daily [--at ISO]` locally):
 *  1. issued coupons whose validity ended are marked expired (the expiry index CEXP#<date>#<shard>);
 *  2. the coupon expiry automation fires for coupons ending in its N days (3 unless changed);
 *  3. the birthday automation fires for members whose birthday is today, once per year.
 * Every step is idempotent (conditions, and an automation fires once per occurrence); no table scans.
 */
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import type { AutomationsService } from '../../automations/service'
import { addDays, calendarDate } from '../../platform/clock'
import type { CouponsRepository } from '../repository'

const CATCH_UP_DAYS = 7

export async function runCouponsDaily(
  deps: { couponsRepo: CouponsRepository; automations: Pick<AutomationsService, 'firing'>; rules: () => Promise<ProgramRules> },
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

  const expiry = await deps.automations.firing('coupon_expiry')
  const remindDays = expiry.settings.enabled ? expiry.settings.days : null
  if (remindDays !== null) {
    for (const c of await deps.couponsRepo.issuedEndingOn(addDays(at.slice(0, 10), remindDays))) {
      if (c.status !== 'issued') continue
      const vars = { coupon: c.name, summary: c.summary, date: calendarDate(new Date(c.validUntil), rules.timeZone) }
      if ((await expiry.fire(c.memberId, c.code, vars, now)) === 'sent') reminders++
    }
  }

  const year = today.slice(0, 4)
  const birthday = await deps.automations.firing('birthday')
  for (const memberId of await deps.couponsRepo.membersBornOn(today)) {
    if ((await birthday.fire(memberId, year, {}, now)) === 'sent') birthdayPacks++
  }
  return { expired, reminders, birthdayPacks }
}
