import { routes } from '@huiyuan/shared/routes'
import { services } from '../../platform/container'
import { httpHandler, routeGroup } from '../../platform/http/handler'

export const bindStaff = httpHandler(routes.bindStaff, async ({ body, auth, now }) => {
  const s = services()
  await s.staffService.bind(body.code, auth.openid, now)
  return s.auth.sessionFor(auth.openid, now)
})

export const lookupMember = httpHandler(routes.lookupMember, async ({ body, auth, now }) =>
  services().purchases.lookup(auth, body.memberCode, body.storeId, now),
)

export const recordPurchase = httpHandler(routes.recordPurchase, async ({ body, auth, now }) =>
  services().purchases.record(auth, body, now),
)

export const listTillTransactions = httpHandler(routes.listTillTransactions, async ({ query, auth, now }) =>
  services().purchases.tillTransactions(auth, query, now),
)

export const recordRefund = httpHandler(routes.recordRefund, async ({ body, auth, now }) => services().purchases.refund(auth, body, now))

export const redeemCoupon = httpHandler(routes.redeemCoupon, async ({ body, auth, now }) => services().coupons.redeem(auth, body, now))

export const handler = routeGroup([
  [routes.redeemCoupon, redeemCoupon],
  [routes.bindStaff, bindStaff],
  [routes.lookupMember, lookupMember],
  [routes.recordPurchase, recordPurchase],
  [routes.listTillTransactions, listTillTransactions],
  [routes.recordRefund, recordRefund],
])
