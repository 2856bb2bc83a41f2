import type { Db } from '../../platform/db'
import { earnPoints, eventually, joinInput, pointsTotals, seededServices, spendPoints, startConsumers } from '../../testing/fixtures'
import { freshTable } from '../../testing/table'
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
    const deps = { accounts: s.accounts, inbox: s.inbox, tx: s.tx, rules: () => s.program.getRules() }

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
})
