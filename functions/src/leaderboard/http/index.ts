import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers } from '../../platform/http/handler'
import type { LeaderboardService } from '../service'

/** The board and the member's opt-in (the members function). */
export const leaderboardHandlers = (deps: { leaderboard: LeaderboardService }, http: HandlerDeps): RouteHandlers => [
  [
    routes.getLeaderboard,
    httpHandler(routes.getLeaderboard, ({ memberId, query, now }) => deps.leaderboard.board(memberId, query.board, query.limit, now), http),
  ],
  [
    routes.setLeaderboardOptIn,
    httpHandler(routes.setLeaderboardOptIn, ({ memberId, body, now }) => deps.leaderboard.setOptIn(memberId, body.optIn, now), http),
  ],
]
