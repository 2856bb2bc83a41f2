/**
 * A campaign's rules, pure: who is held out (a deterministic hash, reproducible and
 * auditable), when quiet hours end, and the frequency cap over a rolling 7 days.
 */
import { createHash } from 'node:crypto'
import type { MarketingRules } from '@huiyuan/shared/program/schemas'

/** The program's id in the holdout hash (one program per deployment). */
export const PROGRAM_ID = 'huiyuan'

/** A number in [0, 1) from (program, campaign, member): the same every time, for every process. */
export const assignmentDraw = (campaignId: string, memberId: string, programId = PROGRAM_ID): number =>
  createHash('sha256').update(`${programId}|${campaignId}|${memberId}`).digest().readUInt32BE(0) / 2 ** 32

/** In the control group: the draw falls below the holdout share. */
export const isHeldOut = (campaignId: string, memberId: string, holdoutPct: number): boolean =>
  assignmentDraw(campaignId, memberId) < holdoutPct / 100

/** In the program-wide control group: a draw of the member alone, so the same for every campaign. */
export const inGlobalControl = (memberId: string, globalControlPct: number): boolean =>
  globalControlPct > 0 && assignmentDraw('GLOBAL-CONTROL', memberId) < globalControlPct / 100

/** A campaign's group for a member: control when held out by the campaign or by the program. */
export const groupOf = (campaignId: string, memberId: string, holdoutPct: number, globalControlPct: number): 'control' | 'treatment' =>
  inGlobalControl(memberId, globalControlPct) || isHeldOut(campaignId, memberId, holdoutPct) ? 'control' : 'treatment'

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** The wall-clock time in a zone: minutes since midnight, and the zone's offset from UTC in minutes. */
const wallClock = (at: Date, timeZone: string) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00'
  const sign = offset.startsWith('-') ? -1 : 1
  return {
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    seconds: Number(parts.second),
    offsetMinutes: sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))),
  }
}

/**
 * When quiet hours end, if `at` is inside them (else null). `from` after `to` spans
 * midnight (21:00–09:00): 20:59 is not quiet, 21:00 is, 08:59 is, 09:00 is not.
 */
export const quietUntil = (at: Date, quiet: MarketingRules['quietHours'], timeZone: string): Date | null => {
  const from = minutesOf(quiet.from)
  const to = minutesOf(quiet.to)
  if (from === to) return null
  const { minutes, seconds } = wallClock(at, timeZone)
  const inside = from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to
  if (!inside) return null
  const untilMinutes = (to - minutes + 24 * 60) % (24 * 60) || 24 * 60
  return new Date(at.getTime() - seconds * 1000 - (at.getTime() % 1000) + untilMinutes * 60_000)
}

const WEEK_MS = 7 * 86_400_000

/** The sends still inside the rolling 7 days before `at`. */
export const recentSends = (sends: readonly string[], at: Date): string[] => sends.filter((s) => at.getTime() - Date.parse(s) < WEEK_MS)

/** Whether one more marketing message fits under the cap, and the sends to keep if it is sent. */
export const underCap = (sends: readonly string[], at: Date, max: number): { ok: boolean; next: string[] } => {
  const recent = recentSends(sends, at)
  return { ok: recent.length < max, next: [...recent, at.toISOString()] }
}
