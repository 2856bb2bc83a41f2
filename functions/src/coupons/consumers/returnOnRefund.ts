/** PurchaseRefunded of the whole order → the coupons redeemed on it come back (PRODUCT.md §6). */
import { on } from '../../platform/events/dispatch'
import type { CouponsService } from '../service'

export const returnCouponsOnRefund = (deps: { coupons: Pick<CouponsService, 'returnRedeemedOn'> }) =>
  on('PurchaseRefunded', 'coupons.returnOnRefund', async (event) => {
    const { storeId, orderId, wholeOrder } = event.payload
    if (!wholeOrder) return
    await deps.coupons.returnRedeemedOn(storeId, orderId, new Date(event.occurredAt))
  })
