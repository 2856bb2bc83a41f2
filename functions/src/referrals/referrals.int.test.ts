/**
 * The monthly cap under a race: two friends rewarded at once for the month's last place — one
 * transaction wins it, the other is refused by the count's condition and goes again with the
 * referrer over the cap (the friend still rewarded). A redelivered event rewards nothing more.
 */
import { defaultProgramRules } from '../program/defaults'
import { joinInput, pointsBalance, seededServices } from '../testing/fixtures'
import { freshTable } from '../testing/table'

const now = new Date('2026-11-25T02:00:00Z')

it('rewards the referrer for one friend only when two race for the last place of the month', async () => {
  const s = await seededServices(await freshTable('referrals'))
  const rules = defaultProgramRules()
  await s.program.putRules({ ...rules, referral: { ...rules.referral, rewardOn: 'join', monthlyCap: 1 } }, now)
  const a = await s.membersService.join('openid-ref-a', joinInput({ mobile: '13900001111' }), now)
  const { token } = await s.referrals.mine(a.memberId, { limit: 20 }, now)
  const friends = [
    await s.membersService.join('openid-ref-b', joinInput({ mobile: '13900002222', referralCode: token }), now),
    await s.membersService.join('openid-ref-c', joinInput({ mobile: '13900003333', referralCode: token }), now),
  ]
  await Promise.all(friends.map((f) => s.referrals.reward(f.memberId, { kind: 'join' }, now)))
  await s.referrals.reward(friends[0]!.memberId, { kind: 'join' }, now)

  expect(await pointsBalance(s, a.memberId)).toBe(rules.referral.referrer.points)
  for (const f of friends) expect(await pointsBalance(s, f.memberId)).toBe(rules.referral.friend.points)
  const mine = await s.referrals.mine(a.memberId, { limit: 20 }, now)
  expect(mine.stats).toMatchObject({ joined: 2, rewarded: 2, rewardedThisMonth: 1, leftThisMonth: 0 })
  expect(mine.items.map((f) => f.overCap).sort()).toEqual([false, true])
})
