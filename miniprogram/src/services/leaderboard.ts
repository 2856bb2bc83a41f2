/** The monthly leaderboard (排行榜): a board with the member's own place, and taking part or not. */
import type { LeaderboardBoard } from '@huiyuan/shared/leaderboard/schemas'
import * as z from 'zod/mini'
import { api } from './request'
import { withSession } from './session'

const LeaderboardCheck = z.object({
  board: z.string(),
  month: z.string(),
  optedIn: z.boolean(),
  ranked: z.number(),
  items: z.array(z.object({ rank: z.number(), name: z.string(), score: z.number(), me: z.boolean() })),
  me: z.object({ score: z.number(), rank: z.nullable(z.number()) }),
})

/** This month's board: the top places (the API's default, at most 50) and the member's own. */
export const getLeaderboard = (board: LeaderboardBoard) =>
  withSession(() => api('getLeaderboard', { query: { board }, check: LeaderboardCheck }))

/** Take part (the surname and this month's score shown on the boards) or stop; answers with the points board. */
export const setLeaderboardOptIn = (optIn: boolean) =>
  withSession(() => api('setLeaderboardOptIn', { body: { optIn }, check: LeaderboardCheck }))
