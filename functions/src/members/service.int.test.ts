import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { freshTable } from '../testing/table'
import { joinInput, pointsBalance, seededServices } from '../testing/fixtures'
import type { Db } from '../platform/db'
import { keys } from '../platform/keys'

let db: Db
let s: Awaited<ReturnType<typeof seededServices>>
beforeAll(async () => {
  db = await freshTable('members')
  s = await seededServices(db)
})
const now = new Date('2026-11-25T02:00:00Z')

describe('joining (DynamoDB Local)', () => {
  it('issues a card at the entry tier and stores the phone encrypted', async () => {
    const card = await s.membersService.join('openid-a', joinInput({ mobile: '13900001111' }), now)
    expect(card).toMatchObject({ tier: { name: '普卡' }, points: 0, mobile: '13900001111', joinStoreId: 'S001' })
    const raw = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.member(card.memberId) }))
    expect(JSON.stringify(raw.Item)).not.toContain('13900001111')
    expect(raw.Item?.mobileMasked).toBe('139****1111')
    expect(await s.members.getMemberIdByCardNo(card.cardNo)).toBe(card.memberId)
  })

  it('makes one member of one WeChat identity, even when 10 joins race', async () => {
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => s.membersService.join('openid-race', joinInput(), now)))
    const ok = results.filter((r) => r.status === 'fulfilled')
    expect(ok).toHaveLength(1)
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'ALREADY_MEMBER' })
  })

  it('refuses an unknown store and an under-age member without writing anything', async () => {
    await expect(s.membersService.join('openid-x', joinInput({ storeId: 'NOPE' }), now)).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' })
    await expect(s.membersService.join('openid-x', joinInput({ birthday: '2015-01-01' }), now)).rejects.toMatchObject({
      code: 'UNDER_MINIMUM_AGE',
    })
    expect(await s.members.getMemberIdByOpenid('openid-x')).toBeUndefined()
  })
})

describe('profile edits (DynamoDB Local)', () => {
  it('lets a member correct their birthday once, even when two corrections race', async () => {
    const { memberId } = await s.membersService.join('openid-bday', joinInput({ birthday: '1990-05-17' }), now)
    await expect(s.membersService.updateProfile(memberId, { birthday: '1990-12-17' }, now)).rejects.toMatchObject({
      code: 'BIRTHDAY_CHANGE_NOT_ALLOWED',
    })
    const results = await Promise.allSettled([
      s.membersService.updateProfile(memberId, { birthday: '1990-06-17' }, now),
      s.membersService.updateProfile(memberId, { birthday: '1990-07-17' }, now),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'BIRTHDAY_LOCKED' })
    await expect(s.membersService.updateProfile(memberId, { birthday: '1990-08-17' }, now)).rejects.toMatchObject({
      code: 'BIRTHDAY_LOCKED',
    })
    // Other edits still work.
    expect(await s.membersService.updateProfile(memberId, { name: '新名字' }, now)).toMatchObject({ name: '新名字' })
  })
})

describe('check-in (DynamoDB Local)', () => {
  it('awards once when 20 taps race', async () => {
    const { memberId } = await s.membersService.join('openid-taps', joinInput(), now)
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => s.checkins.checkIn(memberId, now)))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'ALREADY_CHECKED_IN' })
    expect(await pointsBalance(s, memberId)).toBe(5)
  })

  it('builds a streak over consecutive Shanghai days and pays the 7th-day bonus', async () => {
    const { memberId } = await s.membersService.join('openid-streak', joinInput(), now)
    let last: Awaited<ReturnType<typeof s.checkins.checkIn>> | undefined
    for (let d = 0; d < 7; d++) last = await s.checkins.checkIn(memberId, new Date(now.getTime() + d * 86_400_000))
    expect(last).toMatchObject({ streak: 7, bonusPoints: 20, pointsBalance: 7 * 5 + 20 })
    const cal = await s.checkins.calendar(memberId, new Date(now.getTime() + 6 * 86_400_000), '2026-11')
    expect(cal.days.map((d) => d.date)).toEqual(['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'])
    expect(cal.streak).toBe(7)
  })
})
