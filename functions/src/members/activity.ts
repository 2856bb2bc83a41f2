/**
 * A member's activity for the console: the points ledger, purchases (with items and
 * refunds), coupons and notices — each one page of the same reads the member's own lists
 * use, and each read of them audited like the profile (PRODUCT.md §12).
 */
import type { AdminMemberPurchase } from '@huiyuan/shared/members/activity'
import { DomainError } from '@huiyuan/shared/errors'
import { actorOf, type AuditRepository } from '../audit/repository'
import type { CouponsService } from '../coupons/service'
import type { InboxService } from '../inbox/service'
import type { AuthContext } from '../platform/auth'
import { isoInZone } from '../platform/clock'
import type { PageRequest } from '../platform/cursor'
import type { PointsService } from '../points/service'
import type { PurchasesRepository } from '../purchases/repository'
import type { MembersRepository } from './repository'

const TZ = 'Asia/Shanghai'

export interface MemberActivityDeps {
  members: Pick<MembersRepository, 'getMember'>
  points: Pick<PointsService, 'history'>
  purchases: Pick<PurchasesRepository, 'pageMemberPurchases' | 'ordersOf' | 'refundsOfOrder'>
  coupons: Pick<CouponsService, 'wallet'>
  inbox: Pick<InboxService, 'list'>
  audit: AuditRepository
}

export const memberActivity = (deps: MemberActivityDeps) => {
  /** The member exists, and this read of their data is on record. */
  const audited = async (actor: AuthContext, memberId: string, what: string, now: Date) => {
    if (!(await deps.members.getMember(memberId))) throw new DomainError('NOT_FOUND', 'Member not found')
    await deps.audit.record({ action: `member.view${what}`, actor: actorOf(actor), subject: `member:${memberId}`, details: {} }, now)
  }

  return {
    async points(actor: AuthContext, memberId: string, page: PageRequest, now: Date) {
      await audited(actor, memberId, 'Points', now)
      return deps.points.history(memberId, page.limit, page.cursor, now)
    },

    async purchases(actor: AuthContext, memberId: string, page: PageRequest, now: Date) {
      await audited(actor, memberId, 'Purchases', now)
      const p = await deps.purchases.pageMemberPurchases(memberId, page)
      const orders = p.items.length ? await deps.purchases.ordersOf(p.items) : []
      const items: AdminMemberPurchase[] = await Promise.all(
        p.items.map(async (x, i) => {
          const o = orders[i]
          const refunds = o && o.refundedFen > 0 ? await deps.purchases.refundsOfOrder(x.storeId, x.orderId) : []
          return {
            storeId: x.storeId,
            orderId: x.orderId,
            at: isoInZone(new Date(x.createdAt), TZ),
            amountFen: x.amountFen,
            points: x.points,
            items: x.items,
            refundedFen: o?.refundedFen ?? 0,
            pointsReversed: o?.pointsReversed ?? 0,
            refunds: refunds.map((r) => ({ refundId: r.refundId, amountFen: r.amountFen, at: isoInZone(new Date(r.createdAt), TZ) })),
          }
        }),
      )
      return { items, nextCursor: p.nextCursor }
    },

    async coupons(actor: AuthContext, memberId: string, status: 'usable' | 'used' | 'expired', page: PageRequest, now: Date) {
      await audited(actor, memberId, 'Coupons', now)
      return deps.coupons.wallet(memberId, status, now, page)
    },

    async inbox(actor: AuthContext, memberId: string, page: PageRequest, now: Date) {
      await audited(actor, memberId, 'Inbox', now)
      return deps.inbox.list(memberId, page.limit, page.cursor)
    },
  }
}
export type MemberActivity = ReturnType<typeof memberActivity>
