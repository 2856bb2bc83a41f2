/** A member's activity as the console lists it (each read audited): purchases with their items and refunds. */
import { z, Fen, IsoDateTime, pageOf } from '../common'
import { LineItem } from '../purchases/schemas'

export const AdminMemberPurchase = z
  .object({
    storeId: z.string(),
    orderId: z.string(),
    at: IsoDateTime,
    amountFen: Fen,
    /** Points the purchase earned. */
    points: z.number().int(),
    items: z.array(LineItem),
    /** Refunded so far, fen, and the points taken back with it. */
    refundedFen: Fen,
    pointsReversed: z.number().int(),
    refunds: z.array(z.object({ refundId: z.string(), amountFen: Fen, at: IsoDateTime })),
  })
  .meta({ id: 'AdminMemberPurchase' })
export type AdminMemberPurchase = z.infer<typeof AdminMemberPurchase>

/** A member's purchases, newest first. */
export const AdminMemberPurchases = pageOf(AdminMemberPurchase).meta({ id: 'AdminMemberPurchases' })
