/**
 * Referrals over HTTP: a member's invite token and code; a friend joining with it, listed
 * masked and waiting; both rewarded after the friend's first purchase (points and notices, by
 * events), and both rewards taken back when that purchase is refunded in full; the member's
 * own phone, their erased account and a loop through it refused without stopping the join;
 * rewards on joining under a monthly cap — the friend over it still gets theirs; a friend who
 * leaves is no longer named.
 */
import { randomUUID } from 'node:crypto'
import { ProgramView, type ProgramRules } from '@huiyuan/shared/program/schemas'
import { MyReferral } from '@huiyuan/shared/referrals/schemas'
import { call, eventually, joinBody, newMember, signIn, uniqueName } from './client'

const CACHE_MS = 1_200
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const mobile = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
const codeOf = async (token: string) => (await call('GET', '/v1/me/code', { token })).body.code as string
const orderId = () => `RF${randomUUID().replace(/-/g, '').slice(0, 14)}`

const mine = async (token: string) => {
  const r = await call('GET', '/v1/me/referral', { token })
  expect(r.status).toBe(200)
  return MyReferral.parse(r.body)
}
const points = async (token: string) => (await call('GET', '/v1/me', { token })).body.points as number
const referralEntries = async (token: string) =>
  ((await call('GET', '/v1/me/points?limit=50', { token })).body.items as Array<{ type: string; delta: number }>).filter(
    (e) => e.type === 'referral',
  )

/** A friend signs in and joins with the referrer's token (their own phone unless told). */
const joinWith = async (token: string, over: Record<string, unknown> = {}, name = uniqueName('friend')) => {
  const t = await signIn(name)
  const r = await call('POST', '/v1/members', {
    token: t,
    body: joinBody({ name: '李四', mobile: mobile(), referralCode: token, ...over }),
  })
  expect(r.status).toBe(201)
  return { token: r.body.session.token as string, member: r.body.member }
}

let admin: string
let cashier: string
let original: ProgramRules
beforeAll(async () => {
  ;[admin, cashier] = await Promise.all([signIn('admin'), signIn('cashier')])
  original = ProgramView.parse((await call('GET', '/v1/admin/program', { token: admin })).body).rules
})
const setReferral = async (over: Partial<ProgramRules['referral']>) => {
  const now = ProgramView.parse((await call('GET', '/v1/admin/program', { token: admin })).body)
  const r = await call('PUT', '/v1/admin/program', {
    token: admin,
    body: { rules: { ...now.rules, referral: { ...now.rules.referral, ...over } }, version: now.version },
  })
  expect(r.status).toBe(200)
  await sleep(CACHE_MS)
}
afterAll(async () => {
  await setReferral(original.referral)
})

