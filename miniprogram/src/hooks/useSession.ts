import { useCallback, useEffect, useState } from 'react'
import { ensureSession, signIn, setDevName, type StoredSession } from '../services/session'
import { errorMessage } from '../services/request'

export interface SessionState {
  session: StoredSession | null
  loading: boolean
  error: string | null
  isMember: boolean
  /** Sign in again (a fresh token, e.g. after joining elsewhere). */
  refresh: () => Promise<StoredSession | null>
  /** H5 only: switch the dev identity and sign in as it. */
  switchDevIdentity: (name: string) => Promise<StoredSession | null>
  /** Show a session the caller already stored (e.g. after binding a staff account). */
  adopt: (session: StoredSession) => void
}

export function useSession(): SessionState {
  const [session, setSession] = useState<StoredSession | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)

  const run = useCallback(async (how: () => Promise<StoredSession>) => {
    setLoading(true)
    try {
      const s = await how()
      setSession(s)
      setError(null)
      return s
    } catch (e) {
      setError(errorMessage(e))
      return null
    } finally {
      setLoading(false)
    }
  }, [])

  useEffect(() => {
    void run(ensureSession)
  }, [run])

  const refresh = useCallback(() => run(signIn), [run])
  const switchDevIdentity = useCallback(
    (name: string) => {
      setDevName(name)
      return run(signIn)
    },
    [run],
  )

  const adopt = useCallback((s: StoredSession) => {
    setSession(s)
    setError(null)
  }, [])

  return { session, loading, error, isMember: Boolean(session?.memberId), refresh, switchDevIdentity, adopt }
}
