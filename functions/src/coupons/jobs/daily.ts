/**
 * Daily coupon job (EventBridge; `npm run job -- coupons-daily [--at ISO]` locally):
 *  1. issued coupons whose validity ended are marked expired (found by GSI2 CEXP#<date>#<shard>);
 *  2. members get one reminder for coupons expiring in 3 days;
 *  3. members whose birthday is today get the birthday pack, once per year.
 * Every step is idempotent (conditions and dedupe keys); no table scans.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import type { Db } from '../../platform/db'
import { falseIfConditionFailed } from '../../platform/db'
import { couponKeys } from '../../platform/keys'
import { addDays, calendarDate } from '../../platform/clock'
import type { InboxRepository } from '../../inbox/repository'
import type { CouponsService } from '../service'

const REMIND_DAYS = 3
const CATCH_UP_DAYS = 7

async function queryIndex(db: Db, pk: string) {
  const items: Record<string, unknown>[] = []
  let ExclusiveStartKey: Record<string, unknown> | undefined
  do {
    const out = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ExclusiveStartKey,
      }),
    )
    items.push(...(out.Items ?? []))
    ExclusiveStartKey = out.LastEvaluatedKey
  } while (ExclusiveStartKey)
  return items
}

export async function runCouponsDaily(
  deps: { db: Db; inbox: InboxRepository; coupons: CouponsService; rules: () => Promise<ProgramRules> },
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
    const date = addDays(at.slice(0, 10), -back)
    for (const pk of couponKeys.couponExpiryShards(date)) {
      for (const c of await queryIndex(deps.db, pk)) {
        if (String(c.validUntil) >= at) continue
        const done = await deps.db.client
          .send(
            new UpdateCommand({
              TableName: deps.db.tableName,
              Key: couponKeys.coupon(String(c.code)),
              UpdateExpression: 'SET #status = :expired, GSI1SK = :sk REMOVE GSI2PK, GSI2SK',
              ConditionExpression: '#status = :issued AND validUntil < :now',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':expired': 'expired',
                ':issued': 'issued',
                ':now': at,
                ':sk': couponKeys.walletIndex(String(c.memberId), 'expired', String(c.validUntil), String(c.code)).GSI1SK,
              },
            }),
          )
          .then(() => true, falseIfConditionFailed)
        if (done) expired++
      }
    }
  }

  const soon = addDays(at.slice(0, 10), REMIND_DAYS)
  for (const pk of couponKeys.couponExpiryShards(soon)) {
    for (const c of await queryIndex(deps.db, pk)) {
      if (c.status !== 'issued') continue
      const sent = await deps.inbox.send(
        String(c.memberId),
        'coupon_expiring',
        '优惠券即将过期',
        `您的「${String(c.name)}」(${String(c.summary)}) 将于 ${calendarDate(new Date(String(c.validUntil)), rules.timeZone)} 过期，别忘了使用。`,
        now,
        `coupon-expiring:${String(c.code)}`,
      )
      if (sent) reminders++
    }
  }

  if (rules.packs.birthdayTemplateIds.length > 0) {
    const year = today.slice(0, 4)
    for (const m of await queryIndex(deps.db, couponKeys.birthdayIndex(today, '').GSI2PK)) {
      const memberId = String(m.memberId)
      for (const templateId of rules.packs.birthdayTemplateIds) {
        const c = await deps.coupons.grant(memberId, templateId, 'birthday', `birthday:${year}:${templateId}`, now)
        if (c && !c.replayed) birthdayPacks++
      }
      await deps.inbox.send(memberId, 'birthday', '生日快乐', '祝您生日快乐！生日礼券已放入您的券包。', now, `birthday:${year}`)
    }
  }
  return { expired, reminders, birthdayPacks }
}
