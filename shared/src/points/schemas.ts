import { z, Points, IsoDateTime, CalendarDate, PageQuery, pageOf } from '../common'

export const PointsEntryType = z.enum(['checkin', 'purchase', 'refund', 'adjustment', 'expiry', 'redemption', 'referral', 'welcome'])

export const PointsLedgerEntry = z
  .object({
    entryId: z.string(),
    type: PointsEntryType,
    delta: Points,
    balanceAfter: Points,
    sourceRef: z.string(),
    description: z.string(),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'PointsLedgerEntry' })
export type PointsLedgerEntry = z.infer<typeof PointsLedgerEntry>

export const PointsHistory = pageOf(PointsLedgerEntry)
  .extend({
    balance: Points,
    pointsDebt: Points,
    /** Points that expire soonest (within the reminder window), if any. */
    expiring: z.object({ points: Points, expiresOn: CalendarDate }).nullable(),
  })
  .meta({ id: 'PointsHistory' })
export type PointsHistory = z.infer<typeof PointsHistory>

export const PointsHistoryQuery = PageQuery

export const AdjustmentRequest = z
  .object({
    points: Points.refine((v) => v !== 0, 'must not be 0').refine((v) => Math.abs(v) <= 1_000_000, 'at most 1,000,000'),
    reason: z.string().trim().min(2).max(200),
    /** Makes a retried adjustment apply once. */
    idempotencyKey: z.string().min(8).max(64),
  })
  .meta({ id: 'AdjustmentRequest' })

export const AdjustmentResult = z.object({ entry: PointsLedgerEntry, replayed: z.boolean() }).meta({ id: 'AdjustmentResult' })
export type AdjustmentResult = z.infer<typeof AdjustmentResult>

export const MemberIdParams = z.object({ memberId: z.string().min(1).max(40) })

/** What a notice is about (service notices; `marketing` for campaigns). */
export const NoticeKind = z.enum([
  'tier_upgrade',
  'tier_downgrade',
  'points_expiring',
  'points_expired',
  'coupon_expiring',
  'welcome',
  'birthday',
  'marketing',
  'referral',
])
export type NoticeKind = z.infer<typeof NoticeKind>

export const InboxNotice = z
  .object({
    noticeId: z.string(),
    kind: NoticeKind,
    title: z.string(),
    body: z.string(),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'InboxNotice' })
export type InboxNotice = z.infer<typeof InboxNotice>
export const Inbox = pageOf(InboxNotice).meta({ id: 'Inbox' })
export type Inbox = z.infer<typeof Inbox>
