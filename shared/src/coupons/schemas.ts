import { z, Fen, Points, IsoDateTime, CalendarDate, PageQuery, pageOf } from '../common'

export const CouponKind = z.enum(['cash_off', 'percent_off', 'gift', 'service'])
export type CouponKind = z.infer<typeof CouponKind>

export const Validity = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fixed'), from: IsoDateTime, until: IsoDateTime }),
  z.object({ type: z.literal('relative'), days: z.number().int().min(1).max(3650) }),
])

export const CreateCouponTemplateRequest = z
  .object({
    name: z.string().trim().min(1).max(40),
    kind: CouponKind,
    /** cash_off: the amount taken off, in fen (满100减20 → valueFen 2000, thresholdFen 10000). */
    valueFen: Fen.optional(),
    /** percent_off: the share paid, in percent (8.5折 → 85). */
    percentPaid: z.number().int().min(1).max(99).optional(),
    /** percent_off: the most it takes off, in fen. */
    capFen: Fen.optional(),
    /** Minimum order amount for the coupon to apply. */
    thresholdFen: Fen.default(0),
    /** gift / service: what the member receives. */
    itemName: z.string().max(60).optional(),
    validity: Validity,
    /** Empty = every store. */
    storeIds: z.array(z.string().min(1).max(40)).max(500).default([]),
    /** Empty = every tier. */
    tierCodes: z.array(z.string().min(1).max(20)).max(20).default([]),
    /** null = unlimited. */
    totalStock: z.number().int().min(1).max(10_000_000).nullable(),
    perMemberLimit: z.number().int().min(1).max(100).default(1),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'cash_off' && !v.valueFen) ctx.addIssue({ code: 'custom', path: ['valueFen'], message: 'required for cash_off' })
    if (v.kind === 'cash_off' && v.valueFen && v.thresholdFen && v.valueFen > v.thresholdFen)
      ctx.addIssue({ code: 'custom', path: ['valueFen'], message: 'must not exceed the threshold' })
    if (v.kind === 'percent_off' && !v.percentPaid)
      ctx.addIssue({ code: 'custom', path: ['percentPaid'], message: 'required for percent_off' })
    if ((v.kind === 'gift' || v.kind === 'service') && !v.itemName)
      ctx.addIssue({ code: 'custom', path: ['itemName'], message: 'required for gift and service coupons' })
    // As instants: the two may carry different offsets.
    if (v.validity.type === 'fixed' && Date.parse(v.validity.until) <= Date.parse(v.validity.from))
      ctx.addIssue({ code: 'custom', path: ['validity', 'until'], message: 'must be after from' })
  })
  .meta({ id: 'CreateCouponTemplateRequest' })
export type CreateCouponTemplateRequest = z.input<typeof CreateCouponTemplateRequest>

/** What a coupon is worth, as numbers (the UI draws the big figure from these). */
export const CouponTerms = z.object({
  kind: CouponKind,
  /** cash_off: fen taken off. */
  valueFen: Fen.optional(),
  /** percent_off: share paid in percent (85 = 8.5折). */
  percentPaid: z.number().int().optional(),
  /** percent_off: the most it takes off, fen. */
  capFen: Fen.optional(),
  thresholdFen: Fen,
  /** gift / service: what the member receives. */
  itemName: z.string().optional(),
})
export type CouponTerms = z.infer<typeof CouponTerms>

export const CouponTemplate = z
  .object({
    templateId: z.string(),
    name: z.string(),
    ...CouponTerms.shape,
    validity: Validity,
    storeIds: z.array(z.string()),
    tierCodes: z.array(z.string()),
    totalStock: z.number().int().nullable(),
    perMemberLimit: z.number().int(),
    /** Human summary, e.g. 满100减20 / 8.5折 / 赠：帆布袋 */
    summary: z.string(),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'CouponTemplate' })
export type CouponTemplate = z.infer<typeof CouponTemplate>

export const CouponTemplateWithStock = CouponTemplate.extend({ remainingStock: z.number().int().nullable() }).meta({
  id: 'CouponTemplateWithStock',
})

export const CreateOfferRequest = z
  .object({
    templateId: z.string().min(1).max(40),
    title: z.string().trim().min(1).max(40),
    description: z.string().max(200).default(''),
    claimFrom: IsoDateTime,
    claimUntil: IsoDateTime,
    /** Empty = every tier. */
    audienceTiers: z.array(z.string().min(1).max(20)).max(20).default([]),
  })
  .refine((v) => Date.parse(v.claimUntil) > Date.parse(v.claimFrom), { path: ['claimUntil'], message: 'must be after claimFrom' })
  .meta({ id: 'CreateOfferRequest' })
export type CreateOfferRequest = z.input<typeof CreateOfferRequest>

export const OfferAvailability = z.enum(['available', 'limit_reached', 'sold_out', 'not_started', 'ended', 'not_eligible'])
export type OfferAvailability = z.infer<typeof OfferAvailability>

export const Offer = z
  .object({
    offerId: z.string(),
    templateId: z.string(),
    title: z.string(),
    description: z.string(),
    claimFrom: IsoDateTime,
    claimUntil: IsoDateTime,
    audienceTiers: z.array(z.string()),
    summary: z.string(),
    kind: CouponKind,
    createdAt: IsoDateTime,
  })
  .meta({ id: 'Offer' })
