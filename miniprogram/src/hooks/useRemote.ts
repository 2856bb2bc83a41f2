import { useCallback, useEffect, useRef, useState } from 'react'
import { asApiError, type ApiError } from '../services/request'
import { useLatestLoad } from './useLatestLoad'

export interface Remote<T> {
  data: T | null
  /** true until the first load settles. */
  loading: boolean
  error: ApiError | null
  reload: () => Promise<void>
  setData: (d: T | null) => void
}

/**
 * Load data from a service; loads again when `key` changes; keeps the last data while
 * reloading (no flashing).
 */
export function useRemote<T>(load: () => Promise<T>, options: { enabled?: boolean; key?: string } = {}): Remote<T> {
  const enabled = options.enabled ?? true
  const key = options.key ?? ''
  const [data, setData] = useState<T | null>(null)
  const [loading, setLoading] = useState(enabled)
  const [error, setError] = useState<ApiError | null>(null)
  const loadRef = useRef(load)
  loadRef.current = load
  const latest = useLatestLoad()

  const reload = useCallback(async () => {
    const live = latest.start()
    try {
      const d = await loadRef.current()
      if (!live()) return
      setData(d)
      setError(null)
    } catch (e) {
      if (live()) setError(asApiError(e))
    } finally {
      if (live()) setLoading(false)
    }
  }, [latest])

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is not read here; a new key is what makes the data reload
  useEffect(() => {
    if (enabled) void reload()
    else setLoading(false)
  }, [enabled, key, reload])

  return { data, loading, error, reload, setData }
}
