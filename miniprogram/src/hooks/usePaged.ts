import { useCallback, useEffect, useRef, useState } from 'react'
import { asApiError, type ApiError } from '../services/request'
import { useLatestLoad } from './useLatestLoad'

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface Paged<T, P extends Page<T>> {
  /** The first page as the server sent it (totals, balance…), items of all pages loaded. */
  first: P | null
  items: T[]
  /** true until the first page settles. */
  loading: boolean
  loadingMore: boolean
  hasMore: boolean
  error: ApiError | null
  /** An error while loading a further page (the loaded items stay). */
  moreError: ApiError | null
  reload: () => Promise<void>
  loadMore: () => Promise<void>
  /** Changes the loaded items in place (e.g. an offer after a claim), without reloading. */
  updateItems: (f: (items: T[]) => T[]) => void
}

/** A cursor-paginated list: first page, then "load more"; reload starts over. */
export function usePaged<T, P extends Page<T>>(
  load: (cursor?: string) => Promise<P>,
  options: { key?: string; enabled?: boolean } = {},
): Paged<T, P> {
  const enabled = options.enabled ?? true
  const [first, setFirst] = useState<P | null>(null)
  const [items, setItems] = useState<T[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(enabled)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [moreError, setMoreError] = useState<ApiError | null>(null)
  const loadRef = useRef(load)
  loadRef.current = load
  const latest = useLatestLoad()

  const reload = useCallback(async () => {
    const live = latest.start()
    try {
      const page = await loadRef.current()
      if (!live()) return
      setFirst(page)
      setItems(page.items)
      setCursor(page.nextCursor)
      setError(null)
      setMoreError(null)
    } catch (e) {
      if (live()) setError(asApiError(e))
    } finally {
      if (live()) setLoading(false)
    }
  }, [latest])

  const loadMore = useCallback(async () => {
    if (!cursor || loadingMore) return
    const live = latest.current()
    setLoadingMore(true)
    try {
      const page = await loadRef.current(cursor)
      if (!live()) return
      setItems((prev) => [...prev, ...page.items])
      setCursor(page.nextCursor)
      setMoreError(null)
    } catch (e) {
      if (live()) setMoreError(asApiError(e))
    } finally {
      // a reload started meanwhile owns the list now, but this spinner is still ours
      setLoadingMore(false)
    }
  }, [cursor, loadingMore, latest])

  const shownKey = useRef(options.key)
  useEffect(() => {
    // Another list (a new key): drop the old one at once rather than show it under the new heading.
    if (shownKey.current !== options.key) {
      shownKey.current = options.key
      setFirst(null)
      setItems([])
      setCursor(null)
      setError(null)
      setMoreError(null)
      setLoading(enabled)
    }
    if (enabled) void reload()
    else setLoading(false)
  }, [enabled, options.key, reload])

  const updateItems = useCallback((f: (items: T[]) => T[]) => setItems(f), [])

  return { first, items, loading, loadingMore, hasMore: Boolean(cursor), error, moreError, reload, loadMore, updateItems }
}