export type Offer = z.infer<typeof Offer>

export const MemberOffer = Offer.extend(CouponTerms.shape)
  .extend({
    availability: OfferAvailability,
    /** Remaining stock (null = unlimited); an indication, refreshed every few seconds. */
    remainingStock: z.number().int().nullable(),
    /** Total stock (null = unlimited), for "已抢 N%" bars. */
    totalStock: z.number().int().nullable(),
    claimedByMe: z.number().int(),
    perMemberLimit: z.number().int(),
  })
  .meta({ id: 'MemberOffer' })

/** The offer centre, ending soonest first. */
export const MemberOffers = pageOf(MemberOffer).meta({ id: 'MemberOffers' })
export const OfferList = pageOf(Offer).meta({ id: 'OfferList' })
export const TemplateList = pageOf(CouponTemplateWithStock).meta({ id: 'TemplateList' })

export const CouponStatus = z.enum(['issued', 'redeemed', 'expired', 'revoked'])

/** Where a coupon came from. */
export const CouponSource = z.enum(['offer', 'reward', 'welcome', 'birthday', 'staff', 'campaign', 'referral'])
export type CouponSource = z.infer<typeof CouponSource>

export const Coupon = z
  .object({
    /** Printed on the coupon and in its QR / barcode; a check character catches typos. */
    code: z.string(),
    templateId: z.string(),
    name: z.string(),
    ...CouponTerms.shape,
    summary: z.string(),
    status: CouponStatus,
    /** usable = issued and within validity now. */
    usable: z.boolean(),
    validFrom: IsoDateTime,
    validUntil: IsoDateTime,
    storeIds: z.array(z.string()),
    source: CouponSource,
    issuedAt: IsoDateTime,
    redeemedAt: IsoDateTime.nullable(),
    redeemedStoreId: z.string().nullable(),
  })
  .meta({ id: 'Coupon' })
export type Coupon = z.infer<typeof Coupon>

export const ClaimResult = z.object({ coupon: Coupon, replayed: z.boolean() }).meta({ id: 'ClaimResult' })

export const WalletQuery = PageQuery.extend({ status: z.enum(['usable', 'used', 'expired']).default('usable') })
/** One tab of the wallet, by validity end (soonest first). */
export const Wallet = pageOf(Coupon).meta({ id: 'Wallet' })

export const OfferIdParams = z.object({ offerId: z.string().min(1).max(40) })
export const CouponCodeParams = z.object({ code: z.string().min(1).max(40) })

export const RedeemCouponRequest = z
  .object({
    couponCode: z.string().trim().min(1).max(40),
    storeId: z.string().min(1).max(40),
    orderId: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_\-.:]+$/, 'letters, digits and _-.: only'),
    /** The order amount before the coupon, to check the threshold. */
    orderAmountFen: Fen,
  })
  .meta({ id: 'RedeemCouponRequest' })
export type RedeemCouponRequest = z.infer<typeof RedeemCouponRequest>

export const RedemptionResult = z
  .object({
    couponCode: z.string(),
    name: z.string(),
    summary: z.string(),
    /** What the till takes off the order (0 for gift / service coupons). */
    discountFen: Fen,
    itemName: z.string().nullable(),
    storeId: z.string(),
    orderId: z.string(),
    redeemedAt: IsoDateTime,
    replayed: z.boolean(),
  })
  .meta({ id: 'RedemptionResult' })
export type RedemptionResult = z.infer<typeof RedemptionResult>

export const CreateRewardRequest = z
  .object({
    name: z.string().trim().min(1).max(40),
    description: z.string().max(200).default(''),
    pointsCost: Points.min(1).max(10_000_000),
    kind: z.enum(['coupon', 'gift']),
    /** For kind coupon: the template issued. */
    templateId: z.string().optional(),
    stock: z.number().int().min(0).max(10_000_000),
  })
  .refine((v) => v.kind !== 'coupon' || Boolean(v.templateId), { path: ['templateId'], message: 'required for coupon rewards' })
  .meta({ id: 'CreateRewardRequest' })
export type CreateRewardRequest = z.input<typeof CreateRewardRequest>

export const Reward = z
  .object({
    rewardId: z.string(),
    name: z.string(),
    description: z.string(),
    pointsCost: Points,
    kind: z.enum(['coupon', 'gift']),
    templateId: z.string().nullable(),
    stock: z.number().int(),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'Reward' })
export type Reward = z.infer<typeof Reward>

/** Points-mall items, newest first. */
export const RewardList = pageOf(Reward).meta({ id: 'RewardList' })
export const RewardIdParams = z.object({ rewardId: z.string().min(1).max(40) })
export const RewardRedemption = z
  .object({
    rewardId: z.string(),
    pointsSpent: Points,
    pointsBalance: Points,
    coupon: Coupon.nullable(),
    giftName: z.string().nullable(),
    replayed: z.boolean(),
  })
  .meta({ id: 'RewardRedemption' })
export type RewardRedemption = z.infer<typeof RewardRedemption>

export const PacksDate = CalendarDate
