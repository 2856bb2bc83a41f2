import { freshTable } from '../../testing/table'
import { joinInput, seededServices } from '../../testing/fixtures'
import { runPointsExpiry } from './expiry'
import { runTierReview } from '../../tiers/jobs/review'
import type { Db } from '../../platform/db'

let db: Db
let s: Awaited<ReturnType<typeof seededServices>>
beforeAll(async () => {
  db = await freshTable('jobs')
  s = await seededServices(db)
})

const earn = (memberId: string, delta: number, ref: string, now: Date) =>
  s.ledger.apply({
    memberId,
    delta,
    type: 'adjustment',
    sourceRef: ref,
    description: 'test',
    now,
    timeZone: 'Asia/Shanghai',
    lotValidityMonths: 12,
  })

describe('points expiry job (DynamoDB Local)', () => {
  it('reminds 30 days ahead once, expires due lots once, and keeps newer lots', async () => {
    const { memberId } = await s.membersService.join('openid-expiry', joinInput(), new Date('2025-11-10T02:00:00Z'))
    await earn(memberId, 100, 'nov-2025', new Date('2025-11-10T02:00:00Z')) // lot 2025-11 → expires 2026-11-30
    await earn(memberId, 40, 'dec-2025', new Date('2025-12-10T02:00:00Z')) // lot 2025-12 → expires 2026-12-31
    await earn(memberId, -30, 'spend', new Date('2026-01-10T02:00:00Z')) // FIFO: from 2025-11 → 70 left
    const deps = { db, ledger: s.ledger, inbox: s.inbox, rules: () => s.program.getRules() }

    // 2026-10-31 (Shanghai): 2026-11-30 is 30 days ahead → one reminder, sent once.
    const remind = new Date('2026-10-31T01:00:00Z')
    expect(await runPointsExpiry(deps, remind)).toMatchObject({ expiredLots: 0, reminders: 1 })
    expect(await runPointsExpiry(deps, remind)).toMatchObject({ reminders: 0 })
    const inbox = await s.inbox.list(memberId, 10)
    expect(inbox.items.filter((n) => n.kind === 'points_expiring')).toHaveLength(1)
    expect(inbox.items[0]!.body).toContain('70 积分将于 2026-11-30 过期')

    // 2026-12-01: the 2025-11 lot (70 left) expires; the 2025-12 lot stays. Re-runs change nothing.
    const due = new Date('2026-12-01T01:00:00Z')
    expect(await runPointsExpiry(deps, due)).toMatchObject({ expiredLots: 1, expiredPoints: 70 })
    expect(await runPointsExpiry(deps, due)).toMatchObject({ expiredLots: 0, expiredPoints: 0 })
    expect((await s.members.getMember(memberId))?.pointsBalance).toBe(40)
    const lots = await s.ledger.readLots(memberId)
    expect(lots.find((l) => l.month === '2025-11')?.remaining).toBe(0)
    expect(lots.find((l) => l.month === '2025-12')?.remaining).toBe(40)
    const history = await s.ledger.listEntries(memberId, 10)
    expect(history.items[0]).toMatchObject({ type: 'expiry', delta: -70, balanceAfter: 40 })
  })
})

describe('tier review job (DynamoDB Local)', () => {
  it('moves a member down one level at most, once a year, with a notice', async () => {
    const { memberId } = await s.membersService.join('openid-review', joinInput(), new Date('2025-01-10T02:00:00Z'))
    await s.members.updateProfile(memberId, { tierCode: 'gold', spendMonths: { '2025-01': 1_000_000 } } as never)
    const deps = { db, inbox: s.inbox, rules: () => s.program.getRules() }
    const review = new Date('2026-12-31T16:30:00Z') // 2027-01-01 00:30 Shanghai: 2025-01 spend is out of the window
    const first = await runTierReview(deps, review)
    expect(first.downgraded).toBeGreaterThanOrEqual(1)
    expect((await s.members.getMember(memberId))?.tierCode).toBe('silver')
    await runTierReview(deps, review)
    expect((await s.members.getMember(memberId))?.tierCode).toBe('silver')
    expect((await s.inbox.list(memberId, 5)).items[0]).toMatchObject({ kind: 'tier_downgrade', title: '会员等级调整为银卡' })
  })
})
