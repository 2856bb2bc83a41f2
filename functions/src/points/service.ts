import { DomainError } from '@huiyuan/shared/errors'
import type { AdjustmentResult, PointsHistory } from '@huiyuan/shared/points/schemas'
import type { AccountEntry, AccountsService } from '../accounts'
import { monthLot, soonestExpiring } from '../accounts/model'
import { actorOf, type AuditRepository } from '../audit/repository'
import type { MembersRepository } from '../members/repository'
import type { AuthContext } from '../platform/auth'
import { addDays, calendarDate, isoInZone } from '../platform/clock'
import type { Tx } from '../platform/tx'
import type { ProgramRepository } from '../program/repository'

export interface PointsDeps {
  accounts: AccountsService
  members: MembersRepository
  program: ProgramRepository
  audit: AuditRepository
  tx: Tx
}

export const entryView = (e: AccountEntry, timeZone: string) => ({
  entryId: e.entryId,
  type: e.type as PointsHistory['items'][number]['type'],
  delta: e.delta,
  balanceAfter: e.balanceAfter,
  sourceRef: e.sourceRef,
  description: e.description,
  createdAt: isoInZone(new Date(e.createdAt), timeZone),
})

export const pointsService = (deps: PointsDeps) => ({
  /** The member's points ledger, newest first, with what can be spent today and what expires soon. */
  async history(memberId: string, limit: number, cursor: string | undefined, now: Date): Promise<PointsHistory> {
    const [rules, page, account] = await Promise.all([
      deps.program.getRules(),
      deps.accounts.listEntries(memberId, 'points', limit, cursor),
      deps.accounts.open(memberId, 'points'),
    ])
    const today = calendarDate(now, rules.timeZone)
    return {
      items: page.items.map((e) => entryView(e, rules.timeZone)),
      nextCursor: page.nextCursor,
      balance: account.available(today),
      pointsDebt: account.debt,
      expiring: soonestExpiring(account.snapshot(), today, addDays(today, rules.points.reminderDays)),
    }
  },

  /** A manual adjustment by an admin: one ledger entry, its audit event and a `PointsAdjusted` event, in one unit of work; idempotent on the key. */
  async adjust(
    actor: AuthContext,
    memberId: string,
    input: { points: number; reason: string; idempotencyKey: string },
    now: Date,
  ): Promise<AdjustmentResult> {
    const rules = await deps.program.getRules()
    if (!(await deps.members.getMember(memberId))) throw new DomainError('NOT_FOUND', 'Member not found')
    const today = calendarDate(now, rules.timeZone)
    const month = today.slice(0, 7)
    return deps.tx.idempotency.run({ operation: 'adjust', caller: actor.openid, key: input.idempotencyKey }, now, async (uow, fp) => {
      fp.request = { memberId, points: input.points, reason: input.reason }
      const account = await deps.accounts.open(memberId, 'points')
      const movement = {
        type: 'adjustment' as const,
        sourceRef: `adjustment:${input.idempotencyKey}`,
        description: `人工调整：${input.reason}`,
      }
      const entry =
        input.points > 0
          ? account.credit(uow, input.points, {
              ...movement,
              lot: monthLot(month, rules.points.validityMonths),
            })
          : account.debit(uow, -input.points, { ...movement, today })
      uow.add({
        item: deps.audit.eventItem(
          {
            action: 'points.adjust',
            actor: actorOf(actor),
            subject: `member:${memberId}`,
            details: { points: input.points, reason: input.reason },
          },
          now,
        ),
      })
      uow.emit('PointsAdjusted', { memberId, points: input.points, reason: input.reason, at: isoInZone(now, rules.timeZone) })
      return { entry: entryView(entry!, rules.timeZone) }
    })
  },
})
export type PointsService = ReturnType<typeof pointsService>
