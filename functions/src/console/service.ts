/**
 * Console sign-in by QR: the console starts a sign-in and shows its ticket as a QR, keeping
 * the secret; a staff member scans it in the mini-program, sees which console asks and
 * approves; the console's poll, holding the secret, then collects the console token — once.
 * Whoever photographs the QR has the ticket, not the secret: they may see that a sign-in is
 * pending, never collect it.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { ConsoleMe, ConsoleSessionStatus } from '@huiyuan/shared/console/schemas'
import { DomainError } from '@huiyuan/shared/errors'
import { actorOf, type AuditRepository } from '../audit/repository'
import type { AuthContext } from '../platform/auth'
import { isoInZone } from '../platform/clock'
import type { RateLimiter } from '../platform/rateLimit'
import type { Tx } from '../platform/tx'
import { isCancelled } from '../platform/unitOfWork'
import type { ProgramRepository } from '../program/repository'
import type { StaffRepository } from '../staff/repository'
import { assertMayUseConsole, issueConsoleToken } from './access'
import type { ConsoleSessionRecord, ConsoleSessionsRepository } from './repository'

/** A ticket may be approved for 2 minutes; once approved, the console has 2 more to collect its token. */
export const TICKET_TTL_SECONDS = 120
export const COLLECT_SECONDS = 120
export const QR_PREFIX = 'huiyuan-console:'

