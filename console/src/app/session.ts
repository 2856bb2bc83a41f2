/**
 * The console's session: the token from the sign-in, kept in this browser's localStorage
 * until it expires or the API refuses it (then the app returns to the sign-in page).
 */
export interface StoredSession {
  token: string
  expiresAt: string
}

const KEY = 'huiyuan.console.session'
const SIGNED_OUT = 'huiyuan:signed-out'

export const session = {
  read(): StoredSession | undefined {
    try {
      const s = JSON.parse(localStorage.getItem(KEY) ?? 'null') as StoredSession | null
      if (!s || typeof s.token !== 'string' || Date.parse(s.expiresAt) <= Date.now()) return undefined
      return s
    } catch {
      return undefined
    }
  },
  save(s: StoredSession): void {
    localStorage.setItem(KEY, JSON.stringify(s))
  },
  /** Forgets the token and tells the app (the layout sends the user to the sign-in page). */
  clear(): void {
    localStorage.removeItem(KEY)
    window.dispatchEvent(new Event(SIGNED_OUT))
  },
  onSignedOut(listener: () => void): () => void {
    window.addEventListener(SIGNED_OUT, listener)
    return () => window.removeEventListener(SIGNED_OUT, listener)
  },
}
