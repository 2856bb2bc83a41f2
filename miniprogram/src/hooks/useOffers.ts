import { useCallback, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import type { z } from 'zod'
import type { Coupon, MemberOffers } from '@huiyuan/shared/coupons/schemas'
import { claimOffer, listOffers, newIdempotencyKey } from '../services/coupons'
import { errorMessage, isApiError } from '../services/request'
import { useRemote } from './useRemote'

export type MemberOffer = z.infer<typeof MemberOffers>['items'][number]

export type ClaimOutcome = { kind: 'claimed'; coupon: Coupon } | { kind: 'failed'; message: string }

/** What an offer looks like after this member claimed one more of it. */
function afterClaim(o: MemberOffer): MemberOffer {
  const claimedByMe = o.claimedByMe + 1
  const remainingStock = o.remainingStock === null ? null : Math.max(0, o.remainingStock - 1)
  const availability = claimedByMe >= o.perMemberLimit ? 'limit_reached' : remainingStock === 0 ? 'sold_out' : o.availability
  return { ...o, claimedByMe, remainingStock, availability }
}

/** What the server's refusal tells us about the offer. */
function afterRefusal(o: MemberOffer, code: string): MemberOffer {
  if (code === 'OUT_OF_STOCK') return { ...o, availability: 'sold_out', remainingStock: 0 }
  if (code === 'LIMIT_REACHED') return { ...o, availability: 'limit_reached', claimedByMe: Math.max(o.claimedByMe, o.perMemberLimit) }
  return o
}

/**
 * The offer centre: offers with their availability for this member, and claiming. Each
 * tap gets its own idempotency key; a retry after a network error reuses it, so the
 * member never gets two coupons from one tap.
 */
export function useOffers() {
  const remote = useRemote(listOffers)
  const [claiming, setClaiming] = useState<string | null>(null)
  /** Coupons claimed on this visit, by offer (for the 去使用 link). */
  const [claimed, setClaimed] = useState<Record<string, Coupon>>({})
  /** offerId → the key of a tap whose answer never arrived. */
  const pendingKeys = useRef(new Map<string, string>())
  const { setData, reload } = remote

  const firstShow = useRef(true)
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else void reload()
  })

  const patch = useCallback(
    (offerId: string, f: (o: MemberOffer) => MemberOffer) =>
      setData(remote.data ? { items: remote.data.items.map((o) => (o.offerId === offerId ? f(o) : o)) } : null),
    [remote.data, setData],
  )

  const claim = useCallback(
    async (offerId: string): Promise<ClaimOutcome> => {
      if (claiming) return { kind: 'failed', message: '正在领取，请稍候' }
      const key = pendingKeys.current.get(offerId) ?? newIdempotencyKey()
      pendingKeys.current.set(offerId, key)
      setClaiming(offerId)
      try {
        const { coupon } = await claimOffer(offerId, key)
        pendingKeys.current.delete(offerId)
        setClaimed((c) => ({ ...c, [offerId]: coupon }))
        patch(offerId, afterClaim)
        return { kind: 'claimed', coupon }
      } catch (e) {
        // Only a lost answer keeps the key (the retry is the same tap); a refusal is final.
        if (!isApiError(e) || e.status !== 0) pendingKeys.current.delete(offerId)
        if (isApiError(e)) patch(offerId, (o) => afterRefusal(o, e.code))
        if (isApiError(e) && e.code === 'OFFER_NOT_AVAILABLE') void reload()
        return { kind: 'failed', message: errorMessage(e) }
      } finally {
        setClaiming(null)
      }
    },
    [claiming, patch, reload],
  )

  return { ...remote, claim, claiming, claimed }
}
