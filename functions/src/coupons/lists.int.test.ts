import { automationsOf } from '../platform/wiring'
/**
 * List reads of the coupons area against DynamoDB Local: the wallet's expired tab pages
 * across its two ranges (issued-but-lapsed and marked expired), also while the daily job
 * moves coupons from one to the other; open offers page on as time passes; cursors of
 * another member or forged ones are refused; malformed stored items are skipped.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { freshTable } from '../testing/table'
import { joinInput, seededServices } from '../testing/fixtures'
import { logger } from '../platform/logger'
import { ENTITY, couponKeys } from '../platform/keys'
import { runCouponsDaily } from './jobs/daily'

let s: Awaited<ReturnType<typeof seededServices>>
let warn: jest.SpyInstance
beforeAll(async () => {
  s = await seededServices(await freshTable('coupon-lists'))
})
beforeEach(() => {
  warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined)
})
afterEach(() => warn.mockRestore())

const HOUR = 3_600_000
const t0 = new Date('2026-11-01T00:00:00Z')
const at = (ms: number) => new Date(t0.getTime() + ms)
let n = 0
const join = async () => (await s.membersService.join(`lists-${n++}-${Date.now()}`, joinInput(), t0)).memberId

/** Every page of a wallet tab at `now`, `limit` at a time; `between` runs after the first page. */
async function pageAll(memberId: string, status: 'usable' | 'used' | 'expired', now: Date, limit: number, between?: () => Promise<void>) {
  const codes: string[] = []
  let cursor: string | undefined
  let pages = 0
  do {
    const page = await s.coupons.wallet(memberId, status, now, { limit, cursor })
    expect(page.items.length).toBeLessThanOrEqual(limit)
    codes.push(...page.items.map((c) => c.code))
    cursor = page.nextCursor ?? undefined
    if (++pages === 1 && between) await between()
  } while (cursor && pages < 100)
  return codes
}

describe('the wallet, a page at a time', () => {
  let memberId: string
  /** Coupon i is issued at t0 + i h and valid for a day: they end an hour apart. */
  const codes: string[] = []
  const jobDeps = () => ({ couponsRepo: s.couponsRepo, automations: automationsOf(s.core), rules: () => s.program.getRules() })

  beforeAll(async () => {
    memberId = await join()
    const t = await s.coupons.createTemplate(
      { name: '一日券', kind: 'cash_off', valueFen: 500, validity: { type: 'relative', days: 1 }, totalStock: null, perMemberLimit: 100 },
      t0,
    )
    for (let i = 0; i < 30; i++) {
      const granted = await s.coupons.grant(memberId, t.templateId, 'staff', `day-${i}`, at(i * HOUR))
      codes.push(granted!.coupon.code)
    }
    // the daily job at t0 + 1 d + 10.5 h marks coupons 0–10 expired; 11–24 lapse later without being marked
    expect((await runCouponsDaily(jobDeps(), at(24 * HOUR + 10.5 * HOUR))).expired).toBe(11)
  })

  const later = at(24 * HOUR + 24.5 * HOUR) // coupons 0–24 have ended, 25–29 are usable

  it('the expired tab merges marked-expired and lapsed coupons in validity order, each exactly once', async () => {
    for (const limit of [1, 4, 7, 25, 100]) expect(await pageAll(memberId, 'expired', later, limit)).toEqual(codes.slice(0, 25))
    expect(await pageAll(memberId, 'usable', later, 2)).toEqual(codes.slice(25))
    expect(await pageAll(memberId, 'used', later, 2)).toEqual([])
  })

  it('keeps every coupon exactly once while the daily job moves lapsed ones to expired between pages', async () => {
    let moved = 0
    const seen = await pageAll(memberId, 'expired', later, 3, async () => {
      moved = (await runCouponsDaily(jobDeps(), later)).expired
    })
    expect(moved).toBe(14)
    expect(seen).toEqual(codes.slice(0, 25))
  })

  it('the last page has no cursor, and a page never holds more than asked', async () => {
    const first = await s.coupons.wallet(memberId, 'usable', later, { limit: 5 })
    expect(first.items.map((c) => c.code)).toEqual(codes.slice(25))
    const rest = first.nextCursor ? await s.coupons.wallet(memberId, 'usable', later, { limit: 5, cursor: first.nextCursor }) : first
    expect(rest.nextCursor).toBeNull()
  })

  it("refuses another member's cursor and a forged one (400), reading nothing", async () => {
    const mine = await s.coupons.wallet(memberId, 'expired', later, { limit: 2 })
    const other = await join()
    await expect(s.coupons.wallet(other, 'expired', later, { limit: 2, cursor: mine.nextCursor! })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    })
    const forged = Buffer.from(JSON.stringify({ GSI1PK: couponKeys.walletPartition(other), after: 'issued' })).toString('base64url')
    await expect(s.coupons.wallet(other, 'expired', later, { limit: 2, cursor: forged })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    })
  })

  it('skips a malformed stored coupon and pages on past it', async () => {
    const badCode = 'ZZZZBADCOUPON000'
    const validUntil = at(24 * HOUR + 3.5 * HOUR).toISOString() // between coupons 3 and 4
    await s.db.client.send(
      new PutCommand({
        TableName: s.db.tableName,
        Item: {
          ...couponKeys.coupon(badCode),
          ...couponKeys.walletIndex(memberId, 'expired', validUntil, badCode),
          entity: ENTITY.coupon,
          code: badCode,
          memberId,
          status: 'expired',
          validUntil,
          validFrom: 'not a date',
        },
      }),
    )
    expect(await pageAll(memberId, 'expired', later, 2)).toEqual(codes.slice(0, 25))
    expect(warn).toHaveBeenCalledWith('malformed item skipped', expect.objectContaining({ PK: `COUPON#${badCode}`, entity: 'Coupon' }))
  })
})

describe('open offers, a page at a time', () => {
  it('a cursor stays usable after offers on the page before have ended: the ended ones are dropped', async () => {
    const now = new Date()
    const t = await s.coupons.createTemplate(
      { name: '券', kind: 'gift', itemName: '帆布袋', validity: { type: 'relative', days: 7 }, totalStock: null, perMemberLimit: 1 },
      now,
    )
    const ids: string[] = []
    for (let i = 1; i <= 6; i++) {
      const o = await s.coupons.createOffer(
        {
          templateId: t.templateId,
          title: `第${i}张`,
          claimFrom: new Date(now.getTime() - HOUR).toISOString(),
          claimUntil: new Date(now.getTime() + i * 60_000).toISOString(),
        },
        now,
      )
      ids.push(o.offerId)
    }
    const member = await join()
    const first = await s.coupons.memberOffers(member, now, { limit: 2 })
    expect(first.items.map((o) => o.offerId)).toEqual(ids.slice(0, 2))
    // 3.5 minutes on, offers 1–3 have ended: the next page starts after offer 2 and leaves out offer 3
    const rest = await s.coupons.memberOffers(member, new Date(now.getTime() + 3.5 * 60_000), { limit: 10, cursor: first.nextCursor! })
    expect(rest.items.map((o) => o.offerId)).toEqual(ids.slice(3))
    expect(rest.nextCursor).toBeNull()
  })

  it('refuses a cursor of another list', async () => {
    const rewards = await s.rewards.listRewards({ limit: 1 })
    const cursor = Buffer.from(JSON.stringify({ PK: 'R', SK: 'R', GSI1PK: 'REWARDS', GSI1SK: 'x' })).toString('base64url')
    expect(rewards.nextCursor).toBeNull()
    await expect(s.coupons.memberOffers(await join(), new Date(), { limit: 2, cursor })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    })
  })
})
