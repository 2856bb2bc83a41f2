import { automationsOf } from '../../platform/wiring'
import type { Db } from '../../platform/db'
import { earnPoints, eventually, joinInput, pointsTotals, seededServices, spendPoints, startConsumers } from '../../testing/fixtures'
import { freshTable } from '../../testing/table'
import { coreKeys } from '../../platform/keys'
import { runTierReview } from '../../tiers/jobs/review'
import { runPointsExpiry } from './expiry'

let db: Db
let s: Awaited<ReturnType<typeof seededServices>>
let consumers: ReturnType<typeof startConsumers>
beforeAll(async () => {
  db = await freshTable('jobs', { stream: true })
  s = await seededServices(db)
  consumers = startConsumers(db, s)
})
afterAll(() => consumers.stop())

describe('points expiry job (DynamoDB Local)', () => {
  it('reminds 30 days ahead once, expires due lots once, and keeps newer lots', async () => {
    const { memberId } = await s.membersService.join('openid-expiry', joinInput(), new Date('2025-11-10T02:00:00Z'))
    await earnPoints(s, memberId, 100, 'nov-2025', new Date('2025-11-10T02:00:00Z')) // lot 2025-11 → expires 2026-11-30
    await earnPoints(s, memberId, 40, 'dec-2025', new Date('2025-12-10T02:00:00Z')) // lot 2025-12 → expires 2026-12-31
    await spendPoints(s, memberId, 30, 'spend', new Date('2026-01-10T02:00:00Z')) // FIFO: from 2025-11 → 70 left
    const deps = { accounts: s.accounts, automations: automationsOf(s.core), tx: s.tx, rules: () => s.program.getRules() }

    // 2026-10-31 (Shanghai): 2026-11-30 is 30 days ahead → one reminder, sent once.
    const remind = new Date('2026-10-31T01:00:00Z')
    expect(await runPointsExpiry(deps, remind)).toMatchObject({ expiredLots: 0, reminders: 1 })
    expect(await runPointsExpiry(deps, remind)).toMatchObject({ reminders: 0 })
    const inbox = await s.inbox.list(memberId, 10, undefined)
    expect(inbox.items.filter((n) => n.kind === 'points_expiring')).toHaveLength(1)
    expect(inbox.items.find((n) => n.kind === 'points_expiring')!.body).toContain('70 积分将于 2026-11-30 过期')

    // 2026-12-01 before the job: the 2025-11 lot is already not spendable.
    const due = new Date('2026-12-01T01:00:00Z')
    expect((await s.accounts.open(memberId, 'points')).available('2026-12-01')).toBe(40)
    await expect(spendPoints(s, memberId, 41, 'too-much', due)).rejects.toMatchObject({ code: 'INSUFFICIENT_POINTS' })

    // The job writes the 70 down once; the 2025-12 lot stays. Re-runs change nothing.
    expect(await runPointsExpiry(deps, due)).toMatchObject({ expiredLots: 1, expiredPoints: 70 })
    expect(await runPointsExpiry(deps, due)).toMatchObject({ expiredLots: 0, expiredPoints: 0 })
    const t = await pointsTotals(s, memberId)
    expect(t).toMatchObject({ balance: 40, ledger: 40, lots: 40 })
    expect(t.entries.at(-1)).toMatchObject({ type: 'expiry', delta: -70, balanceAfter: 40, sourceRef: 'expiry:2025-11' })
  })
})

