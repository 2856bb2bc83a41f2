import type { ReferredFriend } from '@huiyuan/shared/referrals/schemas'
import {
  friendReward,
  friendStatus,
  inviteImage,
  invitePath,
  joinedOn,
  rewardMoment,
  rewardSummary,
  ruleNotes,
  rewardText,
} from './referral'

const rules = {
  rewardOn: 'first_purchase' as const,
  minPurchaseFen: 0,
  referrer: { points: 200, coupons: [{ templateId: 'T1', name: '满100减20' }] },
  friend: { points: 100, coupons: [] },
  monthlyCap: 10,
  clawbackDays: 30,
}

const friend = (f: Partial<ReferredFriend>): ReferredFriend => ({
  name: '李*',
  joinedAt: '2026-11-25T02:05:00Z',
  status: 'pending',
  points: 0,
  coupons: 0,
  overCap: false,
  ...f,
})

describe('邀请有礼 wording', () => {
  test('what each side gets: points, then coupons by name (券 added once)', () => {
    expect(rewardText(rules.referrer)).toBe('200 积分 + 满100减20券')
    expect(rewardText({ points: 1500, coupons: [{ templateId: 'T2', name: '九折券' }] })).toBe('1,500 积分 + 九折券')
    expect(rewardText({ points: 0, coupons: [{ templateId: 'T2', name: '九折券' }] })).toBe('九折券')
    expect(rewardText({ points: 0, coupons: [] })).toBe('')
  })

  test('when both are rewarded, and the sentence on the poster', () => {
    expect(rewardSummary(rules)).toBe('好友首次消费后，你得 200 积分 + 满100减20券，好友得 100 积分')
    expect(rewardMoment({ rewardOn: 'first_purchase', minPurchaseFen: 5_000 })).toBe('好友首次消费满 ¥50 后')
    expect(rewardMoment({ rewardOn: 'join', minPurchaseFen: 5_000 })).toBe('好友加入会员后')
    expect(rewardSummary({ ...rules, referrer: { points: 0, coupons: [] } })).toBe('好友首次消费后，好友得 100 积分')
    expect(rewardSummary({ ...rules, monthlyCap: 0 })).toBe('好友首次消费后，好友得 100 积分')
    expect(rewardSummary({ ...rules, referrer: { points: 0, coupons: [] }, friend: { points: 0, coupons: [] } })).toBe('')
  })

  test('the fine print names the cap and the clawback only when they apply', () => {
    expect(ruleNotes(rules)).toEqual([
      '每月最多因 10 位好友获得奖励，超出后好友仍有奖励',
      '好友首次消费后 30 天内全额退款的，双方奖励将被收回',
      '好友需为新会员，邀请自己不计入',
    ])
    expect(ruleNotes({ ...rules, rewardOn: 'join', monthlyCap: 0 })).toEqual(['好友需为新会员，邀请自己不计入'])
  })

  test("a friend's tag and what the member got for them", () => {
    expect(friendStatus(friend({}), 'first_purchase')).toEqual({ label: '待首单', tone: 'pending' })
    expect(friendStatus(friend({}), 'join')).toEqual({ label: '待发放', tone: 'pending' })
    expect(friendStatus(friend({ status: 'rewarded', points: 200 }), 'first_purchase')).toEqual({ label: '已奖励', tone: 'rewarded' })
    expect(friendStatus(friend({ status: 'rewarded', overCap: true }), 'first_purchase')).toEqual({ label: '本月已达上限', tone: 'capped' })
    expect(friendStatus(friend({ status: 'clawed_back', points: 200 }), 'first_purchase')).toEqual({ label: '已追回', tone: 'clawed' })
    expect(friendReward(friend({ status: 'rewarded', points: 1200, coupons: 1 }))).toBe('+1,200 积分 · 1 张券')
    expect(friendReward(friend({ status: 'rewarded', overCap: true }))).toBe('')
    expect(friendReward(friend({ status: 'clawed_back', points: 200 }))).toBe('')
    expect(friendReward(friend({ points: 200 }))).toBe('')
    expect(joinedOn('2026-11-25T17:05:00Z')).toBe('2026年11月26日')
  })

  test('the invite code: the mini-program code when there is one, else the link as a QR code', () => {
    expect(inviteImage({ kind: 'wxacode', pngBase64: 'iVBORw0KGgo=' })).toEqual({
      src: 'data:image/png;base64,iVBORw0KGgo=',
      base64: 'iVBORw0KGgo=',
      ext: 'png',
    })
    const qr = inviteImage({ kind: 'link', url: 'https://m.example.com/#/pages/join/index?scene=s%3DS001%26r%3DAB12CD34' })
    expect(qr?.src).toMatch(/^data:image\/gif;base64,/)
    expect(qr?.ext).toBe('gif')
    expect(
      Buffer.from(qr?.base64 ?? '', 'base64')
        .subarray(0, 6)
        .toString('latin1'),
    ).toBe('GIF87a')
    expect(inviteImage({ kind: 'link' })).toBeNull()
    expect(invitePath('s=S001&r=AB12CD34')).toBe('/pages/join/index?scene=s%3DS001%26r%3DAB12CD34')
  })
})
