import { routes } from '@huiyuan/shared/routes'
import { services } from '../../platform/container'
import { httpHandler, routeGroup } from '../../platform/http/handler'

const idempotencyKey = (headers: Record<string, string | undefined>) => {
  const k = headers['idempotency-key']?.trim()
  return k && k.length <= 64 ? k : undefined
}

export const listOffers = httpHandler(routes.listOffers, async ({ memberId, query, now }) =>
  services().coupons.memberOffers(memberId, now, query),
)

export const claimOffer = httpHandler(routes.claimOffer, async ({ memberId, params, headers, now }) =>
  services().coupons.claim(memberId, params.offerId, idempotencyKey(headers), now),
)

export const getMyCoupons = httpHandler(routes.getMyCoupons, async ({ memberId, query, now }) =>
  services().coupons.wallet(memberId, query.status, now, query),
)

export const getMyCoupon = httpHandler(routes.getMyCoupon, async ({ memberId, params, now }) =>
  services().coupons.myCoupon(memberId, params.code, now),
)

export const listRewards = httpHandler(routes.listRewards, async ({ query }) => services().coupons.listRewards(query))

export const redeemReward = httpHandler(
  routes.redeemReward,
  async ({ memberId, params, body, headers, now }) =>
    services().coupons.redeemReward(memberId, params.rewardId, body.idempotencyKey ?? idempotencyKey(headers), now) as never,
)

export const handler = routeGroup([
  [routes.listOffers, listOffers],
  [routes.claimOffer, claimOffer],
  [routes.getMyCoupons, getMyCoupons],
  [routes.getMyCoupon, getMyCoupon],
  [routes.listRewards, listRewards],
  [routes.redeemReward, redeemReward],
])
