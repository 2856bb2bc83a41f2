import { useCallback, useEffect, useRef, useState } from 'react'
import { isApiError, type ApiError } from '../services/request'
import { messageFor } from '../services/messages'

export interface Remote<T> {
  data: T | null
  /** true until the first load settles. */
  loading: boolean
  error: ApiError | null
  reload: () => Promise<void>
  setData: (d: T | null) => void
}

const toApiError = (e: unknown): ApiError =>
  isApiError(e) ? e : ({ name: 'ApiError', code: 'UNKNOWN', status: 0, message: messageFor('UNKNOWN') } as ApiError)

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
  const seq = useRef(0)
  const mounted = useRef(true)
  useEffect(() => () => void (mounted.current = false), [])

  const reload = useCallback(async () => {
    const mine = ++seq.current
    try {
      const d = await loadRef.current()
      if (!mounted.current || mine !== seq.current) return
      setData(d)
      setError(null)
    } catch (e) {
      if (!mounted.current || mine !== seq.current) return
      setError(toApiError(e))
    } finally {
      if (mounted.current && mine === seq.current) setLoading(false)
    }
  }, [])

  useEffect(() => {
    if (enabled) void reload()
    else setLoading(false)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, key, reload])

  return { data, loading, error, reload, setData }
}
