/**
 * Group enrolment codes (ACCESS_PATTERNS.md E1–E4): one item per code, listed newest first
 * on GSI1; `used` counts the members who joined with it, moved in each join's transaction.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { IsoDateTime } from '@huiyuan/shared/common'
import { z } from 'zod'
import { type Page, type PageRequest, queryPage } from '../platform/cursor'
import type { Db } from '../platform/db'
import { ENTITY, enrolmentKeys } from '../platform/keys'
import { parseStoredItems } from '../platform/storedItems'
import type { Guarded } from '../platform/unitOfWork'

const StoredCode = z.object({
  code: z.string(),
  organisation: z.string(),
  tierCode: z.string(),
  storeId: z.string(),
  maxUses: z.number().int(),
  used: z.number().int().min(0),
  validFrom: z.string(),
  validUntil: z.string(),
  disabled: z.boolean(),
  createdAt: IsoDateTime,
  createdBy: z.string(),
})
export type EnrolmentCodeRecord = z.infer<typeof StoredCode>

export const enrolmentRepository = (db: Db) => {
  const T = db.tableName
  return {
    /** A new code, put once ('codeTaken'). */
    createItem(c: EnrolmentCodeRecord): Guarded<'codeTaken'> {
      return {
        item: {
          Put: {
            TableName: T,
            Item: { ...enrolmentKeys.code(c.code, c.createdAt), entity: ENTITY.enrolmentCode, ...c },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        onConditionFailed: 'codeTaken',
      }
    },

    /** Stops or restarts a code ('notFound' if there is none). */
    disabledItem(code: string, disabled: boolean, at: string): Guarded<'notFound'> {
      return {
        item: {
          Update: {
            TableName: T,
            Key: enrolmentKeys.codeKey(code),
            UpdateExpression: 'SET disabled = :d, updatedAt = :at',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':d': disabled, ':at': at },
          },
        },
        onConditionFailed: 'notFound',
      }
    },

    /** One more member joined with the code, within its uses and while it works ('enrolmentFull' otherwise). */
    countUseItem(code: string): Guarded<'enrolmentFull'> {
      return {
        item: {
          Update: {
            TableName: T,
            Key: enrolmentKeys.codeKey(code),
            UpdateExpression: 'ADD used :one',
            ConditionExpression: 'used < maxUses AND disabled = :false',
            ExpressionAttributeValues: { ':one': 1, ':false': false },
          },
        },
        onConditionFailed: 'enrolmentFull',
      }
    },

    async get(code: string): Promise<EnrolmentCodeRecord | undefined> {
      const out = await db.client.send(new GetCommand({ TableName: T, Key: enrolmentKeys.codeKey(code), ConsistentRead: true }))
      const r = StoredCode.safeParse(out.Item)
      return r.success ? r.data : undefined
    },

    /** The codes, newest first. */
    async list(page: PageRequest): Promise<Page<EnrolmentCodeRecord>> {
      const p = await queryPage(db, { index: 'GSI1', partition: enrolmentKeys.index(), newestFirst: true }, page)
      return { items: parseStoredItems(p.items, StoredCode, ENTITY.enrolmentCode), nextCursor: p.nextCursor }
    },
  }
}
export type EnrolmentRepository = ReturnType<typeof enrolmentRepository>
