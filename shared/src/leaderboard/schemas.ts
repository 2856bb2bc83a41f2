/**
 * The monthly leaderboard (排行榜, PRODUCT.md §10): members who opted in, ranked by the points
 * they earned this month or by their best check-in streak this month, names masked.
 */
import { z } from '../common'

export const LeaderboardBoard = z.enum(['points', 'streak'])
export type LeaderboardBoard = z.infer<typeof LeaderboardBoard>

/** The most places a board shows. */
export const LEADERBOARD_TOP = 50

export const LeaderboardQuery = z.object({
  board: LeaderboardBoard.default('points'),
  /** How many places to show, from the top (at most 50). */
  limit: z.coerce.number().int().min(1).max(LEADERBOARD_TOP).default(LEADERBOARD_TOP),
})

export const LeaderboardEntry = z
  .object({
    /** 1 + the members above; equal scores share a place. */
    rank: z.number().int().min(1),
    /** Family name only: 李*. */
    name: z.string(),
    score: z.number().int().min(0),
    /** This is the member asking. */
    me: z.boolean(),
  })
  .meta({ id: 'LeaderboardEntry' })
export type LeaderboardEntry = z.infer<typeof LeaderboardEntry>

export const Leaderboard = z
  .object({
    board: LeaderboardBoard,
    /** The calendar month ranked (YYYY-MM, the program's time zone). */
    month: z.string(),
    /** Whether the member takes part: only members who opted in are ranked and shown. */
    optedIn: z.boolean(),
    /** How many members are ranked on this board this month. */
    ranked: z.number().int().min(0),
    items: z.array(LeaderboardEntry),
    /** The member's own score this month, and their place when they take part (even outside the top). */
    me: z.object({ score: z.number().int().min(0), rank: z.number().int().min(1).nullable() }),
  })
  .meta({ id: 'Leaderboard' })
export type Leaderboard = z.infer<typeof Leaderboard>

export const LeaderboardOptIn = z.object({ optIn: z.boolean() }).meta({ id: 'LeaderboardOptIn' })
export type LeaderboardOptIn = z.infer<typeof LeaderboardOptIn>
