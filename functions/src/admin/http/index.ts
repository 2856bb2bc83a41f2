import { routes } from '@huiyuan/shared/routes'
import type { AuditRepository } from '../../audit/repository'
import type { CouponsService } from '../../coupons/service'
import { calendarDate } from '../../platform/clock'
import { type HandlerDeps, httpHandler, type RouteHandlers, routeGroup } from '../../platform/http/handler'
import { auditOf, core, couponsOf, httpDepsOf, pointsOf, rewardsOf, staffOf } from '../../platform/wiring'
import type { PointsService } from '../../points/service'
import { rewardsAdminHandlers } from '../../rewards/http'
import type { StaffService } from '../../staff/service'

export const adminHandlers = (
  deps: { staff: StaffService; points: PointsService; coupons: CouponsService; audit: AuditRepository },
  http: HandlerDeps,
): RouteHandlers => [
  [routes.createStaff, httpHandler(routes.createStaff, ({ body, now }) => deps.staff.create(body, now), http)],
  [routes.listStaff, httpHandler(routes.listStaff, ({ query }) => deps.staff.list(query), http)],
  [routes.createPosKey, httpHandler(routes.createPosKey, ({ params, now }) => deps.staff.createPosKey(params.storeId, now), http)],
  [
    routes.adjustPoints,
    httpHandler(routes.adjustPoints, ({ params, body, auth, now }) => deps.points.adjust(auth, params.memberId, body, now), http),
  ],
  [routes.createCouponTemplate, httpHandler(routes.createCouponTemplate, ({ body, now }) => deps.coupons.createTemplate(body, now), http)],
  [routes.listCouponTemplates, httpHandler(routes.listCouponTemplates, ({ query }) => deps.coupons.listTemplates(query), http)],
  [routes.createOffer, httpHandler(routes.createOffer, ({ body, now }) => deps.coupons.createOffer(body, now), http)],
  [routes.listOffersAdmin, httpHandler(routes.listOffersAdmin, ({ query }) => deps.coupons.listOffers(query), http)],
  [
    routes.listAudit,
    httpHandler(
      routes.listAudit,
      async ({ query, now }) => {
        const date = query.date ?? calendarDate(now, 'Asia/Shanghai')
        return { date, ...(await deps.audit.listDay(date, query)) }
      },
      http,
    ),
  ],
]

/** Program administration: staff, store API keys, adjustments, the coupon and points-mall catalogue, the audit log. */
export const handler = routeGroup(() => {
  const c = core()
  const http = httpDepsOf(c)
  return [
    ...adminHandlers({ staff: staffOf(c), points: pointsOf(c), coupons: couponsOf(c), audit: auditOf(c) }, http),
    ...rewardsAdminHandlers({ rewards: rewardsOf(c) }, http),
  ]
})
