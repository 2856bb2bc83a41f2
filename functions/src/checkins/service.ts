import type { CheckinCalendar, CheckinResult } from '@huiyuan/shared/checkins/schemas'
import { DomainError } from '@huiyuan/shared/errors'
import type { AccountsService } from '../accounts'
import { monthLot } from '../accounts/model'
import { addDays, calendarDate } from '../platform/clock'
import type { Tx } from '../platform/tx'
import { Cancelled } from '../platform/unitOfWork'
import type { ProgramRepository } from '../program/repository'
import type { MembersRepository } from '../members/repository'
import type { CheckinsRepository } from './repository'
import { checkinAward, currentStreak, nextBonus, type StreakState } from './rules'

export interface CheckinsDeps {
  checkins: CheckinsRepository
  accounts: AccountsService
  program: ProgramRepository
  tx: Tx
  /** The profile is read beside the check-in's own items: the event names the member's join store. */
  members?: Pick<MembersRepository, 'key'>
}

export const checkinsService = (deps: CheckinsDeps) => ({
  /**
   * Today's check-in: the day's record (one per day), the points and a `CheckedIn` event in
   * one unit of work. The streak continues from yesterday's record. A double tap — or 20
   * concurrent taps on any number of servers — awards once: the record's and the points
   * source's conditions refuse every other.
   */
  async checkIn(memberId: string, now: Date): Promise<CheckinResult> {
    const rules = await deps.program.getRules()
    const today = calendarDate(now, rules.timeZone)
    const yesterday = addDays(today, -1)
    try {
      return await deps.tx.retrying(async () => {
        const [points, before, todays, profile] = await deps.tx.read([
          deps.accounts.key(memberId, 'points'),
          deps.checkins.key(memberId, yesterday),
          deps.checkins.key(memberId, today),
          ...(deps.members ? [deps.members.key(memberId)] : []),
        ])
        if (todays) throw new DomainError('ALREADY_CHECKED_IN', 'Already checked in today')
        const last = deps.checkins.recordOf(before)
        const award = checkinAward(last ? { lastCheckinDate: last.date, checkinStreak: last.streak } : {}, today, rules.checkin)
        const total = award.basePoints + award.bonusPoints
        const uow = deps.tx.begin<'alreadyCheckedIn' | 'replay'>(now)
        const account = deps.accounts.fromItem(memberId, 'points', points)
        const month = today.slice(0, 7)
        account.credit(uow, total, {
          type: 'checkin',
          sourceRef: `checkin:${today}`,
          description: '每日签到',
          lot: monthLot(month, rules.points.validityMonths),
        })
        uow.add(deps.checkins.recordItem(memberId, { date: today, points: total, streak: award.streak }, now))
        const storeId = typeof profile?.joinStoreId === 'string' ? profile.joinStoreId : undefined
        uow.emit('CheckedIn', {
          memberId,
          date: today,
          streak: award.streak,
          points: total,
          ...(storeId ? { storeId } : {}),
          at: now.toISOString(),
        })
        await uow.commit()
        return {
          date: today,
          streak: award.streak,
          basePoints: award.basePoints,
          bonusPoints: award.bonusPoints,
          pointsAwarded: total,
          pointsBalance: account.available(today),
        }
      })
    } catch (e) {
      if (e instanceof Cancelled) throw new DomainError('ALREADY_CHECKED_IN', 'Already checked in today')
      throw e
    }
  },

  async calendar(memberId: string, now: Date, month?: string): Promise<CheckinCalendar> {
    const rules = await deps.program.getRules()
    const today = calendarDate(now, rules.timeZone)
    const m = month ?? today.slice(0, 7)
    const [days, last] = await Promise.all([deps.checkins.listMonth(memberId, m), deps.checkins.latest(memberId)])
    const state: StreakState = last ? { lastCheckinDate: last.date, checkinStreak: last.streak } : {}
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
export type CheckinsService = ReturnType<typeof checkinsService>
