/**
 * The member's privacy rights (隐私中心): marketing consent, a copy of everything held about
 * them, and erasure (注销会员). The export is checked only for what the page shows; the
 * lists it counts are taken as they come (the member copies the body as sent).
 * Consents go through POST /v1/me/consents (WeChat's wx.request cannot send PATCH).
 */
import * as z from 'zod/mini'
import { api, type ResponseOf } from './request'
import { clearSession, withSession } from './session'
import { rememberErasure } from './erasureNotice'
import { MemberCardCheck } from './members'

export type MyDataExport = ResponseOf<'exportMe'>
export type ErasureResult = ResponseOf<'eraseMe'>

const MyDataExportCheck = z.object({
  exportedAt: z.string(),
  profile: z.pick(MemberCardCheck, {
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
  }),
  consents: z.array(
    z.object({ kind: z.string(), granted: z.boolean(), version: z.optional(z.string()), source: z.string(), at: z.string() }),
  ),
  balances: z.object({ points: z.number(), storedValueFen: z.number() }),
  ledger: z.array(z.unknown()),
  coupons: z.array(z.unknown()),
  purchases: z.array(z.unknown()),
  checkins: z.array(z.unknown()),
  notices: z.array(z.unknown()),
  statusMatch: z.optional(
    z.nullable(
      z.object({
        partner: z.string(),
        partnerCardNo: z.string(),
        from: z.object({ name: z.string() }),
        to: z.object({ name: z.string() }),
        storeId: z.string(),
        approvedAt: z.string(),
      }),
    ),
  ),
})

const ErasureResultCheck = z.object({ erasedAt: z.string(), retained: z.array(z.string()) })

/** Give or withdraw consent to marketing messages; answers the updated card. */
export const setMarketingConsent = (marketingConsent: boolean) =>
  withSession(() => api('recordConsent', { body: { kind: 'marketing', granted: marketingConsent }, check: MemberCardCheck }))

/** Everything held about the member; `quietly` refreshes a copy already on screen without the loading overlay. */
export const exportMyData = (quietly = false) =>
  withSession(() => api('exportMe', { loading: quietly ? undefined : '正在读取', check: MyDataExportCheck }))

/**
 * Deletes the member's account. The API refuses the token from then on, so the stored
 * session goes too: the app continues as a signed-out visitor (signing in again gives no
 * member, and the same WeChat user may join again as a new member).
 */
export async function eraseMyAccount(): Promise<ErasureResult> {
  const result = await withSession(() => api('eraseMe', { loading: '正在注销', check: ErasureResultCheck }))
  clearSession()
  rememberErasure({ erasedAt: result.erasedAt, retained: result.retained })
  return result
}
