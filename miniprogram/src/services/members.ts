import type { JoinRequest } from '@huiyuan/shared/members/schemas'
import * as z from 'zod/mini'
import { api } from './request'
import { adoptSession, withSession } from './session'
import { SessionCheck, TierProgressCheck, TierSummaryCheck } from './checks'

/** The member card (GET /v1/me, and what consent changes answer). */
export const MemberCardCheck = z.object({
  memberId: z.string(),
  cardNo: z.string(),
  name: z.string(),
  mobile: z.string(),
  birthday: z.string(),
  gender: z.string(),
  tier: TierSummaryCheck,
  tierProgress: TierProgressCheck,
  /** 待开卡 (entry mode qualify): what is left to qualify; optional for an API from before it. */
  qualification: z.optional(
    z.nullable(z.object({ singlePurchaseFen: z.number(), cumulativeFen: z.number(), spentFen: z.number(), remainingFen: z.number() })),
  ),
  points: z.number(),
  storedValueFen: z.number(),
  expiringPoints: z.nullable(z.object({ points: z.number(), expiresOn: z.string() })),
  checkedInToday: z.boolean(),
  joinStoreId: z.string(),
  joinedAt: z.string(),
  marketingConsent: z.boolean(),
  privacyConsentVersion: z.string(),
})

const MemberCodeCheck = z.object({ code: z.string(), issuedAt: z.string(), expiresAt: z.string(), refreshInSeconds: z.number() })

export const getMyCard = () => withSession(() => api('getMe', { check: MemberCardCheck }))

export const getMyCode = () => withSession(() => api('getMyCode', { check: MemberCodeCheck }))

/** Join the program; stores the refreshed session (its token now names the member). */
export async function joinProgram(body: JoinRequest) {
  const result = await withSession(() =>
    api('join', { body, loading: '正在提交', check: z.object({ member: MemberCardCheck, session: SessionCheck }) }),
  )
  adoptSession(result.session)
  return result.member
}
