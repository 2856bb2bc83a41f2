import { DomainError } from '@huiyuan/shared/errors'
import type { CheckinCalendar, CheckinResult } from '@huiyuan/shared/checkins/schemas'
import { calendarDate } from '../platform/clock'
import type { ProgramRepository } from '../program/repository'
import { ExtraConditionFailed, type PointsLedger } from '../points/ledger'
import type { CheckinsRepository } from './repository'
import { checkinAward, currentStreak, nextBonus, type CheckinAward, type StreakState } from './rules'

export interface CheckinsDeps {
  checkins: CheckinsRepository
  program: ProgramRepository
  ledger: PointsLedger
  lotValidityMonths?: number
}

export const checkinsService = (deps: CheckinsDeps) => ({
  /**
   * Today's check-in: the check-in record, the streak on the member and the points are
   * written in one ledger transaction; the record's attribute_not_exists guard and the
   * ledger's source guard make a double tap (or 20 concurrent taps) award once.
   */
  async checkIn(memberId: string, now: Date): Promise<CheckinResult> {
    const rules = await deps.program.getRules()
    const today = calendarDate(now, rules.timeZone)
    let award: CheckinAward | undefined
    try {
      const applied = await deps.ledger.apply({
        memberId,
        type: 'checkin',
        sourceRef: `checkin:${today}`,
        description: '每日签到',
        now,
        timeZone: rules.timeZone,
        lotValidityMonths: deps.lotValidityMonths ?? 12,
        prepare: (member) => {
          const a = checkinAward(member as StreakState, today, rules.checkin)
          award = a
          return {
            delta: a.basePoints + a.bonusPoints,
            memberSet: { lastCheckinDate: today, checkinStreak: a.streak },
            extraItems: [deps.checkins.recordItem(memberId, today, a.basePoints + a.bonusPoints, a.streak, now)],
          }
        },
      })
      if (applied.replayed || !award) throw new DomainError('ALREADY_CHECKED_IN', 'Already checked in today')
      return {
        date: today,
        streak: award.streak,
        basePoints: award.basePoints,
        bonusPoints: award.bonusPoints,
        pointsAwarded: applied.entry.delta,
        pointsBalance: applied.entry.balanceAfter,
      }
    } catch (e) {
      if (e instanceof ExtraConditionFailed) throw new DomainError('ALREADY_CHECKED_IN', 'Already checked in today')
      throw e
    }
  },

  async calendar(memberId: string, now: Date, month?: string): Promise<CheckinCalendar> {
    const rules = await deps.program.getRules()
    const today = calendarDate(now, rules.timeZone)
    const m = month ?? today.slice(0, 7)
    const [days, state] = await Promise.all([deps.checkins.listMonth(memberId, m), deps.checkins.streakState(memberId)])
    return {
      month: m,
      today,
      checkedInToday: state.lastCheckinDate === today,
      streak: currentStreak(state, today),
      days,
      basePoints: rules.checkin.basePoints,
      nextBonus: nextBonus(state, today, rules.checkin),
    }
  },
})
