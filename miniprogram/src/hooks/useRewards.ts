import { useCallback, useState } from 'react'
import type { z } from 'zod'
import type { RewardRedemption } from '@huiyuan/shared/coupons/schemas'
import { getMyCard } from '../services/members'
import { listRewards, redeemReward } from '../services/coupons'
import { errorMessage, isApiError } from '../services/request'
import { useRemote } from './useRemote'
import { useReloadOnReturn } from './useReloadOnReturn'
import { useTapKeys } from './useTapKeys'

export type RedeemOutcome =
  | { kind: 'redeemed'; result: z.infer<typeof RewardRedemption> }
  | { kind: 'failed'; code: string; message: string }

/** The points mall: rewards, the member's points balance, and exchanging points. */
export function useRewards() {
  const rewards = useRemote(listRewards)
  const card = useRemote(getMyCard)
  const [redeeming, setRedeeming] = useState<string | null>(null)
  const keys = useTapKeys()
  const { reload: reloadRewards } = rewards
  const { reload: reloadCard, setData: setCard, data: cardData } = card

  useReloadOnReturn(() => Promise.all([reloadRewards(), reloadCard()]))

  const redeem = useCallback(
    async (rewardId: string): Promise<RedeemOutcome> => {
      const key = keys.keyFor(rewardId)
      setRedeeming(rewardId)
      try {
        const result = await redeemReward(rewardId, key)
        keys.answered(rewardId)
        if (cardData) setCard({ ...cardData, points: result.pointsBalance })
        void reloadRewards()
        return { kind: 'redeemed', result }
      } catch (e) {
        keys.failed(rewardId, e)
        if (isApiError(e) && (e.code === 'OUT_OF_STOCK' || e.code === 'INSUFFICIENT_POINTS'))
          void Promise.all([reloadRewards(), reloadCard()])
        return { kind: 'failed', code: isApiError(e) ? e.code : 'UNKNOWN', message: errorMessage(e) }
      } finally {
        setRedeeming(null)
      }
    },
    [cardData, keys, setCard, reloadRewards, reloadCard],
  )

  return { rewards, card, points: cardData?.points ?? null, redeem, redeeming }
}
