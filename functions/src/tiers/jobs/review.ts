/**
 * The yearly tier review (EventBridge schedule; `npm run job -- review-tiers` locally):
 * every member whose rolling window no longer holds their tier goes down one level, with a
 * notice. Upgrades never wait for it: purchases upgrade at once.
 * Batch job: it pages through members with a filtered Scan — never on a request path.
 */
import { ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import type { Db } from '../../platform/db'
import { cancellationReasons } from '../../platform/db'
import { ENTITY, keys } from '../../platform/keys'
import { calendarDate } from '../../platform/clock'
import type { InboxRepository } from '../../inbox/repository'
import { rollingTotal, tierAtReview } from '../rules'

export async function runTierReview(deps: { db: Db; inbox: InboxRepository; rules: () => Promise<ProgramRules> }, now: Date) {
  const rules = await deps.rules()
  const month = calendarDate(now, rules.timeZone).slice(0, 7)
  const year = month.slice(0, 4)
  let reviewed = 0
  let downgraded = 0
  let ExclusiveStartKey: Record<string, unknown> | undefined
  do {
    const page = await deps.db.client.send(
      new ScanCommand({
        TableName: deps.db.tableName,
        FilterExpression: 'entity = :e',
        ExpressionAttributeValues: { ':e': ENTITY.member },
        ExclusiveStartKey,
      }),
    )
    for (const m of page.Items ?? []) {
      reviewed++
      const totals = rules.tierPolicy.basis === 'spend' ? m.spendMonths : m.pointsMonths
      const measure = rollingTotal(totals as Record<string, number> | undefined, month, rules.tierPolicy.windowMonths)
      const next = tierAtReview(rules.tiers, String(m.tierCode), measure)
      if (!next.downgraded) continue
      const tier = rules.tiers.find((t) => t.code === next.code)!
      try {
        await deps.db.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: deps.db.tableName,
                  Key: keys.member(String(m.memberId)),
                  UpdateExpression: 'SET tierCode = :t, tierReviewedYear = :y ADD #v :one',
                  // Only from the tier we read, once a year.
                  ConditionExpression: 'tierCode = :from AND (attribute_not_exists(tierReviewedYear) OR tierReviewedYear <> :y)',
                  ExpressionAttributeNames: { '#v': 'version' },
                  ExpressionAttributeValues: { ':t': next.code, ':from': m.tierCode, ':y': year, ':one': 1 },
                },
              },
              ...deps.inbox.noticeItems(
                String(m.memberId),
                'tier_downgrade',
                `会员等级调整为${tier.name}`,
                `根据过去 ${rules.tierPolicy.windowMonths} 个月的消费，您的会员等级调整为${tier.name}。再次达标即可立即升级。`,
                now,
              ),
            ],
          }),
        )
        downgraded++
      } catch (e) {
        if (!cancellationReasons(e).includes('ConditionalCheckFailed')) throw e
      }
    }
    ExclusiveStartKey = page.LastEvaluatedKey
  } while (ExclusiveStartKey)
  return { reviewed, downgraded }
}
