/** The member's stored value (储值卡): balance split into principal and bonus, the cap, the packages and the statement. */
import * as z from 'zod/mini'
import { api } from './request'
import { withSession } from './session'

export const StoredValueBalanceCheck = z.object({ balanceFen: z.number(), principalFen: z.number(), bonusFen: z.number() })

const MyStoredValueCheck = z.object({
  balance: StoredValueBalanceCheck,
  capFen: z.number(),
  packages: z.array(z.object({ packageId: z.string(), name: z.string(), payFen: z.number(), bonusFen: z.number() })),
  items: z.array(
    z.object({
      movementId: z.string(),
      kind: z.string(),
      deltaFen: z.number(),
      principalFen: z.number(),
      bonusFen: z.number(),
      balanceAfterFen: z.number(),
      storeId: z.string(),
      storeName: z.nullable(z.string()),
      reference: z.string(),
      at: z.string(),
    }),
  ),
  nextCursor: z.nullable(z.string()),
})

/** Balance, cap and packages with the first page of the statement (newest first); pass `nextCursor` for more. */
export const getMyStoredValue = (cursor?: string, limit = 20) =>
  withSession(() => api('getMyStoredValue', { query: { limit, ...(cursor ? { cursor } : {}) }, check: MyStoredValueCheck }))
