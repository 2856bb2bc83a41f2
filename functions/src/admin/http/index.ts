import { routes } from '@huiyuan/shared/routes'
import { services } from '../../platform/container'
import { httpHandler, routeGroup } from '../../platform/http/handler'
import { calendarDate } from '../../platform/clock'

export const createStaff = httpHandler(routes.createStaff, async ({ body, now }) => services().staffService.create(body, now))

export const listStaff = httpHandler(routes.listStaff, async ({ query }) => services().staffService.list(query))

export const createPosKey = httpHandler(routes.createPosKey, async ({ params, now }) =>
  services().staffService.createPosKey(params.storeId, now),
)

export const adjustPoints = httpHandler(routes.adjustPoints, async ({ params, body, auth, now }) =>
  services().points.adjust(auth, params.memberId, body, now),
)

export const createCouponTemplate = httpHandler(routes.createCouponTemplate, async ({ body, now }) =>
  services().coupons.createTemplate(body, now),
)
export const listCouponTemplates = httpHandler(routes.listCouponTemplates, async ({ query }) => services().coupons.listTemplates(query))
export const createOffer = httpHandler(routes.createOffer, async ({ body, now }) => services().coupons.createOffer(body, now))
export const listOffersAdmin = httpHandler(routes.listOffersAdmin, async ({ query }) => services().coupons.listOffers(query))
export const createReward = httpHandler(routes.createReward, async ({ body, now }) => services().coupons.createReward(body, now))
export const listRewardsAdmin = httpHandler(routes.listRewardsAdmin, async ({ query }) => services().coupons.listRewards(query))

export const listAudit = httpHandler(routes.listAudit, async ({ query, now }) => {
  const date = query.date ?? calendarDate(now, 'Asia/Shanghai')
  return { date, ...(await services().audit.listDay(date, query)) }
})

export const handler = routeGroup([
  [routes.listAudit, listAudit],
  [routes.createCouponTemplate, createCouponTemplate],
  [routes.listCouponTemplates, listCouponTemplates],
  [routes.createOffer, createOffer],
  [routes.listOffersAdmin, listOffersAdmin],
  [routes.createReward, createReward],
  [routes.listRewardsAdmin, listRewardsAdmin],
  [routes.createStaff, createStaff],
  [routes.listStaff, listStaff],
  [routes.createPosKey, createPosKey],
  [routes.adjustPoints, adjustPoints],
])
