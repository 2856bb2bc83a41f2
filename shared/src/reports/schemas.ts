/**
 * The console's reports (GET /v1/admin/reports/{name}): each answers from the daily
 * aggregates the events keep (functions/src/reports), never from the members' own items.
 * Dates are calendar days in the program's time zone (Asia/Shanghai); money is fen.
 */
import { z, Fen, Points, CalendarDate, IsoDateTime, MonthString } from '../common'

export const REPORT_NAMES = ['overview', 'tiers', 'points-liability', 'coupons', 'stores', 'stored-value', 'settlement'] as const
export const ReportName = z.enum(REPORT_NAMES)
export type ReportName = z.infer<typeof ReportName>

export const ReportParams = z.object({ name: ReportName })

/** At most this many days in one report's range. */
export const MAX_REPORT_DAYS = 366

const Percent = z.coerce.number().int().min(0).max(100)

/** A calendar quarter, e.g. 2026-Q4. */
export const QuarterString = z.string().regex(/^\d{4}-Q[1-4]$/, 'must be a quarter YYYY-Qn, e.g. 2026-Q4')

export const ReportQuery = z
  .object({
    /** First day of the range (default: 29 days before `to`). */
    from: CalendarDate.optional(),
    /** Last day of the range (default: today). */
    to: CalendarDate.optional(),
    /** overview: one store's figures; stores: that store only. Others are program-wide. */
    storeId: z.string().min(1).max(40).optional(),
    /** points-liability: share of outstanding points expected redeemed within a year (default 30). */
    redemptionYearOnePct: Percent.optional(),
    /** points-liability: share expected redeemed within two years, cumulative (default 50); the rest is breakage. */
    redemptionYearTwoPct: Percent.optional(),
    /** stored-value: the quarter of the prepaid-funds figures (default: the current one). */
    quarter: QuarterString.optional(),
    /** settlement: the month settled (default: this month). */
    month: MonthString.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['from'], message: 'must not be after to' })
  .refine(
    (q) => q.redemptionYearOnePct === undefined || q.redemptionYearTwoPct === undefined || q.redemptionYearOnePct <= q.redemptionYearTwoPct,
    { path: ['redemptionYearTwoPct'], message: 'must not be below redemptionYearOnePct (it is cumulative)' },
  )
  .meta({ id: 'ReportQuery' })
export type ReportQuery = z.output<typeof ReportQuery>

const RangeFields = {
  from: CalendarDate,
  to: CalendarDate,
  generatedAt: IsoDateTime,
}

/** What members did in a period (a day, a month, a range). */
export const ActivityFigures = z
  .object({
    newMembers: z.number().int(),
    purchases: z.number().int(),
    /** Member sales (purchases), fen. */
    salesFen: Fen,
    /** Refunds of member purchases, fen. */
    refundsFen: Fen,
    /** salesFen − refundsFen (may be negative for a day of refunds only). */
    netSalesFen: z.number().int(),
    pointsIssued: Points,
    pointsRedeemed: Points,
    checkins: z.number().int(),
    couponsIssued: z.number().int(),
    /** Redemptions less those a whole-order refund gave back. */
    couponsRedeemed: z.number().int(),
    discountFen: z.number().int(),
  })
  .meta({ id: 'ActivityFigures' })

export const DayFigures = ActivityFigures.extend({
  date: CalendarDate,
  /** Distinct members with a purchase or a check-in that day. */
  activeMembers: z.number().int(),
}).meta({ id: 'DayFigures' })

export const MonthFigures = ActivityFigures.extend({
  month: MonthString,
  /** Distinct members with a purchase or a check-in in the month. */
  activeMembers: z.number().int(),
}).meta({ id: 'MonthFigures' })

export const RangeFigures = ActivityFigures.extend({
  /** Σ of each day's distinct active members ÷ days. */
  averageDailyActiveMembers: z.number(),
}).meta({ id: 'RangeFigures' })

export const OverviewPoint = z
  .object({
    date: CalendarDate,
    newMembers: z.number().int(),
    activeMembers: z.number().int(),
    purchases: z.number().int(),
    salesFen: Fen,
    refundsFen: Fen,
    pointsIssued: Points,
    pointsRedeemed: Points,
    checkins: z.number().int(),
    couponsRedeemed: z.number().int(),
    /** Members at the end of the day (member growth). */
    members: z.number().int(),
  })
  .meta({ id: 'OverviewPoint' })

