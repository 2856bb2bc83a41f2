/**
 * The member's privacy rights (PIPL; PRODUCT.md §12): the published policy, the record of
 * what they agreed to and when, a copy of everything held about them, and erasure.
 */
import { z, CalendarDate, Fen, IsoDateTime, Points } from '../common'
import { AccountEntryType, AccountKind } from '../accounts/schemas'
import { MemberCard, TierSummary } from '../members/schemas'

export const PrivacyPolicy = z
  .object({
    /** The version a member accepts when joining (and again when it changes). */
    version: z.string(),
    /** What the program collects and why, in the words the app shows. */
    sections: z.array(z.object({ title: z.string(), body: z.string() })),
  })
  .meta({ id: 'PrivacyPolicy' })
export type PrivacyPolicy = z.infer<typeof PrivacyPolicy>

export const ConsentKind = z.enum(['privacy', 'marketing'])
export const ConsentRecord = z
  .object({
    kind: ConsentKind,
    granted: z.boolean(),
    /** The privacy-policy version accepted (privacy consents). */
    version: z.string().optional(),
    /** Where it was given or withdrawn. */
    source: z.enum(['join', 'profile', 'erasure']),
    at: IsoDateTime,
  })
  .meta({ id: 'ConsentRecord' })
export type ConsentRecord = z.infer<typeof ConsentRecord>

/**
 * Give or withdraw marketing consent, or accept the current privacy policy: each call is a
 * consent record (POST: WeChat's wx.request cannot send PATCH).
 */
export const ConsentRequest = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('marketing'), granted: z.boolean() }).strict(),
    z.object({ kind: z.literal('privacy'), version: z.string().min(1).max(20) }).strict(),
  ])
  .meta({ id: 'ConsentRequest' })
export type ConsentRequest = z.infer<typeof ConsentRequest>

const LedgerLine = z.object({
  at: IsoDateTime,
  kind: AccountKind,
  type: AccountEntryType,
  delta: z.number().int(),
  description: z.string(),
})

/** Everything held about the member, readable by them — and nothing internal (no keys, ciphertexts or hashes). */
export const MyDataExport = z
  .object({
    exportedAt: IsoDateTime,
    profile: MemberCard.pick({
      memberId: true,
      cardNo: true,
      name: true,
      mobile: true,
      birthday: true,
      gender: true,
      joinStoreId: true,
      joinedAt: true,
      tier: true,
      marketingConsent: true,
      privacyConsentVersion: true,
    }).extend({ joinChannel: z.string() }),
    consents: z.array(ConsentRecord),
    balances: z.object({ points: Points, storedValueFen: Fen }),
    ledger: z.array(LedgerLine),
    coupons: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        summary: z.string(),
        status: z.string(),
        source: z.string(),
        issuedAt: IsoDateTime,
        validUntil: IsoDateTime,
        redeemedAt: IsoDateTime.optional(),
        redeemedStoreId: z.string().optional(),
      }),
    ),
    purchases: z.array(
      z.object({
        kind: z.enum(['purchase', 'refund']),
        at: IsoDateTime,
        storeId: z.string(),
        orderId: z.string(),
        refundId: z.string().optional(),
        amountFen: Fen,
        points: z.number().int(),
        items: z
          .array(
            z.object({
              sku: z.string(),
              name: z.string().optional(),
              category: z.string().optional(),
              unitPriceFen: Fen,
              qty: z.number().int(),
            }),
          )
          .optional(),
      }),
    ),
    checkins: z.array(z.object({ date: CalendarDate, points: Points, streak: z.number().int() })),
    notices: z.array(z.object({ at: IsoDateTime, kind: z.string(), title: z.string(), body: z.string() })),
    /** The partner card a store manager matched the member's tier to (身份匹配), in full, with its photo. */
    statusMatch: z
      .object({
        partner: z.string(),
        partnerTier: z.string().nullable(),
        partnerCardNo: z.string(),
        from: TierSummary,
        to: TierSummary,
        storeId: z.string(),
        approvedAt: IsoDateTime,
        photo: z.string().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'MyDataExport' })
export type MyDataExport = z.infer<typeof MyDataExport>

export const ErasureResult = z
  .object({
    erasedAt: IsoDateTime,
    /** What stays, without personal data, and why. */
    retained: z.array(z.string()),
  })
  .meta({ id: 'ErasureResult' })
