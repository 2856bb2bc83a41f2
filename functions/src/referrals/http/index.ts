import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers } from '../../platform/http/handler'
import type { ReferralsService } from '../service'

/** The member's invitation (the members function). */
export const myReferralHandlers = (deps: { referrals: ReferralsService }, http: HandlerDeps): RouteHandlers => [
  [routes.getMyReferral, httpHandler(routes.getMyReferral, ({ memberId, query, now }) => deps.referrals.mine(memberId, query, now), http)],
]
