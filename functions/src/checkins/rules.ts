/** Daily check-in rules. Pure: dates are calendar dates (YYYY-MM-DD) in the program's zone. */
import { DomainError } from '@huiyuan/shared/errors'
import type { CheckinRules } from '@huiyuan/shared/program/schemas'
import { addDays } from '../platform/clock'

export interface StreakState {
  lastCheckinDate?: string
  checkinStreak?: number
}

export interface CheckinAward {
  streak: number
  basePoints: number
  bonusPoints: number
}

const bonusFor = (streak: number, rules: CheckinRules) =>
  rules.streakBonuses.filter((b) => streak % b.day === 0).reduce((s, b) => s + b.points, 0)

/** Today's award: the streak continues from yesterday, otherwise restarts at 1. */
export function checkinAward(state: StreakState, today: string, rules: CheckinRules): CheckinAward {
  if (state.lastCheckinDate === today) throw new DomainError('ALREADY_CHECKED_IN', 'Already checked in today')
  if (state.lastCheckinDate && state.lastCheckinDate > today) throw new DomainError('ALREADY_CHECKED_IN', 'Already checked in')
  const continues = state.lastCheckinDate === addDays(today, -1)
  const streak = continues ? (state.checkinStreak ?? 0) + 1 : 1
  return { streak, basePoints: rules.basePoints, bonusPoints: bonusFor(streak, rules) }
}

/** The streak as of today: alive if the last check-in was today or yesterday. */
export const currentStreak = (state: StreakState, today: string): number =>
  state.lastCheckinDate === today || state.lastCheckinDate === addDays(today, -1) ? (state.checkinStreak ?? 0) : 0

/** The next streak bonus the member can reach by checking in every day from now on. */
export function nextBonus(state: StreakState, today: string, rules: CheckinRules): { inDays: number; points: number } | null {
  if (rules.streakBonuses.length === 0) return null
  const streak = currentStreak(state, today)
  const checkedToday = state.lastCheckinDate === today
  for (let ahead = 1; ahead <= 366; ahead++) {
    const future = streak + ahead
    const points = bonusFor(future, rules)
    if (points > 0) return { inDays: checkedToday ? ahead : ahead, points }
  }
  return null
}
