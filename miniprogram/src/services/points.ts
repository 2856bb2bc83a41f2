import * as z from 'zod/mini'
import { api } from './request'
import { withSession } from './session'

const PointsHistoryCheck = z.object({
  items: z.array(
    z.object({
      entryId: z.string(),
      type: z.string(),
      delta: z.number(),
      balanceAfter: z.number(),
      sourceRef: z.string(),
      description: z.string(),
      createdAt: z.string(),
    }),
  ),
  nextCursor: z.nullable(z.string()),
  balance: z.number(),
  pointsDebt: z.number(),
  expiring: z.nullable(z.object({ points: z.number(), expiresOn: z.string() })),
})

const InboxCheck = z.object({
  items: z.array(z.object({ noticeId: z.string(), kind: z.string(), title: z.string(), body: z.string(), createdAt: z.string() })),
  nextCursor: z.nullable(z.string()),
})

/** The member's points ledger, newest first; pass the previous page's `nextCursor` for more. */
export const getMyPoints = (cursor?: string, limit = 20) =>
  withSession(() => api('getMyPoints', { query: { limit, ...(cursor ? { cursor } : {}) }, check: PointsHistoryCheck }))

/** The member's inbox, newest first; pass the previous page's `nextCursor` for more. */
export const getMyInbox = (cursor?: string, limit = 20) =>
  withSession(() => api('getMyInbox', { query: { limit, ...(cursor ? { cursor } : {}) }, check: InboxCheck }))
