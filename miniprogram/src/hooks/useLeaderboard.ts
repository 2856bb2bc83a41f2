import { useCallback, useEffect, useRef, useState } from 'react'
import type { Leaderboard, LeaderboardBoard } from '@huiyuan/shared/leaderboard/schemas'
import { getLeaderboard, setLeaderboardOptIn } from '../services/leaderboard'
import { asApiError, errorMessage, type ApiError } from '../services/request'
import { withOptIn } from '../utils/leaderboard'
import { useLatestLoad } from './useLatestLoad'
import { useReloadOnReturn } from './useReloadOnReturn'
import type { Outcome } from './usePrivacyCentre'

type PerBoard<T> = Partial<Record<LeaderboardBoard, T>>

/**
 * This month's board on the tab shown (积分榜 or 连签榜), loaded when the tab is first shown
 * and again on returning to the page; a tab seen before shows what it last read while it
 * reloads. Taking part or leaving (`setOptIn`) answers with the points board; the other
 * board is read again.
 */
export function useLeaderboard(board: LeaderboardBoard) {
  const [boards, setBoards] = useState<PerBoard<Leaderboard>>({})
  const [errors, setErrors] = useState<PerBoard<ApiError>>({})
  const [saving, setSaving] = useState(false)
  const latest = useLatestLoad()
  const shown = useRef(board)
  shown.current = board

  const reload = useCallback(async () => {
    const b = shown.current
    const live = latest.start()
    try {
      const read = await getLeaderboard(b)
      if (!live()) return
      setBoards((all) => ({ ...all, [b]: read }))
      setErrors((all) => ({ ...all, [b]: undefined }))
    } catch (e) {
      if (live()) setErrors((all) => ({ ...all, [b]: asApiError(e) }))
    }
  }, [latest])

  // biome-ignore lint/correctness/useExhaustiveDependencies: `board` is read through `shown`; a new tab is what makes it load
  useEffect(() => {
    void reload()
  }, [board, reload])
  useReloadOnReturn(reload)

  const setOptIn = useCallback(
    async (optIn: boolean): Promise<Outcome<Leaderboard>> => {
      setSaving(true)
      try {
        const points = await setLeaderboardOptIn(optIn)
        // A read still on its way began before the change: its answer must not overwrite this one.
        latest.start()
        // The streak board keeps its rows until it is read again (now if shown, else when its tab is).
        setBoards((all) => ({ points, ...(all.streak ? { streak: withOptIn(all.streak, points.optedIn) } : {}) }))
        setErrors({})
        if (shown.current !== 'points') void reload()
        return { ok: true, value: points }
      } catch (e) {
        return { ok: false, message: errorMessage(e) }
      } finally {
        setSaving(false)
      }
    },
    [latest, reload],
  )

  const data = boards[board] ?? null
  const error = errors[board] ?? null
  return { data, error, loading: !data && !error, reload, saving, setOptIn }
}