export interface ConsoleDeps {
  sessions: ConsoleSessionsRepository
  staff: Pick<StaffRepository, 'get'>
  program: Pick<ProgramRepository, 'listStores'>
  audit: AuditRepository
  tx: Tx
  limiter: RateLimiter
  /** Sign-ins started per caller address and minute (the sign-in limit). */
  startsPerMinute: number
  tokenSecret: string
  timeZone: string
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

/** What a sign-in is now: a pending or approved ticket whose time has passed is expired. */
export const statusOf = (s: Pick<ConsoleSessionRecord, 'status' | 'expiresAt'>, now: Date): ConsoleSessionStatus['status'] =>
  s.status === 'consumed' ? 'consumed' : s.expiresAt <= now.toISOString() ? 'expired' : s.status

const unknownTicket = () => new DomainError('NOT_FOUND', 'No console sign-in with this ticket (and secret)')

export const consoleService = (deps: ConsoleDeps) => {
  const view = (s: ConsoleSessionRecord, now: Date): ConsoleSessionStatus => ({
    status: statusOf(s, now),
    client: s.client,
    createdAt: isoInZone(new Date(s.createdAt), deps.timeZone),
    expiresAt: isoInZone(new Date(s.expiresAt), deps.timeZone),
  })

  const refusal = (s: ConsoleSessionRecord | undefined, now: Date) => {
    if (!s) return unknownTicket()
    return statusOf(s, now) === 'expired'
      ? new DomainError('CONSOLE_SESSION_EXPIRED', 'This console sign-in has expired: refresh the QR on the console and scan again')
      : new DomainError('CONSOLE_SESSION_USED', 'This console sign-in was already approved: refresh the QR on the console and scan again')
  }

  return {
    async start(input: { client?: string }, now: Date, sourceIp: string) {
      await deps.limiter.hit(
        { scope: 'console-start', max: deps.startsPerMinute, windowSeconds: 60 },
        sourceIp,
        now,
        'Too many console sign-ins: try again in a minute',
      )
      const ticket = randomBytes(24).toString('base64url')
      const secret = randomBytes(32).toString('base64url')
      const expiresAt = new Date(now.getTime() + TICKET_TTL_SECONDS * 1000)
      await deps.sessions.create({
        ticket,
        secretSha256: sha256(secret),
        client: input.client?.trim() || null,
        createdAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
        status: 'pending',
      })
      return { ticket, secret, expiresAt: isoInZone(expiresAt, deps.timeZone), qrText: `${QR_PREFIX}${ticket}` }
    },

    /**
     * Status, client and times for anyone holding the ticket. With the secret, an approved
     * sign-in hands out the console token once (approved → consumed, conditionally); a wrong
     * secret is answered as an unknown ticket.
     */
    async status(ticket: string, secret: string | undefined, now: Date): Promise<ConsoleSessionStatus> {
      const s = await deps.sessions.get(ticket)
      if (!s) throw unknownTicket()
      if (secret === undefined) return view(s, now)
      const hash = sha256(secret)
      if (!sameHash(hash, s.secretSha256)) throw unknownTicket()
      if (statusOf(s, now) !== 'approved' || !s.staffId) return view(s, now)
      const account = await deps.staff.get(s.staffId, true)
      if (!account || account.disabled || !account.openid) {
        throw new DomainError('CONSOLE_NOT_ALLOWED', 'The staff account that approved this sign-in can no longer sign in')
      }
      assertMayUseConsole(account.roles)
      if (!(await deps.sessions.consume(ticket, hash, now))) {
        const again = await deps.sessions.get(ticket)
        if (!again) throw unknownTicket()
        return view(again, now)
      }
      const { token, expiresAt } = await issueConsoleToken(
        {
          staffId: account.staffId,
          openid: account.openid,
          version: account.version ?? 0,
          roles: account.roles,
          storeIds: account.storeIds,
        },
        deps.tokenSecret,
        now,
      )
      return {
        ...view(s, now),
        session: {
          token,
          expiresAt: isoInZone(expiresAt, deps.timeZone),
          staff: { staffId: account.staffId, name: account.name, roles: account.roles, storeIds: account.storeIds },
        },
      }
    },

    /**
     * The staff member who scanned the QR approves, from the mini-program: pending tickets
     * only (two approvals cannot both win), audited. A console token cannot approve another
     * console; a cashier-only account cannot approve at all.
     */
    async approve(auth: AuthContext, ticket: string, now: Date): Promise<ConsoleSessionStatus> {
      if (auth.audience === 'huiyuan-console') {
        throw new DomainError('CONSOLE_NOT_ALLOWED', 'Approve console sign-ins by scanning with the mini-program')
      }
      if (!auth.staffId) throw new DomainError('CONSOLE_NOT_ALLOWED', 'Only staff accounts may sign in to the console')
      assertMayUseConsole(auth.roles)
      const staffId = auth.staffId
      const collectBy = new Date(now.getTime() + COLLECT_SECONDS * 1000).toISOString()
      // A transaction that collides with another approval re-reads: the ticket is no longer pending then.
      return deps.tx.retrying(async () => {
        const s = await deps.sessions.get(ticket)
        if (!s || statusOf(s, now) !== 'pending') throw refusal(s, now)
        try {
          await deps.tx
            .begin<'notPending'>(now)
            .add(deps.sessions.approveItem(ticket, staffId, now, collectBy), {
              item: deps.audit.eventItem(
                {
                  action: 'console.approve',
                  actor: actorOf(auth),
                  subject: `staff:${staffId}`,
                  details: { client: s.client, ticket: `${ticket.slice(0, 6)}…` },
                },
                now,
              ),
            })
            .commit()
        } catch (e) {
          if (isCancelled(e, 'notPending')) throw refusal(await deps.sessions.get(ticket), now)
          throw e
        }
        return view({ ...s, status: 'approved', staffId, approvedAt: now.toISOString(), expiresAt: collectBy }, now)
      })
    },

    /** The signed-in staff member with the stores they act for (admins and marketers: every store). */
    async me(auth: AuthContext): Promise<ConsoleMe> {
      const account = auth.staffId ? await deps.staff.get(auth.staffId) : undefined
      if (!account) throw new DomainError('CONSOLE_NOT_ALLOWED', 'Only staff accounts may sign in to the console')
      const all = auth.roles.includes('admin') || auth.roles.includes('marketer')
      const stores = (await deps.program.listStores())
        .filter((s) => all || auth.storeIds.includes(s.storeId))
        .sort((a, b) => a.storeId.localeCompare(b.storeId))
        .map((s) => ({ storeId: s.storeId, name: s.name }))
      return { staffId: account.staffId, name: account.name, roles: auth.roles, storeIds: auth.storeIds, stores }
    },
  }
}
export type ConsoleService = ReturnType<typeof consoleService>
