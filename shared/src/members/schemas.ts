import { z, Fen, Points, CalendarDate, IsoDateTime, PageQuery, pageOf } from '../common'
import { SessionResponse } from '../auth/schemas'

export const Gender = z.enum(['male', 'female', 'undisclosed'])
export type Gender = z.infer<typeof Gender>

export const MobileNumber = z.string().regex(/^1[3-9]\d{9}$/, 'must be an 11-digit mainland mobile number')
export const MemberName = z.string().trim().min(1, 'must not be empty').max(30)

export const JoinRequest = z
  .object({
    /** Store id from the store QR code's scene. */
    storeId: z.string().min(1).max(40),
    name: MemberName,
    /** Manually entered mobile number (fallback when the WeChat phone button is not used). */
    mobile: MobileNumber.optional(),
    /** Code from WeChat's getPhoneNumber button, exchanged server-side for the number. */
    phoneCode: z.string().min(1).max(200).optional(),
    birthday: CalendarDate,
    gender: Gender,
    /** Version of the privacy policy the member accepted. Required. */
    privacyConsentVersion: z.string().min(1).max(20),
    marketingConsent: z.boolean().default(false),
    referralCode: z.string().max(40).optional(),
    /** A group's enrolment code (集体办理): the member is tagged with the organisation and starts at its tier. */
    enrolmentCode: z.string().max(20).optional(),
  })
  .refine((v) => v.mobile !== undefined || v.phoneCode !== undefined, {
    message: 'either mobile or phoneCode is required',
    path: ['mobile'],
  })
  .meta({ id: 'JoinRequest' })
export type JoinRequest = z.input<typeof JoinRequest>

export const TierSummary = z.object({ code: z.string(), name: z.string() }).meta({ id: 'TierSummary' })

export const TierProgress = z
  .object({
    current: TierSummary,
    next: TierSummary.nullable(),
    /** Rolling 12-month spend counted towards tiers. */
    spendFen: Fen,
    /** Spend still needed for the next tier (0 at the top tier). */
    remainingFen: Fen,
    /** 0..100 */
    percent: z.number().int().min(0).max(100),
  })
  .meta({ id: 'TierProgress' })

export const MemberCard = z
  .object({
    memberId: z.string(),
    cardNo: z.string(),
    name: z.string(),
    /** The owner sees their own full number; everybody else gets it masked. */
    mobile: z.string(),
    birthday: CalendarDate,
    gender: Gender,
    /** `{ code: '', name: '待开卡' }` while the shopper has not qualified for the card (entry mode `qualify`). */
    tier: TierSummary,
    tierProgress: TierProgress,
    /** What is left to qualify for the card; null once the member has it. Thresholds of 0 are not used. */
    qualification: z
      .object({
        /** One purchase of at least this much opens the card. */
        singlePurchaseFen: Fen,
        /** Or spending this much in all, purchases before qualifying included. */
        cumulativeFen: Fen,
        spentFen: Fen,
        remainingFen: Fen,
      })
      .nullable(),
    points: Points,
    storedValueFen: Fen,
    expiringPoints: z.object({ points: Points, expiresOn: CalendarDate }).nullable(),
    /** Checked in on today's Asia/Shanghai calendar day. */
    checkedInToday: z.boolean(),
    joinStoreId: z.string(),
    joinedAt: IsoDateTime,
    marketingConsent: z.boolean(),
    privacyConsentVersion: z.string(),
    /** Points promotions on today's date for this member: the member day (会员日), their birthday month. */
    promotionsToday: z.array(
      z.object({ kind: z.enum(['member_day', 'birthday_month']), name: z.string(), multiplierBp: z.number().int() }),
    ),
    /** The next member day after today, when the program has one. */
    nextMemberDay: CalendarDate.nullable(),
  })
  .meta({ id: 'MemberCard' })
export type MemberCard = z.infer<typeof MemberCard>

export const JoinResponse = z.object({ member: MemberCard, session: SessionResponse }).meta({ id: 'JoinResponse' })
export type JoinResponse = z.infer<typeof JoinResponse>

