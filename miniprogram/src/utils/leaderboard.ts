/**
 * 排行榜, the words without the platform: the board's title for its month, a score as
 * points or days, the member's own place for the 我的排名 bar, the medals of the top three
 * and what an empty board says. Types only from the shared contract (its values would
 * bring zod's classic API along).
 */
import type { Leaderboard, LeaderboardBoard } from '@huiyuan/shared/leaderboard/schemas'
import { thousands } from './format'

export const BOARDS: { board: LeaderboardBoard; label: string }[] = [
  { board: 'points', label: '积分榜' },
  { board: 'streak', label: '连签榜' },
]

const LABEL: Record<LeaderboardBoard, string> = { points: '积分榜', streak: '连签榜' }

/** ("points", "2026-11") → "11月积分榜" */
export function boardTitle(board: LeaderboardBoard, month: string): string {
  const m = Number(month.split('-')[1])
  return `${Number.isInteger(m) && m >= 1 && m <= 12 ? `${m}月` : '本月'}${LABEL[board] ?? '排行榜'}`
}

/** What the board ranks by. */
export const boardRule = (board: LeaderboardBoard): string => (board === 'streak' ? '按本月最长连续签到天数排名' : '按本月获得的积分排名')

/** "共 1,234 人参与" / "还没有人参与" */
export const takingPart = (ranked: number): string => (ranked > 0 ? `共 ${thousands(ranked)} 人参与` : '还没有人参与')

/** A score on its board: "1,234 积分" / "7 天". */
export const scoreText = (board: LeaderboardBoard, score: number): string =>
  board === 'streak' ? `${thousands(score)} 天` : `${thousands(score)} 积分`

/** The top three wear medals. */
export function medal(rank: number): 'gold' | 'silver' | 'bronze' | null {
  return rank === 1 ? 'gold' : rank === 2 ? 'silver' : rank === 3 ? 'bronze' : null
}

/**
 * The 我的排名 bar: the member's place ("第 12 名", or 未参与排名 / 暂未上榜) and score (or
 * 本月暂无积分 / 本月暂无签到), shown whether or not the member is in the top list.
 */
export function myPlace(board: Pick<Leaderboard, 'board' | 'optedIn' | 'me'>): { place: string; score: string } {
  const { rank, score } = board.me
  const place = !board.optedIn ? '未参与排名' : rank !== null ? `第 ${thousands(rank)} 名` : '暂未上榜'
  if (score > 0) return { place, score: scoreText(board.board, score) }
  return { place, score: board.board === 'streak' ? '本月暂无签到' : '本月暂无积分' }
}

/** What an empty board says, and how to get on it. */
export function emptyBoard(board: LeaderboardBoard): { title: string; message: string } {
  return board === 'streak'
    ? { title: '本月还没有人上榜', message: '每日签到即可上榜，连续签到越久排名越高' }
    : { title: '本月还没有人上榜', message: '签到或消费即可获得积分' }
}

/**
 * A board read before the member took part or left, as it stands until read again: the
 * flag changed and, after leaving, the member's own row and place gone.
 */
export function withOptIn(board: Leaderboard, optIn: boolean): Leaderboard {
  if (optIn) return { ...board, optedIn: true }
  return { ...board, optedIn: false, items: board.items.filter((i) => !i.me), me: { ...board.me, rank: null } }
}