export const OverviewReport = z
  .object({
    name: z.literal('overview'),
    ...RangeFields,
    /** The store the figures are of; null: the whole program. */
    storeId: z.string().nullable(),
    /** Members now (joined, less erased). */
    members: z.number().int(),
    today: DayFigures,
    month: MonthFigures,
    range: RangeFigures,
    /** One point per day of the range, for sparklines. */
    series: z.array(OverviewPoint),
    /** Distinct active members of each month the range touches. */
    monthlyActive: z.array(z.object({ month: MonthString, activeMembers: z.number().int() })),
  })
  .meta({ id: 'OverviewReport' })
export type OverviewReport = z.infer<typeof OverviewReport>

export const TiersReport = z
  .object({
    name: z.literal('tiers'),
    ...RangeFields,
    totalMembers: z.number().int(),
    /** Members per tier now, lowest tier first. */
    distribution: z.array(
      z.object({ tierCode: z.string(), tierName: z.string(), members: z.number().int(), share: z.number().min(0).max(1) }),
    ),
    /** Tier changes per month of the range. */
    movements: z.array(z.object({ month: MonthString, up: z.number().int(), down: z.number().int() })),
  })
  .meta({ id: 'TiersReport' })
export type TiersReport = z.infer<typeof TiersReport>

export const PointsLiabilityReport = z
  .object({
    name: z.literal('points-liability'),
    ...RangeFields,
    /** Points members hold now: issued − redeemed − expired − reversed − deducted, all time. */
    outstandingPoints: Points,
    /** Points worth one yuan when redeemed (program rules). */
    pointsPerYuan: z.number().int(),
    /** outstandingPoints at their redemption value, fen. */
    liabilityFen: z.number().int(),
    lifetime: z.object({
      issued: Points,
      redeemed: Points,
      expired: Points,
      reversed: Points,
      /** Taken off by manual adjustments. */
      deducted: Points,
    }),
    /** Per month of the range. */
    monthly: z.array(
      z.object({ month: MonthString, issued: Points, redeemed: Points, expired: Points, reversed: Points, deducted: Points }),
    ),
    /** Redemption assumptions (PRODUCT.md §3 defaults 30% within one year, 50% within two) and what they imply. */
    breakage: z.object({
      redemptionYearOnePct: z.number().int(),
      redemptionYearTwoPct: z.number().int(),
      /** Expected redemption cost in the next year, fen. */
      expectedYearOneCostFen: z.number().int(),
      /** Expected redemption cost in the year after, fen. */
      expectedYearTwoCostFen: z.number().int(),
      /** The share of the liability expected never to be redeemed. */
      expectedBreakagePct: z.number().int(),
      expectedBreakageFen: z.number().int(),
    }),
    /** Member sales less refunds in the range, fen. */
    netSalesFen: z.number().int(),
    /** liabilityFen ÷ netSalesFen of the range (null without sales); ~1% is typical. */
    liabilityShareOfSales: z.number().nullable(),
    /** Expected redemption cost ÷ netSalesFen of the range (null without sales). */
    expectedCostShareOfSales: z.number().nullable(),
  })
  .meta({ id: 'PointsLiabilityReport' })
export type PointsLiabilityReport = z.infer<typeof PointsLiabilityReport>

const CouponFigures = {
  issued: z.number().int(),
  redeemed: z.number().int(),
  /** redeemed ÷ issued (null when none issued). */
  redemptionRate: z.number().nullable(),
  discountFen: z.number().int(),
}

export const CouponsReport = z
  .object({
    name: z.literal('coupons'),
    ...RangeFields,
    /** Coupons issued (claims, packs, rewards…) and redeemed in the range. */
    range: z.object(CouponFigures),
    /** Per day of the range. */
    series: z.array(z.object({ date: CalendarDate, issued: z.number().int(), redeemed: z.number().int(), discountFen: z.number().int() })),
    /** Per month of the range. */
    monthly: z.array(z.object({ month: MonthString, issued: z.number().int(), redeemed: z.number().int(), discountFen: z.number().int() })),
    /** Every template with activity, over its whole life, most issued first. */
    templates: z.array(z.object({ templateId: z.string(), name: z.string(), summary: z.string(), ...CouponFigures })),
  })
  .meta({ id: 'CouponsReport' })
export type CouponsReport = z.infer<typeof CouponsReport>

