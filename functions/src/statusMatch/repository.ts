/**
 * Status matches (ACCESS_PATTERNS.md SM1–SM3): one item per member, put once, and the card's
 * photo as its own item so reading the match never carries the image. Both go with erasure.
 */
import { z } from 'zod'
import { ENTITY, keys, statusMatchKeys } from '../platform/keys'
import type { Db } from '../platform/db'
import type { Guarded } from '../platform/unitOfWork'

const StoredMatch = z.object({
  memberId: z.string(),
  partner: z.string(),
  partnerTier: z.string().nullable(),
  partnerCardNo: z.string(),
  fromTierCode: z.string(),
  tierCode: z.string(),
  storeId: z.string(),
  approvedBy: z.string(),
  /** The approver's name then (marketers may not list staff, so the match keeps it). */
  approvedByName: z.string().nullable().default(null),
  approvedAt: z.string(),
  hasPhoto: z.boolean(),
})
export type StatusMatchRecord = z.infer<typeof StoredMatch>

export const statusMatchRepository = (db: Db) => {
  const T = db.tableName
  return {
    key: statusMatchKeys.match,
    photoKey: statusMatchKeys.photo,
    /** The approving staff account, read with the member to keep its name on the match. */
    approverKey: keys.staffKey,
    approverName: (item: Record<string, unknown> | undefined): string | null => (typeof item?.name === 'string' ? item.name : null),

    /** A stored match, or undefined when there is none (or it does not read as one). */
    recordOf: (item: Record<string, unknown> | undefined): StatusMatchRecord | undefined => {
      const r = item ? StoredMatch.safeParse(item) : undefined
      return r?.success ? r.data : undefined
    },
    photoOf: (item: Record<string, unknown> | undefined): string | null => (typeof item?.photo === 'string' ? item.photo : null),

    /** The member's one match ('matched' when they already have one). */
    createItem(r: StatusMatchRecord): Guarded<'matched'> {
      return {
        item: {
          Put: {
            TableName: T,
            Item: { ...statusMatchKeys.match(r.memberId), entity: ENTITY.statusMatch, ...r },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        onConditionFailed: 'matched',
      }
    },

    photoItem(memberId: string, photo: string, at: string): Guarded {
      return { item: { Put: { TableName: T, Item: { ...statusMatchKeys.photo(memberId), entity: ENTITY.statusMatchPhoto, photo, at } } } }
    },

    /** Erasure takes the partner card and its photo with the rest of the personal data. */
    erasureItems(memberId: string): Guarded[] {
      return [statusMatchKeys.match(memberId), statusMatchKeys.photo(memberId)].map((Key) => ({
        item: { Delete: { TableName: T, Key } },
      }))
    },
  }
}
export type StatusMatchRepository = ReturnType<typeof statusMatchRepository>
