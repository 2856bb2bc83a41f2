/**
 * The yearly tier review (EventBridge schedule; `npm run job -- review-tiers` locally):
 * every member whose rolling window no longer holds their tier goes down one level, with a
 * `TierChanged` event (its consumer sends the notice). Upgrades never wait for it.
 * A batch job: it pages through the tier states with a filtered Scan — never on a request path.
 */
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import { calendarDate } from '../../platform/clock'
import type { Tx } from '../../platform/tx'
import type { TiersRepository } from '../repository'
import type { TiersService } from '../service'

export async function runTierReview(
  deps: { tiersRepo: TiersRepository; tiers: TiersService; tx: Tx; rules: () => Promise<ProgramRules> },
  now: Date,
) {
  const rules = await deps.rules()
  const month = calendarDate(now, rules.timeZone).slice(0, 7)
  let reviewed = 0
  let downgraded = 0
  let start: Record<string, unknown> | undefined
  do {
    const page = await deps.tiersRepo.scanPage(start)
    for (const item of page.items) {
      reviewed++
      const moved = await deps.tx.retrying(async () => {
        const before = await deps.tiers.read(String(item.memberId), rules)
        const uow = deps.tx.begin(now)
        const move = deps.tiers.review(uow, rules, before, month)
        if (!move) return false
        await uow.commit()
        return true
      })
      if (moved) downgraded++
    }
    start = page.next
  } while (start)
  return { reviewed, downgraded }
}
