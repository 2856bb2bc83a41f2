import { DomainError } from '@huiyuan/shared/errors'
import type { PointsHistory } from '@huiyuan/shared/points/schemas'
import type { AuthContext } from '../platform/auth'
import { addDays, calendarDate, isoInZone } from '../platform/clock'
import type { ProgramRepository } from '../program/repository'
import type { MembersRepository } from '../members/repository'
import type { InboxRepository } from '../inbox/repository'
import type { AuditRepository } from '../audit/repository'
import type { PointsLedger } from './ledger'
import { soonestExpiring } from './lots'

export interface PointsDeps {
  ledger: PointsLedger
  members: MembersRepository
  program: ProgramRepository
  inbox: InboxRepository
  audit: AuditRepository
}

export const pointsService = (deps: PointsDeps) => ({
  async history(memberId: string, limit: number, cursor: string | undefined, now: Date): Promise<PointsHistory> {
    const [rules, m, page, lots] = await Promise.all([
      deps.program.getRules(),
      deps.members.getMember(memberId),
      deps.ledger.listEntries(memberId, limit, cursor),
      deps.ledger.readLots(memberId),
    ])
    if (!m) throw new DomainError('NOT_FOUND', 'Member not found')
    const today = calendarDate(now, rules.timeZone)
    return {
      items: page.items.map((e) => ({
        entryId: e.entryId,
        type: e.type,
        delta: e.delta,
        balanceAfter: e.balanceAfter,
        sourceRef: e.sourceRef,
        description: e.description,
        createdAt: isoInZone(new Date(e.createdAt), rules.timeZone),
      })),
      nextCursor: page.nextCursor,
      balance: m.pointsBalance ?? 0,
      pointsDebt: (m as { pointsDebt?: number }).pointsDebt ?? 0,
      expiring: soonestExpiring(lots, today, addDays(today, rules.points.reminderDays)),
    }
  },

  async inbox(memberId: string, limit: number, cursor: string | undefined) {
    const rules = await deps.program.getRules()
    const page = await deps.inbox.list(memberId, limit, cursor)
    return {
      items: page.items.map((n) => ({
        noticeId: n.noticeId,
        kind: n.kind,
        title: n.title,
        body: n.body,
        createdAt: isoInZone(new Date(n.createdAt), rules.timeZone),
      })),
      nextCursor: page.nextCursor,
    }
  },

  /** A manual adjustment by an admin: one ledger entry and its audit event, atomically. */
  async adjust(actor: AuthContext, memberId: string, input: { points: number; reason: string; idempotencyKey: string }, now: Date) {
    const rules = await deps.program.getRules()
    if (!(await deps.members.getMember(memberId))) throw new DomainError('NOT_FOUND', 'Member not found')
    const applied = await deps.ledger.apply({
      memberId,
      delta: input.points,
      type: 'adjustment',
      sourceRef: `adjustment:${input.idempotencyKey}`,
      description: `人工调整：${input.reason}`,
      now,
      timeZone: rules.timeZone,
      lotValidityMonths: rules.points.validityMonths,
      prepare: () => ({
        extraItems: [
          deps.audit.eventItem(
            {
              action: 'points.adjust',
              actor: actor.openid,
              subject: `member:${memberId}`,
              details: { points: input.points, reason: input.reason },
            },
            now,
          ),
        ],
      }),
    })
    const e = applied.entry
    return {
      entry: {
        entryId: e.entryId,
        type: e.type,
        delta: e.delta,
        balanceAfter: e.balanceAfter,
        sourceRef: e.sourceRef,
        description: e.description,
        createdAt: isoInZone(new Date(e.createdAt), rules.timeZone),
      },
      replayed: applied.replayed,
    }
  },
})
export type PointsService = ReturnType<typeof pointsService>
