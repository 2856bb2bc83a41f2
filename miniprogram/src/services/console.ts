/**
 * Signing the web console in from the mini-program: the console shows a QR holding
 * `huiyuan-console:<ticket>`; a staff member scans it here, sees which console asks and
 * when, and approves. The console's own poll then receives its token.
 */
import * as z from 'zod/mini'
import { api } from './request'
import { withSession } from './session'

const ConsoleSignInCheck = z.object({
  status: z.string(),
  client: z.nullable(z.string()),
  createdAt: z.string(),
  expiresAt: z.string(),
})
export type ConsoleSignIn = z.output<typeof ConsoleSignInCheck>

const QR_PREFIX = 'huiyuan-console:'
const TICKET = /^[A-Za-z0-9_-]{32}$/

/** The ticket in a scanned or pasted console QR (its text, or the bare ticket); null if it is not one. */
export function consoleTicketOf(text: string): string | null {
  const t = text.trim()
  const ticket = t.startsWith(QR_PREFIX) ? t.slice(QR_PREFIX.length) : t
  return TICKET.test(ticket) ? ticket : null
}

/** Which console asks, and whether it still waits (public: the ticket is all it takes to look). */
export const getConsoleSignIn = (ticket: string) =>
  api('getConsoleSession', { params: { ticket }, auth: false, loading: '正在读取', check: ConsoleSignInCheck })

/** Approves the console sign-in as the signed-in staff member. */
export const approveConsoleSignIn = (ticket: string) =>
  withSession(() => api('approveConsoleSession', { params: { ticket }, loading: '正在确认', check: ConsoleSignInCheck }))
