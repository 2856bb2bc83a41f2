/**
 * The yearly tier review (EventBridge schedule; `npm run job -- review-tiers` locally):
 * every member whose rolling window no longer holds their tier goes down one level, with a
 * `TierChanged` event (its consumer sends the notice). Upgrades never wait for it.
 *
 * Members are found through the members index (GSI2 `MEMBERS#<shard>`, one item per member:
 * the tier state), never by scanning the table. The shards are reviewed side by side and
 * independently: a shard that fails does not stop the others, and the run then fails so the
 * schedule retries it. Each member's review is idempotent (one move a year), so a re-run —
 * of every shard, or only of `shards` — changes nothing that was already done.
 */
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import { calendarDate } from '../../platform/clock'
import type { Tx } from '../../platform/tx'
import type { TiersRepository } from '../repository'
import type { TiersService } from '../service'

export interface TierReviewDeps {
  tiersRepo: TiersRepository
  tiers: TiersService
  tx: Tx
  rules: () => Promise<ProgramRules>
}

export interface TierReviewResult {
  reviewed: number
  downgraded: number
  shards: number
}

async function reviewShard(deps: TierReviewDeps, rules: ProgramRules, month: string, shard: string, now: Date) {
  let reviewed = 0
  let downgraded = 0
  let start: Record<string, unknown> | undefined
  do {
    const page = await deps.tiersRepo.memberShardPage(shard, start)
    for (const memberId of page.memberIds) {
      reviewed++
      const moved = await deps.tx.retrying(async () => {
        const before = await deps.tiers.read(memberId, rules)
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

export async function runTierReview(deps: TierReviewDeps, now: Date, opts: { shards?: string[] } = {}): Promise<TierReviewResult> {
  const rules = await deps.rules()
  const month = calendarDate(now, rules.timeZone).slice(0, 7)
  const shards = opts.shards ?? deps.tiersRepo.memberShards()
  const results = await Promise.allSettled(shards.map((shard) => reviewShard(deps, rules, month, shard, now)))
  const failed = shards.filter((_, i) => results[i]!.status === 'rejected')
  if (failed.length > 0) {
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))
    throw new AggregateError(errors, `Tier review failed for shards ${failed.join(', ')}; the other shards are done`)
  }
  const done = results.map((r) => (r as PromiseFulfilledResult<{ reviewed: number; downgraded: number }>).value)
  return {
    reviewed: done.reduce((n, r) => n + r.reviewed, 0),
    downgraded: done.reduce((n, r) => n + r.downgraded, 0),
    shards: shards.length,
  }
}
