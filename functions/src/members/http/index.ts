import { routes } from '@huiyuan/shared/routes'
import type { AuthService } from '../../auth/service'
import { type HandlerDeps, httpHandler, type RouteHandlers, routeGroup } from '../../platform/http/handler'
import { leaderboardHandlers } from '../../leaderboard/http'
import { authOf, core, httpDepsOf, leaderboardOf, membersOf, privacyOf, programOf, referralsOf } from '../../platform/wiring'
import { myReferralHandlers } from '../../referrals/http'
import type { ProgramRepository } from '../../program/repository'
import type { MembersService } from '../service'
import { privacyPolicy } from '../../privacy/policy'
import type { PrivacyService } from '../../privacy/service'

export const membersHandlers = (
  deps: { members: MembersService; auth: Pick<AuthService, 'sessionFor'>; program: ProgramRepository; privacy: PrivacyService },
  http: HandlerDeps,
): RouteHandlers => [
  [
    routes.getPrivacyPolicy,
    httpHandler(routes.getPrivacyPolicy, async () => privacyPolicy((await deps.program.getRules()).privacyPolicyVersion), http),
  ],
  [
    routes.recordConsent,
    httpHandler(
      routes.recordConsent,
      ({ memberId, body, now }) =>
        deps.members.updateProfile(
          memberId,
          body.kind === 'marketing' ? { marketingConsent: body.granted } : { privacyConsentVersion: body.version },
          now,
        ),
      http,
    ),
  ],
  [routes.exportMe, httpHandler(routes.exportMe, ({ memberId, now }) => deps.privacy.exportMine(memberId, now), http)],
  [routes.eraseMe, httpHandler(routes.eraseMe, ({ memberId, now }) => deps.privacy.erase(memberId, now), http)],
  [
    routes.getTiers,
    httpHandler(
      routes.getTiers,
      async () => {
        const rules = await deps.program.getRules()
        return {
          basis: rules.tierPolicy.basis,
          windowMonths: rules.tierPolicy.windowMonths,
          tiers: [...rules.tiers].sort((a, b) => a.thresholdFen - b.thresholdFen),
        }
      },
      http,
    ),
  ],
  [
    routes.join,
    httpHandler(
      routes.join,
      async ({ body, auth, now }) => {
        const member = await deps.members.join(auth.openid, body, now)
        return { member, session: await deps.auth.sessionFor(auth.openid, now) }
      },
      http,
    ),
  ],
  [routes.getMe, httpHandler(routes.getMe, ({ memberId, now }) => deps.members.getCard(memberId, now), http)],
  [routes.updateMe, httpHandler(routes.updateMe, ({ memberId, body, now }) => deps.members.updateProfile(memberId, body, now), http)],
  [routes.getMyCode, httpHandler(routes.getMyCode, ({ memberId, now }) => deps.members.currentCode(memberId, now), http)],
]

export const handler = routeGroup(() => {
  const c = core()
  const http = httpDepsOf(c)
  return [
    ...membersHandlers({ members: membersOf(c), auth: authOf(c), program: programOf(c), privacy: privacyOf(c) }, http),
    ...myReferralHandlers({ referrals: referralsOf(c) }, http),
    ...leaderboardHandlers({ leaderboard: leaderboardOf(c) }, http),
  ]
})
