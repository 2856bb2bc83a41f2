import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers } from '../../platform/http/handler'
import type { MemberActivity } from '../activity'

/** A member's ledger, purchases, coupons and notices for the console, each read audited (served by the admin function). */
export const memberActivityHandlers = (deps: { activity: MemberActivity }, http: HandlerDeps): RouteHandlers => [
  [
    routes.listMemberPointsAdmin,
    httpHandler(
      routes.listMemberPointsAdmin,
      ({ auth, params, query, now }) => deps.activity.points(auth, params.memberId, query, now),
      http,
    ),
  ],
  [
    routes.listMemberPurchasesAdmin,
    httpHandler(
      routes.listMemberPurchasesAdmin,
      ({ auth, params, query, now }) => deps.activity.purchases(auth, params.memberId, query, now),
      http,
    ),
  ],
  [
    routes.listMemberCouponsAdmin,
    httpHandler(
      routes.listMemberCouponsAdmin,
      ({ auth, params, query, now }) => deps.activity.coupons(auth, params.memberId, query.status, query, now),
      http,
    ),
  ],
  [
    routes.listMemberInboxAdmin,
    httpHandler(
      routes.listMemberInboxAdmin,
      ({ auth, params, query, now }) => deps.activity.inbox(auth, params.memberId, query, now),
      http,
    ),
  ],
]
