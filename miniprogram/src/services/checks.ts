/**
 * Response checks (zod/mini) used by more than one area: a page of a list, the session the
 * API hands out and a member's tier. Each area's own checks sit beside its calls (see
 * request.ts for why).
 */
import * as z from 'zod/mini'

/** A page of a list: its items and the cursor of the next page (null on the last). */
export const pageOf = <T extends z.ZodMiniType>(item: T) => z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) })

export const SessionCheck = z.object({
  token: z.string(),
  expiresAt: z.string(),
  memberId: z.nullable(z.string()),
  roles: z.array(z.string()),
  storeIds: z.array(z.string()),
})

export const TierSummaryCheck = z.object({ code: z.string(), name: z.string() })

export const TierProgressCheck = z.object({
  current: TierSummaryCheck,
  next: z.nullable(TierSummaryCheck),
  spendFen: z.number(),
  remainingFen: z.number(),
  percent: z.number(),
})
