/**
 * The catalogue as the console sees and edits it: templates, offers and points-mall items
 * with their stock and what was claimed, redeemed or exchanged (from the aggregates), and
 * the edits that stay safe once coupons are out — copy, the window's end, a stock top-up,
 * pausing. Value, kind and the rules members already hold coupons under are not editable.
 */
import { z, IsoDateTime, pageOf } from '../common'
import { CouponTemplateWithStock, Offer, Reward } from './schemas'

export const TemplateIdParams = z.object({ templateId: z.string().min(1).max(40) })

/** Whether members may claim an offer or exchange a reward now. */
export const CatalogueStatus = z.enum(['active', 'paused'])
export type CatalogueStatus = z.infer<typeof CatalogueStatus>

/** Added stock: a positive whole number (stock is never lowered below what was claimed). */
const AddStock = z.number().int().min(1).max(10_000_000)

const atLeastOne = (v: Record<string, unknown>) => Object.values(v).some((x) => x !== undefined)

export const UpdateCouponTemplateRequest = z
  .object({
    name: z.string().trim().min(1).max(40).optional(),
    /** Fixed validity only: a new end (not before now, not before its start). Coupons already issued keep theirs. */
    validUntil: IsoDateTime.optional(),
    /** Stock-limited templates only: added to the stock, atomically. */
    addStock: AddStock.optional(),
  })
  .strict()
  .refine(atLeastOne, { message: 'name at least one field to change' })
  .meta({ id: 'UpdateCouponTemplateRequest' })
export type UpdateCouponTemplateRequest = z.output<typeof UpdateCouponTemplateRequest>

export const UpdateOfferRequest = z
  .object({
    title: z.string().trim().min(1).max(40).optional(),
    description: z.string().max(200).optional(),
    /** A new end of the claim window: not before now, not before its start. */
    claimUntil: IsoDateTime.optional(),
    status: CatalogueStatus.optional(),
  })
  .strict()
  .refine(atLeastOne, { message: 'name at least one field to change' })
  .meta({ id: 'UpdateOfferRequest' })
export type UpdateOfferRequest = z.output<typeof UpdateOfferRequest>

export const UpdateRewardRequest = z
  .object({
    name: z.string().trim().min(1).max(40).optional(),
    description: z.string().max(200).optional(),
    addStock: AddStock.optional(),
    status: CatalogueStatus.optional(),
  })
  .strict()
  .refine(atLeastOne, { message: 'name at least one field to change' })
  .meta({ id: 'UpdateRewardRequest' })
export type UpdateRewardRequest = z.output<typeof UpdateRewardRequest>

export const AdminCouponTemplate = CouponTemplateWithStock.extend({
  /** Coupons of this template issued so far (claims, packs, rewards, staff). */
  issued: z.number().int(),
  /** Redeemed, less those a whole-order refund gave back. */
  redeemed: z.number().int(),
  discountFen: z.number().int(),
  updatedAt: IsoDateTime.nullable(),
}).meta({ id: 'AdminCouponTemplate' })
export type AdminCouponTemplate = z.infer<typeof AdminCouponTemplate>
export const AdminTemplateList = pageOf(AdminCouponTemplate).meta({ id: 'AdminTemplateList' })

export const AdminOffer = Offer.extend({
  status: CatalogueStatus,
  /** The template's stock (null = unlimited) and what is left of it. */
  totalStock: z.number().int().nullable(),
  remainingStock: z.number().int().nullable(),
  /** Coupons claimed from this offer. */
  claimed: z.number().int(),
  redeemed: z.number().int(),
  discountFen: z.number().int(),
  updatedAt: IsoDateTime.nullable(),
}).meta({ id: 'AdminOffer' })
export type AdminOffer = z.infer<typeof AdminOffer>
export const AdminOfferList = pageOf(AdminOffer).meta({ id: 'AdminOfferList' })

export const AdminReward = Reward.extend({
  status: CatalogueStatus,
  /** Exchanges so far (stock is what is left). */
  exchanged: z.number().int(),
  pointsSpent: z.number().int(),
  updatedAt: IsoDateTime.nullable(),
}).meta({ id: 'AdminReward' })
export type AdminReward = z.infer<typeof AdminReward>
export const AdminRewardList = pageOf(AdminReward).meta({ id: 'AdminRewardList' })
