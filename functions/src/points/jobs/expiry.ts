/**
 * Daily points-expiry job (EventBridge schedule; `npm run job -- expire-points` locally):
 *  1. every lot past its expiry loses what is left of it — one ledger entry per lot
 *     (`expiry:<lot>`) and a `PointsExpired` event, so a re-run changes nothing;
 *  2. the points expiry automation fires for each lot expiring in exactly `reminderDays`.
 * Spending never uses a lot past its expiry whatever this job has done (accounts/model.ts):
 * the job only writes the ledger down. Lots are found through the expiry index
 * (`LOTEXP#<date>#<shard>`), never by scanning the table.
 */
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import type { AccountsService, ExpiringLot } from '../../accounts'
import type { AutomationsService } from '../../automations/service'
import { addDays, calendarDate, isoInZone } from '../../platform/clock'
import type { Tx } from '../../platform/tx'
import { isCancelled } from '../../platform/unitOfWork'

export interface ExpiryDeps {
  accounts: AccountsService
  automations: Pick<AutomationsService, 'firing'>
  tx: Tx
  rules: () => Promise<ProgramRules>
}

/** How many past days a run looks back, so missed runs are caught up. */
const CATCH_UP_DAYS = 31

/** Expires what is left of one lot. Returns the points expired (0 when nothing was left or it had already run). */
export async function expireLot(
  deps: Pick<ExpiryDeps, 'accounts' | 'tx'>,
  lot: ExpiringLot,
  rules: ProgramRules,
  now: Date,
): Promise<number> {
  try {
    return await deps.tx.retrying(async () => {
      const account = await deps.accounts.open(lot.memberId, lot.kind)
      const uow = deps.tx.begin<'replay'>(now)
      const entry = account.drainLot(uow, lot.lotId, {
        type: 'expiry',
        sourceRef: `expiry:${lot.lotId}`,
        description: `${lot.lotId} 获得的积分已过期`,
      })
      if (!entry) return 0
      uow.emit('PointsExpired', { memberId: lot.memberId, lotId: lot.lotId, points: -entry.delta, at: isoInZone(now, rules.timeZone) })
      await uow.commit()
      return -entry.delta
    })
  } catch (e) {
    if (isCancelled(e, 'replay')) return 0
    throw e
  }
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
    for (const lot of await deps.accounts.lotsExpiringOn(addDays(today, -back))) {
      if (lot.kind !== 'points') continue
      const expired = await expireLot(deps, lot, rules, now)
      if (expired > 0) {
        expiredLots++
        expiredPoints += expired
      }
    }
  }

  let reminders = 0
  const reminder = await deps.automations.firing('points_expiry')
  for (const lot of await deps.accounts.lotsExpiringOn(addDays(today, rules.points.reminderDays))) {
    if (lot.kind !== 'points') continue
    const left = (await deps.accounts.open(lot.memberId, lot.kind)).snapshot().lots[lot.lotId]?.remaining ?? 0
    if (left <= 0) continue
    const outcome = await reminder.fire(lot.memberId, lot.lotId, { points: String(left), date: lot.expiresOn }, now)
    if (outcome === 'sent') reminders++
  }
  return { expiredLots, expiredPoints, reminders }
}
