import { useMemo, useRef } from 'react'
import { newIdempotencyKey } from '../services/idempotency'
import { isApiError } from '../services/request'

/**
 * Idempotency keys for taps on items (claim an offer, exchange a reward): one key per tap,
 * kept only while that tap's answer is unknown, so a retry after a lost answer is the same
 * tap and never issues twice.
 */
export function useTapKeys() {
  const pending = useRef(new Map<string, string>())
  return useMemo(
    () => ({
      keyFor(id: string): string {
        const key = pending.current.get(id) ?? newIdempotencyKey()
        pending.current.set(id, key)
        return key
      },
      /** The tap was answered: the next tap is a new one. */
      answered(id: string) {
        pending.current.delete(id)
      },
      /** The tap failed: only a lost answer (network, status 0) keeps the key; a refusal is final. */
      failed(id: string, e: unknown) {
        if (!isApiError(e) || e.status !== 0) pending.current.delete(id)
      },
    }),
    [],
  )
}
