import { useCallback, useState } from 'react'
import type { CheckinCalendar, CheckinResult } from '@huiyuan/shared/checkins/schemas'
import { checkIn as checkInService, getCheckinCalendar } from '../services/checkins'
import { isApiError, errorMessage } from '../services/request'
import { useRemote } from './useRemote'

export type CheckinOutcome = { kind: 'checked-in'; result: CheckinResult } | { kind: 'already' } | { kind: 'failed'; message: string }

/** A month's calendar (undefined → this month) and today's check-in. */
export function useCheckins() {
  const [month, setMonth] = useState<string | undefined>(undefined)
  const calendar = useRemote<CheckinCalendar>(() => getCheckinCalendar(month), { key: month ?? 'current' })
  const [submitting, setSubmitting] = useState(false)
  const [lastResult, setLastResult] = useState<CheckinResult | null>(null)
  const { reload } = calendar

  const backToCurrentMonth = useCallback(() => {
    if (month === undefined) void reload()
    else setMonth(undefined)
  }, [month, reload])

  const checkIn = useCallback(async (): Promise<CheckinOutcome> => {
    setSubmitting(true)
    try {
      const result = await checkInService()
      setLastResult(result)
      backToCurrentMonth()
      return { kind: 'checked-in', result }
    } catch (e) {
      if (isApiError(e) && e.code === 'ALREADY_CHECKED_IN') {
        backToCurrentMonth()
        return { kind: 'already' }
      }
      return { kind: 'failed', message: errorMessage(e) }
    } finally {
      setSubmitting(false)
    }
  }, [backToCurrentMonth])

  return { calendar, month, showMonth: setMonth, checkIn, submitting, lastResult }
}