describe('tier review job (DynamoDB Local)', () => {
  it('moves a member down one level at most, once a year, with a notice from its TierChanged event', async () => {
    const { memberId } = await s.membersService.join('openid-review', joinInput(), new Date('2025-01-10T02:00:00Z'))
    const rules = await s.program.getRules()
    const start = await s.tiers.read(memberId, rules)
    await s.tx
      .begin(new Date())
      .add(s.tiersRepo.stateItem(start, { ...start, tierCode: 'gold', spendMonths: { '2025-01': 1_000_000 } }, new Date()))
      .commit()
    const deps = { tiersRepo: s.tiersRepo, tiers: s.tiers, tx: s.tx, rules: () => s.program.getRules() }
    const review = new Date('2026-12-31T16:30:00Z') // 2027-01-01 00:30 Shanghai: 2025-01 spend is out of the window
    const first = await runTierReview(deps, review)
    expect(first.downgraded).toBeGreaterThanOrEqual(1)
    expect((await s.tiers.read(memberId, rules)).tierCode).toBe('silver')
    await runTierReview(deps, review)
    expect((await s.tiers.read(memberId, rules)).tierCode).toBe('silver')
    await eventually(async () =>
      expect((await s.inbox.list(memberId, 5, undefined)).items[0]).toMatchObject({ kind: 'tier_downgrade', title: '会员等级调整为银卡' }),
    )
  })

  it('reviews every member through the members index, shard by shard, never scanning the table', async () => {
    const rules = await s.program.getRules()
    const joinedAt = new Date('2025-01-10T02:00:00Z')
    const ids: string[] = []
    for (let i = 0; i < 40; i++) ids.push((await s.membersService.join(`openid-shards-${i}`, joinInput(), joinedAt)).memberId)
    // Every member is in the index, in the shard of its id.
    const indexed: string[] = []
    for (const shard of s.tiersRepo.memberShards()) {
      let start: Record<string, unknown> | undefined
      do {
        const page = await s.tiersRepo.memberShardPage(shard, start)
        for (const id of page.memberIds) expect(coreKeys.memberShardIndex(id).GSI2PK).toBe(shard)
        indexed.push(...page.memberIds)
        start = page.next
      } while (start)
    }
    expect(indexed).toEqual(expect.arrayContaining(ids))
    expect(
      new Set(coreKeys.memberShards().filter((sh) => ids.some((id) => coreKeys.memberShardIndex(id).GSI2PK === sh))).size,
    ).toBeGreaterThan(8)

    // Ten gold members whose spend has left the window.
    const gold = ids.slice(0, 10)
    for (const id of gold) {
      const before = await s.tiers.read(id, rules)
      await s.tx
        .begin(new Date())
        .add(s.tiersRepo.stateItem(before, { ...before, tierCode: 'gold', spendMonths: { '2025-01': 1_000_000 } }, new Date()))
        .commit()
    }
    const commands: string[] = []
    db.client.middlewareStack.add(
      (next, context) => (args) => {
        commands.push(String(context.commandName))
        return next(args)
      },
      { step: 'initialize', name: 'recordTierReviewCommands' },
    )
    const review = new Date('2026-12-31T16:30:00Z')
    const deps = { tiersRepo: s.tiersRepo, tiers: s.tiers, tx: s.tx, rules: () => s.program.getRules() }
    try {
      // One shard failing does not stop the others; the run fails so that it is retried.
      const broken = coreKeys.memberShardIndex(gold[0]!).GSI2PK
      const flaky = {
        ...s.tiersRepo,
        memberShardPage: (shard: string, start?: Record<string, unknown>) =>
          shard === broken ? Promise.reject(new Error('throttled')) : s.tiersRepo.memberShardPage(shard, start),
      }
      await expect(runTierReview({ ...deps, tiersRepo: flaky }, review)).rejects.toThrow(`Tier review failed for shards ${broken}`)
      for (const id of gold) {
        const inBroken = coreKeys.memberShardIndex(id).GSI2PK === broken
        expect((await s.tiers.read(id, rules)).tierCode).toBe(inBroken ? 'gold' : 'silver')
      }
      // A re-run of the failed shard alone finishes the job.
      const rerun = await runTierReview(deps, review, { shards: [broken] })
      expect(rerun.shards).toBe(1)
      expect(rerun.downgraded).toBe(gold.filter((id) => coreKeys.memberShardIndex(id).GSI2PK === broken).length)
      for (const id of gold) expect((await s.tiers.read(id, rules)).tierCode).toBe('silver')
      // A whole re-run reviews everyone again and moves no one twice.
      const again = await runTierReview(deps, review)
      expect(again).toMatchObject({ downgraded: 0, shards: 16 })
      expect(again.reviewed).toBeGreaterThanOrEqual(ids.length)
    } finally {
      db.client.middlewareStack.remove('recordTierReviewCommands')
    }
    expect(commands).toContain('QueryCommand')
    expect(commands).not.toContain('ScanCommand')
  })
})
