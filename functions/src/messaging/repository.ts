/**
 * The only DynamoDB code of subscription messages: a member's grants per template (`held`,
 * written over its version), the grants' ledger (one item per movement, never changed), and
 * the messages (in the member's partition; by day on GSI1 for the 发送记录). See
 * ACCESS_PATTERNS.md (patterns W1–W5).
 */
import { IsoDateTime } from '@huiyuan/shared/common'
import { SubscriptionPurpose, WechatMessageStatus } from '@huiyuan/shared/messaging/schemas'
import { ulid } from 'ulid'
import { z } from 'zod'
import { type Page, type PageRequest, queryPage } from '../platform/cursor'
import { type Db, moveStatus } from '../platform/db'
import { ENTITY, messagingKeys } from '../platform/keys'
import { parseStoredItems } from '../platform/storedItems'
import type { Guarded } from '../platform/unitOfWork'

export interface Grant {
  templateId: string
  purpose: SubscriptionPurpose
  held: number
  version: number
}

export const StoredMessage = z.object({
  messageId: z.string().min(1),
  memberId: z.string().min(1),
  cardNo: z.string().default(''),
  purpose: SubscriptionPurpose,
  templateId: z.string(),
  data: z.record(z.string(), z.string()),
  page: z.string().default(''),
  source: z.object({ kind: z.enum(['campaign', 'notice']), id: z.string() }),
  status: WechatMessageStatus,
  errcode: z.number().int().nullable().default(null),
  error: z.string().nullable().default(null),
  attempts: z.number().int().default(0),
  createdAt: IsoDateTime,
  claimedAt: IsoDateTime.nullable().default(null),
  sentAt: IsoDateTime.nullable().default(null),
})
export type MessageRecord = z.infer<typeof StoredMessage>

export const messagingRepository = (db: Db) => {
  const T = db.tableName
  return {
    grantKey: messagingKeys.grant,

    grantOf(item: Record<string, unknown> | undefined, templateId: string, purpose: SubscriptionPurpose): Grant {
      return { templateId, purpose, held: Math.max(0, Number(item?.held ?? 0)), version: Number(item?.version ?? 0) }
    },

    /** The grant's new count over the version read ('stale' if it moved since), and its ledger entry. */
    grantItems(
      memberId: string,
      before: Grant,
      held: number,
      reason: 'accept' | 'ban' | 'send' | 'cleared',
      now: Date,
      ref?: string,
    ): Guarded<never>[] {
      return [
        {
          item: {
            Put: {
              TableName: T,
              Item: {
                ...messagingKeys.grant(memberId, before.templateId),
                entity: ENTITY.wechatGrant,
                memberId,
                templateId: before.templateId,
                purpose: before.purpose,
                held,
                version: before.version + 1,
                updatedAt: now.toISOString(),
              },
              ConditionExpression: before.version === 0 ? 'attribute_not_exists(PK)' : 'version = :v',
              ...(before.version === 0 ? {} : { ExpressionAttributeValues: { ':v': before.version } }),
            },
          },
          onConditionFailed: 'stale',
        },
        {
          item: {
            Put: {
              TableName: T,
              Item: {
                ...messagingKeys.grantEntry(memberId, ulid(now.getTime())),
                entity: ENTITY.wechatGrantEntry,
                memberId,
                templateId: before.templateId,
                purpose: before.purpose,
                delta: held - before.held,
                held,
                reason,
                ...(ref ? { ref } : {}),
                at: now.toISOString(),
              },
            },
          },
        },
      ]
    },

    /** A new message, queued. */
    messageItem(m: MessageRecord, date: string): Guarded<never> {
      return {
        item: {
          Put: {
            TableName: T,
            Item: { ...messagingKeys.message(m.memberId, m.messageId, date), entity: ENTITY.wechatMessage, ...m },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        // A new id every time (a ulid): taken only by a retry of the same write, which reads again.
        onConditionFailed: 'stale',
      }
    },

    messageKey: messagingKeys.messageKey,

    parseMessage(item: Record<string, unknown> | undefined): MessageRecord | undefined {
      const r = item ? StoredMessage.safeParse(item) : undefined
      return r?.success ? r.data : undefined
    },

    /**
     * Moves a message from one status to another (false if it was not in `from`); `fields`
     * are set with it. The sender claims a message this way, so two deliveries of its event
     * never both call WeChat.
     */
    async move(
      memberId: string,
      messageId: string,
      from: readonly MessageRecord['status'][],
      to: MessageRecord['status'],
      fields: Partial<Pick<MessageRecord, 'errcode' | 'error' | 'claimedAt' | 'sentAt' | 'attempts'>> = {},
    ): Promise<boolean> {
      return moveStatus(db, messagingKeys.messageKey(memberId, messageId), { from, to, fields })
    },

    /** The final status of a message being sent, with WeChat's answer ('moved' if it is not `sending` any more). */
    finishItem(
      memberId: string,
      messageId: string,
      to: 'sent' | 'failed',
      fields: { errcode: number | null; error: string | null; sentAt: string | null },
    ): Guarded<'moved'> {
      return {
        item: {
          Update: {
            TableName: T,
            Key: messagingKeys.messageKey(memberId, messageId),
            UpdateExpression: 'SET #status = :to, errcode = :errcode, #error = :error, sentAt = :sentAt',
            ConditionExpression: '#status = :sending',
            ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
            ExpressionAttributeValues: {
              ':to': to,
              ':sending': 'sending',
              ':errcode': fields.errcode,
              ':error': fields.error,
              ':sentAt': fields.sentAt,
            },
          },
        },
        onConditionFailed: 'moved',
      }
    },

    /** The messages queued on a day, newest first (GSI1 WXMSGS#<date>). */
    async listByDay(date: string, page: PageRequest): Promise<Page<MessageRecord>> {
      const p = await queryPage(db, { index: 'GSI1', partition: messagingKeys.messagesIndex(date), newestFirst: true }, page)
      return { items: parseStoredItems(p.items, StoredMessage, ENTITY.wechatMessage), nextCursor: p.nextCursor }
    },
  }
}
export type MessagingRepository = ReturnType<typeof messagingRepository>
