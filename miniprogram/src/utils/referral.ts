/**
 * 邀请有礼, the words without the platform: what each side gets and when, the program's
 * limits in plain Chinese, a friend's status, and the invite code as an image. Types only
 * from the shared contract (its values would bring zod's classic API along).
 */
import type { MyReferral, ReferredFriend } from '@huiyuan/shared/referrals/schemas'
import { pageUrl } from '../paths'
import { shanghaiDateTime, thousands, yuanGrouped } from './format'
import { qrDataUrl } from './qr'

export type ReferralRulesView = MyReferral['rules']
type RewardView = ReferralRulesView['referrer']

/** A coupon template's name as a reward: 满100减20 → 满100减20券; 九折券 stays. */
const couponName = (name: string) => (name.endsWith('券') ? name : `${name}券`)

/** "200 积分 + 满100减20券"; '' when the side gets nothing. */
export function rewardText(reward: RewardView): string {
  return [reward.points > 0 ? `${thousands(reward.points)} 积分` : '', ...reward.coupons.map((c) => couponName(c.name))]
    .filter(Boolean)
    .join(' + ')
}

/** When both are rewarded: 好友加入会员后 / 好友首次消费后 / 好友首次消费满 ¥50 后. */
export function rewardMoment(rules: Pick<ReferralRulesView, 'rewardOn' | 'minPurchaseFen'>): string {
  if (rules.rewardOn === 'join') return '好友加入会员后'
  return rules.minPurchaseFen > 0 ? `好友首次消费满 ¥${yuanGrouped(rules.minPurchaseFen)} 后` : '好友首次消费后'
}

/**
 * 好友首次消费后，你得 200 积分 + 满100减20券，好友得 100 积分 ('' when neither side gets
 * anything). A monthly cap of 0 rewards no referrer: only the friend's side is named.
 */
export function rewardSummary(rules: ReferralRulesView): string {
  const mine = rules.monthlyCap > 0 ? rewardText(rules.referrer) : ''
  const theirs = rewardText(rules.friend)
  if (!mine && !theirs) return ''
  return `${rewardMoment(rules)}，${[mine ? `你得 ${mine}` : '', theirs ? `好友得 ${theirs}` : ''].filter(Boolean).join('，')}`
}

/** The fine print under the rewards: the monthly cap, the clawback after a refund, no self-invitation. */
export function ruleNotes(rules: ReferralRulesView): string[] {
  const notes: string[] = []
  if (rules.monthlyCap > 0 && rewardText(rules.referrer)) notes.push(`每月最多因 ${rules.monthlyCap} 位好友获得奖励，超出后好友仍有奖励`)
  if (rules.rewardOn === 'first_purchase' && rules.clawbackDays > 0)
    notes.push(`好友首次消费后 ${rules.clawbackDays} 天内全额退款的，双方奖励将被收回`)
  notes.push('好友需为新会员，邀请自己不计入')
  return notes
}

export type FriendTone = 'pending' | 'rewarded' | 'capped' | 'clawed'

/** A friend's status tag: 待首单 / 已奖励 / 本月已达上限 / 已追回. */
export function friendStatus(friend: ReferredFriend, rewardOn: ReferralRulesView['rewardOn']): { label: string; tone: FriendTone } {
  switch (friend.status) {
    case 'pending':
      return { label: rewardOn === 'first_purchase' ? '待首单' : '待发放', tone: 'pending' }
    case 'clawed_back':
      return { label: '已追回', tone: 'clawed' }
    default:
      return friend.overCap ? { label: '本月已达上限', tone: 'capped' } : { label: '已奖励', tone: 'rewarded' }
  }
}

/** What the member got for this friend: "+200 积分 · 1 张券"; '' when nothing (yet). */
export function friendReward(friend: ReferredFriend): string {
  if (friend.status !== 'rewarded') return ''
  return [friend.points > 0 ? `+${thousands(friend.points)} 积分` : '', friend.coupons > 0 ? `${friend.coupons} 张券` : '']
    .filter(Boolean)
    .join(' · ')
}

/** "2026-11-25T10:05:00+08:00" → "2026年11月25日" (Shanghai). */
export const joinedOn = (iso: string) => shanghaiDateTime(iso).split(' ')[0] ?? iso

/**
 * The invite code as an image: WeChat's mini-program code (PNG) when the API made one,
 * else the link drawn as a QR code. `base64` and `ext` for saving it as a file.
 */
export function inviteImage(referral: Pick<MyReferral, 'kind' | 'url' | 'pngBase64'>): { src: string; base64: string; ext: string } | null {
  if (referral.kind === 'wxacode' && referral.pngBase64)
    return { src: `data:image/png;base64,${referral.pngBase64}`, base64: referral.pngBase64, ext: 'png' }
  if (!referral.url) return null
  const src = qrDataUrl(referral.url, 8, 2)
  return { src, base64: src.slice(src.indexOf(',') + 1), ext: 'gif' }
}

/** Where a shared invitation opens: the join page with the invitation's scene (`s=<store>&r=<token>`). */
export const invitePath = (scene: string) => pageUrl('join', { scene })
