import { useCallback, useEffect, useState } from 'react'
import {
  askToSubscribe,
  keptSubscriptions,
  loadSubscriptions,
  onSubscriptionsChange,
  type MySubscriptionsView,
} from '../services/subscriptions'
import { asApiError, type ApiError } from '../services/request'
import { useLatestLoad } from './useLatestLoad'

/**
 * The member's subscription message templates and grants, loaded when the page mounts
 * (the launch's view when still fresh; `fresh`: always from the server, for the page that
 * shows them), so a tap on the page can ask at once: `ask(purposes)` asks WeChat (a dialog
 * on H5) and resolves once the member answered, never rejecting — do the tap's own work
 * after it. Not loaded while `enabled` is false (e.g. before the visitor is a member).
 */
export function useSubscriptions(options: { enabled?: boolean; fresh?: boolean } = {}) {
  const enabled = options.enabled ?? true
  const fresh = options.fresh ?? false
  const [data, setData] = useState<MySubscriptionsView | null>(keptSubscriptions)
  const [loading, setLoading] = useState(enabled && data === null)
  const [error, setError] = useState<ApiError | null>(null)
  const latest = useLatestLoad()

  useEffect(() => onSubscriptionsChange(setData), [])

  const reload = useCallback(
    async (maxAgeMs?: number) => {
      const live = latest.start()
      try {
        const view = await loadSubscriptions(maxAgeMs)
        if (!live()) return
        setData(view)
        setError(null)
      } catch (e) {
        if (live()) setError(asApiError(e))
      } finally {
        if (live()) setLoading(false)
      }
    },
    [latest],
  )

  useEffect(() => {
    if (enabled) void reload(fresh ? 0 : undefined)
  }, [enabled, fresh, reload])

  return { data, loading, error, reload: useCallback(() => reload(0), [reload]), ask: askToSubscribe }
}
