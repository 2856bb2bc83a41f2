/**
 * The leaderboard's scores from events, on the analytics' reader of the stream (off the path
 * members wait for), each event applied exactly once (the done-mark in the same transaction):
 * points earned by purchases and check-ins, taken back by refunds; the best check-in streak of
 * the month; an erased member leaves the boards.
 */
import { on } from '../platform/events/dispatch'
import type { LeaderboardService } from './service'

const SUBSCRIBER = 'leaderboard.scores'

export const leaderboardScores = (deps: { leaderboard: Pick<LeaderboardService, 'apply' | 'setOptIn'> }) => [
  on(
    'PurchaseRecorded',
    SUBSCRIBER,
    async (e) => {
      if (e.payload.pointsEarned <= 0) return
      const earned = e.payload.pointsEarned
      await deps.leaderboard.apply(e.payload.memberId, { points: (s) => s + earned }, new Date(e.payload.at), {
        eventId: e.eventId,
        subscriber: SUBSCRIBER,
      })
    },
    { marksItselfDone: true },
  ),
  on(
    'PurchaseRefunded',
    SUBSCRIBER,
    async (e) => {
      if (e.payload.pointsReversed <= 0) return
      const reversed = e.payload.pointsReversed
      await deps.leaderboard.apply(e.payload.memberId, { points: (s) => s - reversed }, new Date(e.payload.at), {
        eventId: e.eventId,
        subscriber: SUBSCRIBER,
      })
    },
    { marksItselfDone: true },
  ),
  on(
    'CheckedIn',
    SUBSCRIBER,
    async (e) => {
      const { points, streak } = e.payload
      await deps.leaderboard.apply(
        e.payload.memberId,
        { points: (s) => s + points, streak: (s) => Math.max(s, streak) },
        new Date(e.payload.at),
        { eventId: e.eventId, subscriber: SUBSCRIBER },
      )
    },
    { marksItselfDone: true },
  ),
  on('MemberErased', 'leaderboard.leave', async (e) => {
    await deps.leaderboard.setOptIn(e.payload.memberId, false, new Date(e.occurredAt))
  }),
]
