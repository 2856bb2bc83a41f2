import { useEffect, useMemo, useRef } from 'react'

/**
 * For hooks that load data: `start()` marks a new load and returns a check that stays true
 * only while that load is the newest and the component is still mounted, so a slow answer
 * never overwrites a newer one or sets state after unmount. `current()` peeks at the
 * newest load without starting one (for "load more", which must not cancel a reload).
 */
export function useLatestLoad() {
  const seq = useRef(0)
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])
  // one stable object, so callbacks that depend on it keep their identity
  return useMemo(() => {
    const guard = (mine: number) => () => mounted.current && mine === seq.current
    return { start: () => guard(++seq.current), current: () => guard(seq.current) }
  }, [])
}
