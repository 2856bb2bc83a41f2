/**
 * The member inbox. Notices are consequences: written by event consumers (welcome, tier
 * changes) and jobs (expiry and birthday reminders). A notice with a natural key (`welcome`,
 * a lot's reminder, a year's birthday) is sent once, through the one idempotency mechanism.
 */
import type { NoticeKind } from '@huiyuan/shared/points/schemas'
import { isoInZone } from '../platform/clock'
import type { Tx } from '../platform/tx'
import type { ProgramRepository } from '../program/repository'
import type { InboxRepository } from './repository'

export interface NoticeDraft {
  kind: NoticeKind
  title: string
  body: string
}

export const inboxService = (deps: { inbox: InboxRepository; program: ProgramRepository; tx: Tx }) => ({
  /** Sends a notice; with a dedupe key only the first send writes. True if this call sent it. */
  async send(memberId: string, notice: NoticeDraft, now: Date, dedupeKey?: string): Promise<boolean> {
    if (!dedupeKey) {
      await deps.tx
        .begin(now)
        .add(deps.inbox.noticeItem(memberId, notice, now))
        .commit()
      return true
    }
    try {
      const r = await deps.tx.idempotency.run({ operation: 'notice', caller: memberId, key: dedupeKey }, now, async (uow, fp) => {
        fp.request = { kind: notice.kind }
        uow.add(deps.inbox.noticeItem(memberId, notice, now))
        return { sent: true }
      })
      return !r.replayed
    } catch (e) {
      // The same key for another kind of notice: it was sent (as that); nothing more to do.
      if ((e as { code?: string }).code === 'IDEMPOTENCY_KEY_REUSED') return false
      throw e
    }
  },

  async list(memberId: string, limit: number, cursor: string | undefined) {
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
})
export type InboxService = ReturnType<typeof inboxService>
