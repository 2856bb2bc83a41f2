/**
 * Daily points-expiry job (EventBridge schedule; `npm run job -- expire-points` locally):
 *  1. every lot whose expiresOn is before today loses its remaining points — one ledger
 *     entry per lot (`expiry:<month>`), so a re-run changes nothing;
 *  2. members with points expiring in exactly `reminderDays` get one inbox notice per lot.
 * Lots are found through GSI2 (`LOTEXP#<date>#<shard>`), never by scanning the table.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import type { Db } from '../../platform/db'
import { keys } from '../../platform/keys'
import { addDays, calendarDate } from '../../platform/clock'
import type { PointsLedger } from '../ledger'
import type { InboxRepository } from '../../inbox/repository'

export interface ExpiryDeps {
  db: Db
  ledger: PointsLedger
  inbox: InboxRepository
  rules: () => Promise<ProgramRules>
}

class NothingToExpire extends Error {}

/** How many past days a run looks back, so a missed day is caught up. */
const CATCH_UP_DAYS = 7

async function lotsExpiringOn(
  db: Db,
  date: string,
): Promise<Array<{ memberId: string; month: string; remaining: number; expiresOn: string }>> {
  const found: Array<{ memberId: string; month: string; remaining: number; expiresOn: string }> = []
  for (const pk of keys.lotExpiryShards(date)) {
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
      for (const i of out.Items ?? [])
        found.push({ memberId: String(i.memberId), month: String(i.month), remaining: Number(i.remaining), expiresOn: String(i.expiresOn) })
      ExclusiveStartKey = out.LastEvaluatedKey
    } while (ExclusiveStartKey)
  }
  return found
}

/**
 * Expires one lot: takes exactly its remainder (read fresh) in one ledger entry
 * (`expiry:<month>`). The expiring lot is the member's oldest, which FIFO spends first.
 * Returns the points expired (0 when nothing was left or it had already run).
 */
export async function expireLot(ledger: PointsLedger, memberId: string, month: string, rules: ProgramRules, now: Date): Promise<number> {
  const applied = await ledger
    .apply({
      memberId,
      type: 'expiry',
      sourceRef: `expiry:${month}`,
      description: `${month} 获得的积分已过期`,
      now,
      timeZone: rules.timeZone,
      lotValidityMonths: rules.points.validityMonths,
      prepare: async () => {
        const fresh = (await ledger.readLots(memberId)).find((l) => l.month === month)
        if (!fresh || fresh.remaining <= 0) throw new NothingToExpire()
        return { delta: -fresh.remaining }
      },
    })
    .catch((e: unknown) => {
      if (e instanceof NothingToExpire) return undefined
      throw e
    })
  return applied && !applied.replayed ? -applied.entry.delta : 0
}

export async function runPointsExpiry(
  deps: ExpiryDeps,
  now: Date,
): Promise<{ expiredLots: number; expiredPoints: number; reminders: number }> {
  const rules = await deps.rules()
  const today = calendarDate(now, rules.timeZone)
  let expiredLots = 0
  let expiredPoints = 0
  for (let back = 1; back <= CATCH_UP_DAYS; back++) {
    const date = addDays(today, -back)
    for (const lot of await lotsExpiringOn(deps.db, date)) {
      if (lot.remaining <= 0) continue
      const expired = await expireLot(deps.ledger, lot.memberId, lot.month, rules, now)
      if (expired > 0) {
        expiredLots++
        expiredPoints += expired
      }
    }
  }

  let reminders = 0
  const remindFor = addDays(today, rules.points.reminderDays)
  for (const lot of await lotsExpiringOn(deps.db, remindFor)) {
    if (lot.remaining <= 0) continue
    const sent = await deps.inbox.send(
      lot.memberId,
      'points_expiring',
      '积分即将过期',
      `您有 ${lot.remaining} 积分将于 ${lot.expiresOn} 过期，记得尽快使用哦。`,
      now,
      `points-expiring:${lot.month}`,
    )
    if (sent) reminders++
  }
  return { expiredLots, expiredPoints, reminders }
}
