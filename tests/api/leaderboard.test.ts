/**
 * The leaderboard over HTTP: only members who opted in are ranked and shown, names masked;
 * scores come from events (purchases, check-ins, refunds), kept for everyone, so opting in
 * later ranks what was already earned; the member's own place is counted even outside the
 * top places shown; leaving takes them off at once; opt-ins flipping on two API processes at
 * once count the member once. The board is program-wide and other test
 * files add to it, so places are checked relative to these members.
 */
import { randomUUID } from 'node:crypto'
import { Leaderboard } from '@huiyuan/shared/leaderboard/schemas'
import { APIS, call, eventually, newMember, signIn } from './client'

const mobile = () => `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
const codeOf = async (token: string) => (await call('GET', '/v1/me/code', { token })).body.code as string
const board = async (token: string, query = '') => {
  const r = await call('GET', `/v1/leaderboard${query}`, { token })
  expect(r.status).toBe(200)
  return Leaderboard.parse(r.body)
}
const optIn = async (token: string, on: boolean) => {
  const r = await call('PUT', '/v1/me/leaderboard', { token, body: { optIn: on } })
  expect(r.status).toBe(200)
  return Leaderboard.parse(r.body)
}

let cashier: string
beforeAll(async () => {
  cashier = await signIn('cashier')
})
const buy = async (token: string, amountFen: number) =>
  expect(
    (
      await call('POST', '/v1/staff/purchases', {
        token: cashier,
        body: { memberCode: await codeOf(token), storeId: 'S001', orderId: `LB${randomUUID().slice(0, 12)}`, amountFen },
      })
    ).status,
  ).toBe(201)

describe('the leaderboard', () => {
  it('ranks only members who opted in, masked, from the points they earned this month', async () => {
    const [big, small, shy] = await Promise.all([
      newMember({ name: '王大锤', mobile: mobile() }),
      newMember({ name: '李小花', mobile: mobile() }),
      newMember({ name: '赵不露', mobile: mobile() }),
    ])
    // Earned before opting in: counted once they do.
    await buy(big.token, 1_234_500)
    await buy(shy.token, 2_000_000)
    await eventually(async () => expect((await board(big.token)).me.score).toBeGreaterThan(0))
    const before = await board(big.token)
    expect(before).toMatchObject({ optedIn: false, me: { rank: null } })
    expect(before.items.some((i) => i.me)).toBe(false)

    const joined = await optIn(big.token, true)
    expect(joined.optedIn).toBe(true)
    const bigScore = joined.me.score
    expect(joined.me.rank).toBeGreaterThanOrEqual(1)
    expect(joined.items).toEqual(expect.arrayContaining([{ rank: joined.me.rank, name: '王*', score: bigScore, me: true }]))

    await optIn(small.token, true)
    const checkin = await call('POST', '/v1/me/checkins', { token: small.token })
    expect(checkin.status).toBe(201)
    await eventually(async () => expect((await board(small.token)).me.score).toBe(checkin.body.pointsAwarded))
    const view = await board(small.token)
    // The member who bought more is above; the one who did not opt in is nowhere, though they earned most.
    expect(view.me.rank!).toBeGreaterThan((await board(big.token)).me.rank!)
    expect(view.items.find((i) => i.me)).toMatchObject({ name: '李*' })
    expect(view.items.map((i) => i.name)).not.toContain('赵*')
    expect(view.items.map((i) => i.score)).toEqual([...view.items.map((i) => i.score)].sort((a, b) => b - a))

    // Outside the places shown, the member's own place is still counted.
    const top1 = await board(small.token, '?limit=1')
    expect(top1.items).toHaveLength(1)
    expect(top1.me.rank).toBe(view.me.rank)

    // The streak board ranks the best check-in streak of the month.
    await eventually(async () => expect((await board(small.token, '?board=streak')).me).toMatchObject({ score: 1 }))

    // Leaving takes the member off at once.
    const left = await optIn(big.token, false)
    expect(left).toMatchObject({ optedIn: false, me: { rank: null } })
    expect((await board(small.token)).items.map((i) => i.score)).not.toContain(bigScore)
    expect((await board(small.token)).me.rank).toBe(view.me.rank! - 1)
  })

  it('counts a member once however their opt-in flips on two API processes at once', async () => {
    const m = await newMember({ mobile: mobile() })
    await call('POST', '/v1/me/checkins', { token: m.token })
    await eventually(async () => expect((await board(m.token)).me.score).toBeGreaterThan(0))
    const before = (await board(m.token)).ranked
    const [a, b] = APIS()
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all(
        [true, false, true, false].map((on, i) =>
          call('PUT', '/v1/me/leaderboard', { token: m.token, api: i % 2 ? b : a, body: { optIn: on } }),
        ),
      )
      for (const r of answers) expect(r.status).toBe(200)
    }
    const after = await board(m.token)
    expect(after.ranked - before).toBe(after.optedIn ? 1 : 0)
    expect(after.me.rank === null).toBe(!after.optedIn)
    await optIn(m.token, false)
    expect((await board(m.token)).ranked).toBe(before)
  })

  it('takes refunded points off the score', async () => {
    const m = await newMember({ mobile: mobile() })
    await optIn(m.token, true)
    const orderId = `LB${randomUUID().slice(0, 12)}`
    await call('POST', '/v1/staff/purchases', {
      token: cashier,
      body: { memberCode: await codeOf(m.token), storeId: 'S001', orderId, amountFen: 50_000 },
    })
    await eventually(async () => expect((await board(m.token)).me.score).toBeGreaterThan(0))
    await call('POST', '/v1/staff/refunds', { token: cashier, body: { storeId: 'S001', orderId, refundId: 'R1', amountFen: 50_000 } })
    await eventually(async () => expect((await board(m.token)).me.score).toBe(0))
  })

  it('refuses a bad board or limit with a 400 and asks for a member', async () => {
    const m = await newMember({ mobile: mobile() })
    expect((await call('GET', '/v1/leaderboard?board=spend', { token: m.token })).status).toBe(400)
    expect((await call('GET', '/v1/leaderboard?limit=51', { token: m.token })).status).toBe(400)
    expect((await call('PUT', '/v1/me/leaderboard', { token: m.token, body: { optIn: 'yes' } })).status).toBe(400)
    expect((await call('GET', '/v1/leaderboard')).status).toBe(401)
  })
})
