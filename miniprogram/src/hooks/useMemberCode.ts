import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'
import type { MemberCodeResponse } from '@huiyuan/shared/members/schemas'
import { getMyCode } from '../services/members'
import { errorMessage } from '../services/request'

export interface MemberCodeState {
  code: MemberCodeResponse | null
  /** Seconds until the next refresh (counts down once a second). */
  secondsLeft: number
  loading: boolean
  error: string | null
  refresh: () => void
}

const RETRY_AFTER_ERROR_MS = 10_000

/**
 * The dynamic member code. Fetches a fresh one when `refreshInSeconds` elapses, pauses
 * while the page is hidden (no requests in the background) and refreshes on return.
 */
export function useMemberCode(enabled = true): MemberCodeState {
  const [code, setCode] = useState<MemberCodeResponse | null>(null)
  const [loading, setLoading] = useState(enabled)
  const [error, setError] = useState<string | null>(null)
  const [secondsLeft, setSecondsLeft] = useState(0)
  const refreshAt = useRef(0)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const ticker = useRef<ReturnType<typeof setInterval> | null>(null)
  const active = useRef(false)

  const stop = useCallback(() => {
    active.current = false
    if (timer.current) clearTimeout(timer.current)
    if (ticker.current) clearInterval(ticker.current)
    timer.current = null
    ticker.current = null
  }, [])

  const fetchCode = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current)
    setLoading(true)
    try {
      const c = await getMyCode()
      if (!active.current) return
      setCode(c)
      setError(null)
      refreshAt.current = Date.now() + c.refreshInSeconds * 1000
      setSecondsLeft(c.refreshInSeconds)
      timer.current = setTimeout(() => void fetchCode(), c.refreshInSeconds * 1000)
    } catch (e) {
      if (!active.current) return
      setError(errorMessage(e))
      timer.current = setTimeout(() => void fetchCode(), RETRY_AFTER_ERROR_MS)
    } finally {
      if (active.current) setLoading(false)
    }
  }, [])

  const start = useCallback(() => {
    if (active.current) return
    active.current = true
    if (Date.now() >= refreshAt.current) void fetchCode()
    else timer.current = setTimeout(() => void fetchCode(), refreshAt.current - Date.now())
    ticker.current = setInterval(() => {
      setSecondsLeft(Math.max(0, Math.ceil((refreshAt.current - Date.now()) / 1000)))
    }, 1000)
  }, [fetchCode])

  useEffect(() => {
    if (enabled) start()
    return stop
  }, [enabled, start, stop])

  useDidShow(() => {
    if (enabled) start()
  })
  useDidHide(stop)

  const refresh = useCallback(() => {
    if (!active.current) return
    void fetchCode()
  }, [fetchCode])

  return { code, secondsLeft, loading, error, refresh }
}
