import { routes } from '@huiyuan/shared/routes'
import { services } from '../../platform/container'
import { httpHandler, routeGroup } from '../../platform/http/handler'

export const join = httpHandler(routes.join, async ({ body, auth, now }) => {
  const s = services()
  const member = await s.membersService.join(auth.openid, body, now)
  const session = await s.auth.sessionFor(auth.openid, now)
  return { member, session }
})

export const getMe = httpHandler(routes.getMe, async ({ memberId, now }) => services().membersService.getCard(memberId, now))

export const updateMe = httpHandler(routes.updateMe, async ({ memberId, body, now }) =>
  services().membersService.updateProfile(memberId, body, now),
)

export const getMyCode = httpHandler(routes.getMyCode, async ({ memberId, now }) => services().membersService.currentCode(memberId, now))

export const getTiers = httpHandler(routes.getTiers, async () => {
  const rules = await services().program.getRules()
  return {
    basis: rules.tierPolicy.basis,
    windowMonths: rules.tierPolicy.windowMonths,
    tiers: [...rules.tiers].sort((a, b) => a.thresholdFen - b.thresholdFen),
  }
})

export const handler = routeGroup([
  [routes.getTiers, getTiers],
  [routes.join, join],
  [routes.getMe, getMe],
  [routes.updateMe, updateMe],
  [routes.getMyCode, getMyCode],
])
