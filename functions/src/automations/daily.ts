/**
 * The daily automations over every member, found without a Scan — one work-queue message
 * per features shard, each paging its shard (10:00 Shanghai):
 *  - the win-back: members whose last purchase was N days ago (the automation's days). A
 *    member is fired once per last purchase (the occurrence), so a missed day is caught up
 *    (members N to N+7 days asleep are looked at) without firing twice. It is marketing: in
 *    quiet hours the shard waits on the queue until they end;
 *  - the check-in reminder: members holding a grant of 签到提醒 who have not checked in
 *    today, once a day.
 */
import { z } from 'zod'
import { addDays, calendarDate } from '../platform/clock'
import { FEATURE_SHARDS } from '../platform/keys'
import { work, type WorkHandler, type WorkQueue } from '../platform/queue/work'
import type { ProgramRepository } from '../program/repository'
import type { SegmentsRepository } from '../segments/repository'
import type { AutomationsService } from './service'

export const DAILY_WORK = 'automations.daily'
/** Days of missed win-back runs caught up. */
const CATCH_UP_DAYS = 7
const DAY_MS = 86_400_000

const DailyMessage = z.object({
  shard: z.number().int().min(0),
  today: z.string(),
  cursor: z.record(z.string(), z.unknown()).optional(),
})

export interface DailyDeps {
  automations: Pick<AutomationsService, 'firing'>
  segments: Pick<SegmentsRepository, 'featuresPage'>
  program: ProgramRepository
  queue: () => WorkQueue
  clock?: () => Date
  /** How long a message pages its shard before handing the rest on (default 20 s). */
  budgetMs?: number
}

export const dailyAutomations = (deps: DailyDeps) => {
  const clock = deps.clock ?? (() => new Date())
  const budgetMs = deps.budgetMs ?? 20_000

  const runShard = async (m: z.output<typeof DailyMessage>) => {
    // Each automation read once for this message's pages (a change applies from the next).
    const [winBack, reminder] = await Promise.all([deps.automations.firing('win_back'), deps.automations.firing('checkin_reminder')])
    const days = winBack.settings.enabled ? winBack.settings.days : null
    const reminders = reminder.settings.enabled
    if (days === null && !reminders) return
    const rules = await deps.program.getRules()
    const latest = days === null ? '' : addDays(m.today, -days)
    const earliest = days === null ? '' : addDays(latest, -CATCH_UP_DAYS)
    let winBackQuiet = false
    const until = Date.now() + budgetMs
    let cursor = m.cursor
    do {
      const page = await deps.segments.featuresPage(m.shard, cursor)
      for (const f of page.items) {
        const last = f.lastPurchaseDate
        if (days !== null && !winBackQuiet && last && last <= latest && last >= earliest) {
          const asleep = Math.round((Date.parse(m.today) - Date.parse(last)) / DAY_MS)
          if ((await winBack.fire(f.memberId, last, { days: String(asleep) }, clock())) === 'quiet') {
            // Quiet hours: the win-back of this shard again from this page in 15 minutes.
            winBackQuiet = true
            await deps.queue().send([{ kind: DAILY_WORK, ...m, ...(cursor ? { cursor } : {}) }], { delaySeconds: 900 })
          }
        }
        if (reminders && (f.wechatGrants.checkinReminder?.held ?? 0) > 0 && f.lastCheckinDate !== m.today)
          await reminder.fire(f.memberId, m.today, { points: String(rules.checkin.basePoints) }, clock())
      }
      cursor = page.next
      if (cursor && Date.now() > until) {
        await deps.queue().send([{ kind: DAILY_WORK, shard: m.shard, today: m.today, cursor }])
        return
      }
    } while (cursor)
  }

  const handlers: WorkHandler[] = [work(DAILY_WORK, DailyMessage, async (m) => runShard(m))]

  /** Today's run: one message per features shard (nothing when every daily automation is off). */
  const start = async (now: Date) => {
    const [winBack, reminder] = await Promise.all([deps.automations.firing('win_back'), deps.automations.firing('checkin_reminder')])
    if (!winBack.settings.enabled && !reminder.settings.enabled) return { shards: 0 }
    const today = calendarDate(now, (await deps.program.getRules()).timeZone)
    await deps.queue().send(Array.from({ length: FEATURE_SHARDS }, (_, shard) => ({ kind: DAILY_WORK, shard, today })))
    return { shards: FEATURE_SHARDS }
  }

  return { handlers, start, runShard }
}