export const UpdateMeRequest = z
  .object({
    name: MemberName.optional(),
    birthday: CalendarDate.optional(),
    gender: Gender.optional(),
    marketingConsent: z.boolean().optional(),
    /** Accepts the current privacy policy (GET /v1/privacy-policy) after it changed. */
    privacyConsentVersion: z.string().min(1).max(20).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' })
  .meta({ id: 'UpdateMeRequest' })
export type UpdateMeRequest = z.infer<typeof UpdateMeRequest>

export const MemberCodeResponse = z
  .object({
    /** 18 digits: card number (10) + time-based one-time code (8). */
    code: z.string().regex(/^\d{18}$/),
    issuedAt: IsoDateTime,
    expiresAt: IsoDateTime,
    /** Seconds until the client should fetch a fresh code. */
    refreshInSeconds: z.number().int().min(1),
  })
  .meta({ id: 'MemberCodeResponse' })
export type MemberCodeResponse = z.infer<typeof MemberCodeResponse>

/** Admin member search: a card number, a phone number (found through its lookup hash) or a name prefix. */
export const AdminMemberSearchQuery = PageQuery.extend({
  q: z.string().trim().min(1).max(40).meta({ description: 'Card number (10 digits), mobile (11 digits) or the start of a name' }),
})

/** A member as the console lists them: the phone masked. */
export const AdminMemberRow = z
  .object({
    memberId: z.string(),
    cardNo: z.string(),
    name: z.string(),
    mobile: z.string().meta({ description: 'Masked, e.g. 138****1234 (see the audited reveal)' }),
    joinStoreId: z.string(),
    joinedAt: IsoDateTime,
    erased: z.boolean(),
  })
  .meta({ id: 'AdminMemberRow' })
export const AdminMemberList = pageOf(AdminMemberRow).meta({ id: 'AdminMemberList' })

/** A status match (PRODUCT.md §1): the partner card a store manager checked, and the tier it gave. */
export const StatusMatch = z
  .object({
    partner: z.string(),
    partnerTier: z.string().nullable(),
    /** Masked but for the last 4 characters. */
    partnerCardNo: z.string(),
    from: TierSummary,
    to: TierSummary,
    storeId: z.string(),
    /** The store manager who approved: their staff id, and their name at the time. */
    approvedBy: z.string(),
    approvedByName: z.string().nullable(),
    approvedAt: IsoDateTime,
    hasPhoto: z.boolean(),
  })
  .meta({ id: 'StatusMatch' })
export type StatusMatch = z.infer<typeof StatusMatch>

export const AdminMemberProfile = AdminMemberRow.extend({
  gender: Gender,
  birthday: CalendarDate.nullable(),
  /** When the member used their one birthday correction (later changes are staff's). */
  birthdayCorrectedAt: IsoDateTime.nullable(),
  tier: TierSummary,
  points: Points,
  storedValueFen: Fen,
  marketingConsent: z.boolean(),
  recentPurchases: z.array(
    z.object({
      kind: z.enum(['purchase', 'refund']),
      at: IsoDateTime,
      storeId: z.string(),
      orderId: z.string(),
      amountFen: Fen,
      points: z.number().int(),
    }),
  ),
  coupons: z.array(z.object({ code: z.string(), name: z.string(), status: z.string(), validUntil: IsoDateTime })),
  /** The member's status match, with the card's photo (a JPEG data URL) when one was taken. */
  statusMatch: StatusMatch.extend({ photo: z.string().nullable() }).nullable(),
}).meta({ id: 'AdminMemberProfile' })
export type AdminMemberProfile = z.infer<typeof AdminMemberProfile>

/** Seeing personal data in full is its own action, with a reason, audited. */
export const RevealRequest = z
  .object({ reason: z.string().trim().min(2).max(200) })
  .strict()
  .meta({ id: 'RevealRequest' })
export const RevealedContact = z.object({ mobile: z.string() }).meta({ id: 'RevealedContact' })

/** A staff change of a member's birthday, with the reason (audited). */
export const AdminBirthdayChange = z
  .object({ birthday: CalendarDate, reason: z.string().trim().min(2).max(200) })
  .strict()
  .meta({ id: 'AdminBirthdayChange' })
