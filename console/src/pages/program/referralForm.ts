/**
 * The referral rules (推荐有礼) as the program form edits them: the first purchase's minimum
 * in yuan, each side's points and coupon templates; and back to the rules the API takes
 * (integer fen). The minimum and the clawback period count only when the reward waits for
 * the friend's first purchase: rewarding on joining, an emptied input keeps the saved value.
 */
import type { ReferralReward, ReferralRules } from '@huiyuan/shared/referrals/schemas'
import { fenOf, yuanOf } from '../../lib/money'
import { num } from './formValues'

/** The most coupon templates one side receives (the shared schema's limit). */
export const MAX_REWARD_TEMPLATES = 3

export interface ReferralRewardForm {
  points: number | null
  templateIds: string[]
}

export interface ReferralForm {
  enabled: boolean
  rewardOn: ReferralRules['rewardOn']
  minPurchaseYuan: number | null
  referrer: ReferralRewardForm
  friend: ReferralRewardForm
  monthlyCap: number | null
  clawbackDays: number | null
}

const rewardToForm = (r: ReferralReward): ReferralRewardForm => ({ points: r.points, templateIds: [...r.templateIds] })

export const referralToForm = (r: ReferralRules): ReferralForm => ({
  enabled: r.enabled,
  rewardOn: r.rewardOn,
  minPurchaseYuan: yuanOf(r.minPurchaseFen),
  referrer: rewardToForm(r.referrer),
  friend: rewardToForm(r.friend),
  monthlyCap: r.monthlyCap,
  clawbackDays: r.clawbackDays,
})

const rewardOf = (f: Partial<ReferralRewardForm> | undefined, base: ReferralReward): ReferralReward => ({
  points: f ? num(f.points) : base.points,
  templateIds: f ? (f.templateIds ?? []) : base.templateIds,
})

/** The rules the form's values describe, over the saved `base` where the form has none. */
export const referralOf = (f: ReferralForm | undefined, base: ReferralRules): ReferralRules => {
  if (!f) return base
  const rewardOn = f.rewardOn ?? base.rewardOn
  const onPurchase = (v: number | null | undefined, saved: number): number => (rewardOn === 'first_purchase' ? num(v) : (v ?? saved))
  return {
    enabled: f.enabled ?? base.enabled,
    rewardOn,
    minPurchaseFen: onPurchase(fenOf(f.minPurchaseYuan), base.minPurchaseFen),
    referrer: rewardOf(f.referrer, base.referrer),
    friend: rewardOf(f.friend, base.friend),
    monthlyCap: num(f.monthlyCap),
    clawbackDays: onPurchase(f.clawbackDays, base.clawbackDays),
  }
}

/** A wire path under `referral` (`referral.minPurchaseFen`, `referral.friend.templateIds.2`) → the form's; others unchanged. */
export const referralFormPath = (p: string): string => {
  if (p === 'referral.minPurchaseFen') return 'referral.minPurchaseYuan'
  const ids = /^referral\.(referrer|friend)\.templateIds\.\d+$/.exec(p)
  if (ids) return `referral.${ids[1]}.templateIds`
  return p
}
