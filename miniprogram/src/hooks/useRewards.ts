import { useCallback, useState } from 'react'
import type { z } from 'zod'
import type { Reward, RewardList, RewardRedemption } from '@huiyuan/shared/coupons/schemas'
import { getMyCard } from '../services/members'
import { listRewards, redeemReward } from '../services/coupons'
import { errorMessage, isApiError } from '../services/request'
import { useRemote } from './useRemote'
import { usePaged } from './usePaged'
import { useReloadOnReturn } from './useReloadOnReturn'
import { useTapKeys } from './useTapKeys'

export type RedeemOutcome =
  | { kind: 'redeemed'; result: z.infer<typeof RewardRedemption> }
  | { kind: 'failed'; code: string; message: string }

/**
 * The points mall: rewards a page at a time (加载更多; `rewards.data` holds every page loaded
 * so far), the member's points balance, and exchanging points.
 */
export function useRewards() {
  const paged = usePaged<Reward, z.output<typeof RewardList>>(listRewards)
  const rewards = { ...paged, data: paged.first ? { items: paged.items } : null }
  const card = useRemote(getMyCard)
  const [redeeming, setRedeeming] = useState<string | null>(null)
  const keys = useTapKeys()
  const { reload: reloadRewards, updateItems } = paged
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
        // one fewer in stock; the pages loaded so far stay (a reload would start over)
        updateItems((items) => items.map((r) => (r.rewardId === rewardId ? { ...r, stock: Math.max(0, r.stock - 1) } : r)))
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
    [cardData, keys, setCard, reloadRewards, reloadCard, updateItems],
  )

  return { rewards, card, points: cardData?.points ?? null, redeem, redeeming }
}
