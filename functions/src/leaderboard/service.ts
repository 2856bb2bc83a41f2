/**
 * The monthly leaderboard (排行榜, PRODUCT.md §10; README.md here). Scores are kept from events
 * for every member (consumers.ts), so a member who opts in later is ranked on what they
 * already earned this month; only members who opted in are counted, indexed and shown.
 */
import { type Leaderboard, type LeaderboardBoard, LeaderboardBoard as Boards } from '@huiyuan/shared/leaderboard/schemas'
import type { MembersRepository } from '../members/repository'
import { calendarDate } from '../platform/clock'
import type { EventsRepository } from '../platform/events/repository'
import type { Tx } from '../platform/tx'
import { isCancelled } from '../platform/unitOfWork'
import type { ProgramRepository } from '../program/repository'
import { surnameOnly } from '../referrals/service'
import type { LeaderboardRepository } from './repository'

export interface LeaderboardDeps {
  leaderboard: LeaderboardRepository
  members: Pick<MembersRepository, 'getMembers'>
  events: Pick<EventsRepository, 'doneMarkItem'>
  program: Pick<ProgramRepository, 'getRules'>
  tx: Tx
}

const BOARDS = Boards.options

/** How an event moves a member's scores: the new score from the old, per board it touches. */
export type ScoreChange = Partial<Record<LeaderboardBoard, (old: number) => number>>

export const leaderboardService = (deps: LeaderboardDeps) => {
  const monthOf = async (at: Date) => calendarDate(at, (await deps.program.getRules()).timeZone).slice(0, 7)

  /** The member's flag and scores this month, read together. */
  const read = async (memberId: string, month: string, boards: readonly LeaderboardBoard[]) => {
    const [flag, ...scores] = await deps.tx.read([
      deps.leaderboard.optInKey(memberId),
      ...boards.map((b) => deps.leaderboard.scoreKey(memberId, b, month)),
    ])
    return {
      optIn: deps.leaderboard.optInOf(flag),
      scores: boards.map((b, i) => deps.leaderboard.scoreOf(memberId, b, month, scores[i])),
    }
  }

  const board = async (memberId: string, which: LeaderboardBoard, limit: number, now: Date): Promise<Leaderboard> => {
    const month = await monthOf(now)
    const [{ optIn, scores }, [total], top] = await Promise.all([
      read(memberId, month, [which]),
      deps.tx.read([deps.leaderboard.totalKey(which, month)]),
      deps.leaderboard.top(which, month, limit),
    ])
    const mine = scores[0]!
    const ranked = optIn.optIn && mine.version > 0
    const [above, profiles] = await Promise.all([
      ranked ? deps.leaderboard.above(which, month, mine.score) : Promise.resolve(0),
      deps.members.getMembers(top.map((t) => t.memberId)),
    ])
    const names = new Map(profiles.filter((m) => !m.erasedAt).map((m) => [m.memberId, surnameOnly(m.name)]))
    const items = top
      .filter((t) => names.has(t.memberId))
      .map((t, _, all) => ({
        rank: 1 + all.filter((o) => o.score > t.score).length,
        name: names.get(t.memberId)!,
        score: t.score,
        me: t.memberId === memberId,
      }))
    return {
      board: which,
      month,
      optedIn: optIn.optIn,
      ranked: deps.leaderboard.totalOf(total),
      items,
      me: { score: mine.score, rank: ranked ? above + 1 : null },
    }
  }

  return {
    board,

    /**
     * Takes part, or stops: the flag and, for this month's boards, the member's score counted
     * and indexed (a score of 0 when they have none yet) or taken out. Returns the points board.
     */
    async setOptIn(memberId: string, optIn: boolean, now: Date): Promise<Leaderboard> {
      const month = await monthOf(now)
      await deps.tx.retrying(async () => {
        const current = await read(memberId, month, BOARDS)
        if (current.optIn.optIn === optIn) return
        const uow = deps.tx.begin<'stale'>(now).add(deps.leaderboard.optInItem(memberId, current.optIn, optIn, now.toISOString()))
        for (const s of current.scores) {
          if (!optIn && s.version === 0) continue
          uow.add(...deps.leaderboard.scoreItems(s, s.score, { ranked: optIn, wasRanked: !optIn, at: now.toISOString() }))
        }
        await uow.commit()
      })
      return board(memberId, 'points', 50, now)
    },

    /**
     * Applies an event's change to the member's scores of its month, once per (event,
     * subscriber): the scores over their versions, the counts when the member takes part, the
     * flag as read, and the done-mark, in one transaction.
     */
    async apply(memberId: string, change: ScoreChange, at: Date, done: { eventId: string; subscriber: string }) {
      const month = await monthOf(at)
      const boards = BOARDS.filter((b) => change[b])
      await deps.tx.retrying(async () => {
        const { optIn, scores } = await read(memberId, month, boards)
        const uow = deps.tx
          .begin<'stale' | 'done'>(at)
          .add(deps.events.doneMarkItem(done.eventId, done.subscriber), deps.leaderboard.optInCheck(memberId, optIn))
        for (const s of scores) {
          const score = Math.max(0, change[s.board]!(s.score))
          if (s.version > 0 && score === s.score) continue
          uow.add(
            ...deps.leaderboard.scoreItems(s, score, {
              ranked: optIn.optIn,
              wasRanked: optIn.optIn && s.version > 0,
              at: at.toISOString(),
            }),
          )
        }
        try {
          await uow.commit()
        } catch (e) {
          if (isCancelled(e, 'done')) return
          throw e
        }
      })
    },
  }
}
export type LeaderboardService = ReturnType<typeof leaderboardService>
