import { useCallback, useState } from 'react'
import type { z } from 'zod'
import type { Coupon, MemberOffers } from '@huiyuan/shared/coupons/schemas'
import { claimOffer, listOffers } from '../services/coupons'
import { errorMessage, isApiError } from '../services/request'
import { getTierTable, type TierTable } from '../services/tiers'
import { usePaged } from './usePaged'
import { useReloadOnReturn } from './useReloadOnReturn'
import { useTapKeys } from './useTapKeys'

export type MemberOffer = z.infer<typeof MemberOffers>['items'][number]

/** The offers loaded so far, with the program's tiers to name who may claim them (null if they could not be loaded). */
export interface OfferCentre {
  items: MemberOffer[]
  tiers: TierTable['tiers'] | null
}

type OfferPage = z.output<typeof MemberOffers> & Pick<OfferCentre, 'tiers'>

/** A page of offers with the tier table (fetched once per launch), so an offer's 仅限… label is right the first time it shows. */
const loadOfferPage = async (cursor?: string): Promise<OfferPage> => {
  const [offers, table] = await Promise.all([listOffers(cursor), getTierTable().catch(() => null)])
  return { ...offers, tiers: table?.tiers ?? null }
}

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
 * The offer centre, a page at a time (加载更多): offers with their availability for this
 * member, and claiming. `data` holds every page loaded so far. Each
 * tap gets its own idempotency key; a retry after a network error reuses it, so the
 * member never gets two coupons from one tap.
 */
export function useOffers() {
  const paged = usePaged<MemberOffer, OfferPage>(loadOfferPage)
  const [claiming, setClaiming] = useState<string | null>(null)
  /** Coupons claimed on this visit, by offer (for the 去使用 link). */
  const [claimed, setClaimed] = useState<Record<string, Coupon>>({})
  const keys = useTapKeys()
  const { updateItems, reload } = paged

  useReloadOnReturn(reload)

  const patch = useCallback(
    (offerId: string, f: (o: MemberOffer) => MemberOffer) => updateItems((items) => items.map((o) => (o.offerId === offerId ? f(o) : o))),
    [updateItems],
  )

  const claim = useCallback(
    async (offerId: string): Promise<ClaimOutcome> => {
      if (claiming) return { kind: 'failed', message: '正在领取，请稍候' }
      const key = keys.keyFor(offerId)
      setClaiming(offerId)
      try {
        const { coupon } = await claimOffer(offerId, key)
        keys.answered(offerId)
        setClaimed((c) => ({ ...c, [offerId]: coupon }))
        patch(offerId, afterClaim)
        return { kind: 'claimed', coupon }
      } catch (e) {
        keys.failed(offerId, e)
        if (isApiError(e)) patch(offerId, (o) => afterRefusal(o, e.code))
        if (isApiError(e) && e.code === 'OFFER_NOT_AVAILABLE') void reload()
        return { kind: 'failed', message: errorMessage(e) }
      } finally {
        setClaiming(null)
      }
    },
    [claiming, keys, patch, reload],
  )

  const data: OfferCentre | null = paged.first ? { items: paged.items, tiers: paged.first.tiers } : null
  return { ...paged, data, claim, claiming, claimed }
}