describe('referrals', () => {
  it("gives the member a short token in their code's scene, the same each time", async () => {
    const a = await newMember({ mobile: mobile() })
    const r = await mine(a.token)
    expect(r.token).toMatch(/^[A-Z2-9]{8}$/)
    expect(r.scene).toBe(`s=S001&r=${r.token}`)
    expect(r.scene.length).toBeLessThanOrEqual(32)
    expect(r).toMatchObject({ enabled: true, kind: 'link', page: 'pages/join/index', items: [], nextCursor: null })
    expect(r.url).toContain(encodeURIComponent(r.scene))
    expect(r.stats).toMatchObject({ joined: 0, rewarded: 0, pending: 0, pointsEarned: 0 })
    expect((await mine(a.token)).token).toBe(r.token)
    expect((await call('GET', '/v1/me/referral')).status).toBe(401)
  })

  it('rewards both after the friend’s first purchase, and takes both back when it is refunded in full', async () => {
    await setReferral({ rewardOn: 'first_purchase', minPurchaseFen: 0 })
    const a = await newMember({ mobile: mobile() })
    const { token } = await mine(a.token)
    const friend = await joinWith(token)
    const waiting = await mine(a.token)
    expect(waiting.stats).toMatchObject({ joined: 1, pending: 1, rewarded: 0 })
    expect(waiting.items).toEqual([expect.objectContaining({ name: '李*', status: 'pending', points: 0 })])
    const before = await points(a.token)

    const id = orderId()
    const p = await call('POST', '/v1/staff/purchases', {
      token: cashier,
      body: { memberCode: await codeOf(friend.token), storeId: 'S001', orderId: id, amountFen: 5_000 },
    })
    expect(p.status).toBe(201)
    await eventually(async () =>
      expect((await mine(a.token)).stats).toMatchObject({ rewarded: 1, pending: 0, pointsEarned: original.referral.referrer.points }),
    )
    expect(await points(a.token)).toBe(before + original.referral.referrer.points)
    expect(await referralEntries(friend.token)).toEqual([expect.objectContaining({ delta: original.referral.friend.points })])
    const inbox = (await call('GET', '/v1/me/inbox', { token: a.token })).body.items
    expect(inbox).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'referral', title: '好友李*完成首单' })]))

    // A second purchase rewards nothing more.
    await call('POST', '/v1/staff/purchases', {
      token: cashier,
      body: { memberCode: await codeOf(friend.token), storeId: 'S001', orderId: orderId(), amountFen: 5_000 },
    })
    await sleep(1_500)
    expect((await mine(a.token)).stats.rewarded).toBe(1)

    const refund = await call('POST', '/v1/staff/refunds', {
      token: cashier,
      body: { storeId: 'S001', orderId: id, refundId: 'R1', amountFen: 5_000 },
    })
    expect(refund.status).toBe(201)
    await eventually(async () => {
      const back = await mine(a.token)
      expect(back.stats).toMatchObject({ rewarded: 0, pointsEarned: 0 })
      expect(back.items[0]).toMatchObject({ status: 'clawed_back' })
    })
    expect(await points(a.token)).toBe(before)
    expect((await referralEntries(friend.token)).map((e) => e.delta).sort()).toEqual(
      [-original.referral.friend.points, original.referral.friend.points].sort(),
    )

    // A friend who leaves is no longer named in the list.
    expect((await call('DELETE', '/v1/me', { token: friend.token })).status).toBe(200)
    await eventually(async () => expect((await mine(a.token)).items[0]?.name).toBe('已注销会员'))
  })

  it("refuses the member's own phone and an unknown token without stopping the join", async () => {
    const phone = mobile()
    const a = await newMember({ mobile: phone })
    const { token } = await mine(a.token)
    const self = await joinWith(token, { mobile: phone })
    expect(self.member.memberId).toBeTruthy()
    const unknown = await joinWith('ZZZZZZZZ')
    expect(unknown.member.memberId).toBeTruthy()
    expect((await mine(a.token)).stats.joined).toBe(0)
  })

  it("refuses an erased member's token, and a loop through their earlier account", async () => {
    const name = uniqueName('leaver')
    const phone = mobile()
    const aToken = await signIn(name)
    const joined = await call('POST', '/v1/members', { token: aToken, body: joinBody({ mobile: phone }) })
    const a = joined.body.session.token as string
    const aCode = (await mine(a)).token
    const b = await joinWith(aCode)
    const bCode = (await mine(b.token)).token
    expect((await call('DELETE', '/v1/me', { token: a })).status).toBe(200)

    // Someone joining with the erased member's code: not counted.
    await joinWith(aCode)
    // The erased member joins again (same WeChat identity and phone) with the friend's code: a loop.
    const again = await joinWith(bCode, { mobile: phone }, name)
    expect(again.member.memberId).not.toBe(joined.body.member.memberId)
    expect((await mine(b.token)).stats.joined).toBe(0)
  })

  it('rewards on joining under a monthly cap: the friend over it still gets theirs', async () => {
    await setReferral({ rewardOn: 'join', monthlyCap: 1 })
    const a = await newMember({ mobile: mobile() })
    const { token } = await mine(a.token)
    const [f1, f2] = [await joinWith(token), await joinWith(token)]
    await eventually(async () => {
      const r = await mine(a.token)
      expect(r.stats).toMatchObject({
        joined: 2,
        rewarded: 2,
        rewardedThisMonth: 1,
        leftThisMonth: 0,
        pointsEarned: original.referral.referrer.points,
      })
      expect(r.items.map((f) => f.overCap).sort()).toEqual([false, true])
    })
    for (const f of [f1, f2])
      expect(await referralEntries(f.token)).toEqual([expect.objectContaining({ delta: original.referral.friend.points })])
    expect(await referralEntries(a.token)).toHaveLength(1)
  })
})
