import { routes } from '@huiyuan/shared/routes'
import type { AuditQuery, AuditRepository } from '../../audit/repository'
import type { CouponsService } from '../../coupons/service'
import { calendarDate } from '../../platform/clock'
import { type HandlerDeps, httpHandler, type RouteHandlers, routeGroup } from '../../platform/http/handler'
import {
  auditOf,
  core,
  couponCatalogueOf,
  couponsOf,
  directoryOf,
  httpDepsOf,
  memberActivityOf,
  pointsOf,
  programAdminOf,
  rewardCatalogueOf,
  rewardsOf,
  staffOf,
  storesOf,
  enrolmentOf,
} from '../../platform/wiring'
import { programAdminHandlers } from '../../program/http'
import { storesAdminHandlers } from '../../stores/http'
import { enrolmentAdminHandlers } from '../../enrolment/http'
import type { MemberDirectory } from '../../members/directory'
import type { PointsService } from '../../points/service'
import { rewardsAdminHandlers } from '../../rewards/http'
import { couponCatalogueHandlers } from '../../coupons/http/admin'
import { memberActivityHandlers } from '../../members/http/activity'
import type { StaffService } from '../../staff/service'

export const adminHandlers = (
  deps: { staff: StaffService; points: PointsService; coupons: CouponsService; audit: AuditRepository; directory: MemberDirectory },
  http: HandlerDeps,
): RouteHandlers => [
  [
    routes.searchMembers,
    httpHandler(routes.searchMembers, ({ auth, query, now }) => deps.directory.search(auth, query.q, query, now), http),
  ],
  [
    routes.getMemberAdmin,
    httpHandler(routes.getMemberAdmin, ({ auth, params, now }) => deps.directory.profile(auth, params.memberId, now), http),
  ],
  [
    routes.revealMemberPhone,
    httpHandler(
      routes.revealMemberPhone,
      ({ auth, params, body, now }) => deps.directory.revealPhone(auth, params.memberId, body.reason, now),
      http,
    ),
  ],
  [
    routes.changeMemberBirthday,
    httpHandler(
      routes.changeMemberBirthday,
      ({ auth, params, body, now }) => deps.directory.changeBirthday(auth, params.memberId, body, now),
      http,
    ),
  ],
  [routes.createStaff, httpHandler(routes.createStaff, ({ auth, body, now }) => deps.staff.create(body, now, auth), http)],
  [routes.listStaff, httpHandler(routes.listStaff, ({ query }) => deps.staff.list(query), http)],
  [
    routes.updateStaff,
    httpHandler(routes.updateStaff, ({ auth, params, body, now }) => deps.staff.update(auth, params.staffId, body, now), http),
  ],
  [
    routes.createPosKey,
    httpHandler(routes.createPosKey, ({ auth, params, body, now }) => deps.staff.createPosKey(auth, params.storeId, body, now), http),
  ],
  [
    routes.listPosKeys,
    httpHandler(routes.listPosKeys, ({ params, query, now }) => deps.staff.listPosKeys(params.storeId, query, now), http),
  ],
  [
    routes.revokePosKey,
    httpHandler(
      routes.revokePosKey,
      async ({ auth, params, now }) => {
        await deps.staff.revokePosKey(auth, params.storeId, params.keyId, now)
        return undefined
      },
      http,
    ),
  ],
  [
    routes.adjustPoints,
    httpHandler(routes.adjustPoints, ({ params, body, auth, now }) => deps.points.adjust(auth, params.memberId, body, now), http),
  ],
  [
    routes.createCouponTemplate,
    httpHandler(routes.createCouponTemplate, ({ auth, body, now }) => deps.coupons.createTemplate(body, now, auth), http),
  ],
  [routes.createOffer, httpHandler(routes.createOffer, ({ auth, body, now }) => deps.coupons.createOffer(body, now, auth), http)],
  [
    routes.listAudit,
    httpHandler(
      routes.listAudit,
      async ({ query, now }) => {
        const { cursor, limit, memberId, actor, action } = query
        const subject = memberId ? `member:${memberId}` : undefined
        // A member's or an actor's events span days; otherwise the day (today unless given).
        const date = query.date ?? (subject || actor ? undefined : calendarDate(now, 'Asia/Shanghai'))
        const q = { ...(date ? { date } : {}), ...(subject ? { subject } : {}), ...(actor ? { actor } : {}), ...(action ? { action } : {}) }
        return { date: date ?? null, ...(await deps.audit.list(q as AuditQuery, { cursor, limit })) }
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
    ...adminHandlers({ staff: staffOf(c), points: pointsOf(c), coupons: couponsOf(c), audit: auditOf(c), directory: directoryOf(c) }, http),
    ...rewardsAdminHandlers({ rewards: rewardsOf(c), catalogue: rewardCatalogueOf(c) }, http),
    ...couponCatalogueHandlers({ catalogue: couponCatalogueOf(c) }, http),
    ...memberActivityHandlers({ activity: memberActivityOf(c) }, http),
    ...programAdminHandlers({ program: programAdminOf(c) }, http),
    ...storesAdminHandlers({ stores: storesOf(c) }, http),
    ...enrolmentAdminHandlers({ enrolment: enrolmentOf(c) }, http),
  ]
})