export const StoresReport = z
  .object({
    name: z.literal('stores'),
    ...RangeFields,
    /** Per store, figures of the range (members: now). Sorted by net sales, highest first. */
    stores: z.array(
      z.object({
        storeId: z.string(),
        name: z.string(),
        members: z.number().int(),
        newMembers: z.number().int(),
        purchases: z.number().int(),
        salesFen: Fen,
        refundsFen: Fen,
        netSalesFen: z.number().int(),
        couponsRedeemed: z.number().int(),
        checkins: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'StoresReport' })
export type StoresReport = z.infer<typeof StoresReport>

/** Stored value, fen: principal (money paid, refundable) and bonus (added by packages, never paid out) apart. */
export const StoredValueAmount = z.object({ principalFen: z.number().int(), bonusFen: z.number().int() }).meta({ id: 'StoredValueAmount' })
export type StoredValueAmount = z.infer<typeof StoredValueAmount>

/** What moved on members' cards in a period. */
export const StoredValueMovements = z
  .object({
    topUps: z.number().int(),
    /** Paid in (principal) and added by the packages (bonus). */
    toppedUp: StoredValueAmount,
    spends: z.number().int(),
    spent: StoredValueAmount,
    /** Refunds of orders paid from the card: put back on it, in the split they were paid. */
    refunds: z.number().int(),
    refunded: StoredValueAmount,
  })
  .meta({ id: 'StoredValueMovements' })

export const StoredValueReport = z
  .object({
    name: z.literal('stored-value'),
    ...RangeFields,
    /** What members' cards hold now (the prepaid liability). */
    balance: StoredValueAmount,
    /** The range's movements. */
    range: StoredValueMovements,
    /** Per day of the range: its movements and the balance at its end. */
    series: z.array(
      z.object({
        date: CalendarDate,
        toppedUp: StoredValueAmount,
        spent: StoredValueAmount,
        refunded: StoredValueAmount,
        closing: StoredValueAmount,
      }),
    ),
    /**
     * The quarter's prepaid funds for the issuer's filing (预收资金余额 by quarter): the balance at
     * its start and end, and what moved in it. Only principal is prepaid money; bonus is shown apart.
     * closing = opening + toppedUp − spent + refunded.
     */
    quarter: StoredValueMovements.extend({
      quarter: z.string(),
      from: CalendarDate,
      to: CalendarDate,
      /** The quarter has ended (otherwise `closing` is the balance so far, at `asOf`). */
      complete: z.boolean(),
      asOf: CalendarDate,
      opening: StoredValueAmount,
      closing: StoredValueAmount,
    }),
  })
  .meta({ id: 'StoredValueReport' })
export type StoredValueReport = z.infer<typeof StoredValueReport>

/** One store's stored value in a month, and where it stands with HQ. */
export const SettlementFigures = z
  .object({
    topUps: z.number().int(),
    /** Top-ups paid at the store: money it collected for HQ. */
    collectedFen: Fen,
    /** The bonus its top-ups added (no money). */
    bonusIssuedFen: Fen,
    spends: z.number().int(),
    /** Stored value spent at the store: goods it gave for money HQ holds (principal), and for bonus. */
    redeemedPrincipalFen: Fen,
    redeemedBonusFen: Fen,
    refunds: z.number().int(),
    /** Stored value put back on cards by refunds at the store (undoes redemptions). */
    refundedPrincipalFen: Fen,
    refundedBonusFen: Fen,
    /**
     * Settled on principal: collected − (redeemed − refunded). Positive: the store owes HQ this
     * much; negative: HQ owes the store; zero: even. Bonus is the program's promotion, not settled.
     */
    netFen: z.number().int(),
    position: z.enum(['owes_hq', 'owed_by_hq', 'even']),
  })
  .meta({ id: 'SettlementFigures' })

export const SettlementReport = z
  .object({
    name: z.literal('settlement'),
    /** The month settled; `from` and `to` are its first and last days. */
    month: MonthString,
    ...RangeFields,
    /** The month has ended (otherwise the figures are so far). */
    complete: z.boolean(),
    /** Every open store, and a closed one with stored value at it in the month; by store id. */
    stores: z.array(SettlementFigures.extend({ storeId: z.string(), name: z.string() })),
    /** The stores summed: net is what stores owe HQ less what HQ owes stores. */
    totals: SettlementFigures,
  })
  .meta({ id: 'SettlementReport' })
export type SettlementReport = z.infer<typeof SettlementReport>

export const Report = z
  .discriminatedUnion('name', [
    OverviewReport,
    TiersReport,
    PointsLiabilityReport,
    CouponsReport,
    StoresReport,
    StoredValueReport,
    SettlementReport,
  ])
  .meta({ id: 'Report' })
export type Report = z.infer<typeof Report>
