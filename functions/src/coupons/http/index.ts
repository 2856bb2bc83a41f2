import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers, routeGroup } from '../../platform/http/handler'
import { core, couponsOf, httpDepsOf, rewardsOf } from '../../platform/wiring'
import { rewardsHandlers } from '../../rewards/http'
import type { CouponsService } from '../service'

/** The member's side of coupons: the offer centre, claims, the wallet. */
export const couponsHandlers = (deps: { coupons: CouponsService }, http: HandlerDeps): RouteHandlers => [
  [routes.listOffers, httpHandler(routes.listOffers, ({ memberId, query, now }) => deps.coupons.memberOffers(memberId, now, query), http)],
  [
    routes.claimOffer,
    httpHandler(
      routes.claimOffer,
      ({ memberId, params, idempotencyKey, now }) => deps.coupons.claim(memberId, params.offerId, idempotencyKey, now),
      http,
    ),
  ],
  [
    routes.getMyCoupons,
    httpHandler(routes.getMyCoupons, ({ memberId, query, now }) => deps.coupons.wallet(memberId, query.status, now, query), http),
  ],
  [
    routes.getMyCoupon,
    httpHandler(routes.getMyCoupon, ({ memberId, params, now }) => deps.coupons.myCoupon(memberId, params.code, now), http),
  ],
]

/** 核销 at the till (served by the staff function). */
export const redeemHandlers = (deps: { coupons: CouponsService }, http: HandlerDeps): RouteHandlers => [
  [routes.redeemCoupon, httpHandler(routes.redeemCoupon, ({ body, auth, now }) => deps.coupons.redeem(auth, body, now), http)],
]

/** The member's offer centre, wallet and points mall (one function). */
export const handler = routeGroup(() => {
  const c = core()
  const http = httpDepsOf(c)
  return [...couponsHandlers({ coupons: couponsOf(c) }, http), ...rewardsHandlers({ rewards: rewardsOf(c) }, http)]
})
