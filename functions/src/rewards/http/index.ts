import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers } from '../../platform/http/handler'
import type { RewardCatalogue } from '../catalogue'
import type { RewardsService } from '../service'

/** The member's points mall. */
export const rewardsHandlers = (deps: { rewards: RewardsService }, http: HandlerDeps): RouteHandlers => [
  [routes.listRewards, httpHandler(routes.listRewards, ({ query }) => deps.rewards.listRewards(query), http)],
  [
    routes.redeemReward,
    httpHandler(
      routes.redeemReward,
      ({ memberId, params, idempotencyKey, now }) => deps.rewards.exchange(memberId, params.rewardId, idempotencyKey, now),
      http,
    ),
  ],
]

/** The marketers' side of the points mall: items with their status and exchanges, and their safe edits (served by the admin function). */
export const rewardsAdminHandlers = (deps: { rewards: RewardsService; catalogue: RewardCatalogue }, http: HandlerDeps): RouteHandlers => [
  [routes.createReward, httpHandler(routes.createReward, ({ auth, body, now }) => deps.rewards.createReward(body, now, auth), http)],
  [routes.listRewardsAdmin, httpHandler(routes.listRewardsAdmin, ({ query }) => deps.catalogue.listRewards(query), http)],
  [routes.getRewardAdmin, httpHandler(routes.getRewardAdmin, ({ params }) => deps.catalogue.getReward(params.rewardId), http)],
  [
    routes.updateReward,
    httpHandler(routes.updateReward, ({ auth, params, body, now }) => deps.catalogue.updateReward(auth, params.rewardId, body, now), http),
  ],
]
