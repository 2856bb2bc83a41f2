/**
 * The leaderboard's items (ACCESS_PATTERNS.md, L1–L5; keys in platform/keys.ts,
 * `leaderboardKeys`): the member's opt-in flag, their score per board and month — in the
 * board's index by score while they take part — and the board's counts by score and by bucket
 * of scores, from which a place is counted without reading the members above it.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { LeaderboardBoard } from '@huiyuan/shared/leaderboard/schemas'
import type { Db } from '../platform/db'
import { ENTITY, LEADERBOARD_BUCKET, leaderboardKeys as K } from '../platform/keys'
import type { Guarded } from '../platform/unitOfWork'

export interface ScoreState {
  memberId: string
  board: LeaderboardBoard
  month: string
  score: number
  /** 0: no item yet. */
  version: number
}

export interface OptInState {
  optIn: boolean
  /** 0: no item yet. */
  version: number
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0)

export const leaderboardRepository = (db: Db) => {
  const T = db.tableName
  const count = (key: { PK: string; SK: string }, add: number): Guarded<never> => ({
    item: {
      Update: {
        TableName: T,
        Key: key,
        UpdateExpression: 'ADD #n :add SET entity = :entity',
        ExpressionAttributeNames: { '#n': 'count' },
        ExpressionAttributeValues: { ':add': add, ':entity': ENTITY.leaderboardCount },
      },
    },
  })
  /** Sum of `count` over a range of the board's counts. */
  const sumRange = async (board: LeaderboardBoard, month: string, from: string, to: string): Promise<number> => {
    let total = 0
    let start: Record<string, unknown> | undefined
    do {
      const out = await db.client.send(
        new QueryCommand({
          TableName: T,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': K.countsPartition(board, month), ':from': from, ':to': to },
          ExpressionAttributeNames: { '#n': 'count' },
          ProjectionExpression: '#n',
          ExclusiveStartKey: start,
        }),
      )
      for (const i of out.Items ?? []) total += num(i.count)
      start = out.LastEvaluatedKey
    } while (start)
    return total
  }

  return {
    optInKey: K.optIn,
    scoreKey: K.score,
    totalKey: K.total,
    optInOf: (item: Record<string, unknown> | undefined): OptInState => ({ optIn: item?.optIn === true, version: num(item?.version) }),
    scoreOf: (memberId: string, board: LeaderboardBoard, month: string, item: Record<string, unknown> | undefined): ScoreState => ({
      memberId,
      board,
      month,
      score: num(item?.score),
      version: num(item?.version),
    }),
    totalOf: (item: Record<string, unknown> | undefined) => num(item?.count),

    /** The flag, over the version read ('stale' otherwise). */
    optInItem(memberId: string, before: OptInState, optIn: boolean, at: string): Guarded<'stale'> {
      return {
        item: {
          Put: {
            TableName: T,
            Item: { ...K.optIn(memberId), entity: ENTITY.leaderboardOptIn, memberId, optIn, version: before.version + 1, updatedAt: at },
            ConditionExpression: before.version ? 'version = :v' : 'attribute_not_exists(PK)',
            ...(before.version ? { ExpressionAttributeValues: { ':v': before.version } } : {}),
          },
        },
        onConditionFailed: 'stale',
      }
    },

    /** The flag is still as read (a score moves only on the flag's version it saw). */
    optInCheck(memberId: string, before: OptInState): Guarded<'stale'> {
      return {
        item: {
          ConditionCheck: {
            TableName: T,
            Key: K.optIn(memberId),
            ConditionExpression: before.version ? 'version = :v' : 'attribute_not_exists(PK)',
            ...(before.version ? { ExpressionAttributeValues: { ':v': before.version } } : {}),
          },
        },
        onConditionFailed: 'stale',
      }
    },

    /**
     * The score after a change, over the version read, with the board's counts moved to match
     * when the member takes part (`ranked`): they leave their old score's counts (if they were
     * counted: `wasRanked`) and join the new one's.
     */
    scoreItems(before: ScoreState, score: number, o: { ranked: boolean; wasRanked: boolean; at: string }): Guarded<'stale'>[] {
      const { memberId, board, month } = before
      const items: Guarded<'stale'>[] = [
        {
          item: {
            Put: {
              TableName: T,
              Item: {
                ...K.score(memberId, board, month),
                ...(o.ranked ? K.scoreIndex(memberId, board, month, score) : {}),
                entity: ENTITY.leaderboardScore,
                memberId,
                board,
                month,
                score,
                version: before.version + 1,
                updatedAt: o.at,
              },
              ConditionExpression: before.version ? 'version = :v' : 'attribute_not_exists(PK)',
              ...(before.version ? { ExpressionAttributeValues: { ':v': before.version } } : {}),
            },
          },
          onConditionFailed: 'stale',
        },
      ]
      const bucket = (s: number) => Math.floor(s / LEADERBOARD_BUCKET)
      if (o.wasRanked && o.ranked && before.score === score) return items
      if (o.wasRanked) items.push(count(K.scoreCount(board, month, before.score), -1))
      if (o.ranked) items.push(count(K.scoreCount(board, month, score), 1))
      if (!(o.wasRanked && o.ranked && bucket(before.score) === bucket(score))) {
        if (o.wasRanked) items.push(count(K.bucketCount(board, month, bucket(before.score)), -1))
        if (o.ranked) items.push(count(K.bucketCount(board, month, bucket(score)), 1))
      }
      if (o.ranked !== o.wasRanked) items.push(count(K.total(board, month), o.ranked ? 1 : -1))
      return items
    },

    /** Members taking part with a higher score: the buckets above the score's, and the scores above it in its bucket. */
    async above(board: LeaderboardBoard, month: string, score: number): Promise<number> {
      const bucket = Math.floor(score / LEADERBOARD_BUCKET)
      const [higherBuckets, higherInBucket] = await Promise.all([
        sumRange(board, month, K.bucketCount(board, month, bucket + 1).SK, 'C#~'),
        sumRange(
          board,
          month,
          K.scoreCount(board, month, score + 1).SK,
          K.scoreCount(board, month, (bucket + 1) * LEADERBOARD_BUCKET - 1).SK,
        ),
      ])
      return higherBuckets + higherInBucket
    },

    /** The top scores of the board: each shard of its index, highest first, merged. */
    async top(board: LeaderboardBoard, month: string, limit: number): Promise<Array<{ memberId: string; score: number }>> {
      const shards = await Promise.all(
        K.scoreIndexShards(board, month).map((pk) =>
          db.client.send(
            new QueryCommand({
              TableName: T,
              IndexName: 'GSI1',
              KeyConditionExpression: 'GSI1PK = :pk',
              ExpressionAttributeValues: { ':pk': pk },
              ScanIndexForward: false,
              Limit: limit,
            }),
          ),
        ),
      )
      return shards
        .flatMap((out) => out.Items ?? [])
        .filter((i) => typeof i.memberId === 'string')
        .map((i) => ({ memberId: String(i.memberId), score: num(i.score) }))
        .sort((a, b) => b.score - a.score || a.memberId.localeCompare(b.memberId))
        .slice(0, limit)
    },
  }
}
export type LeaderboardRepository = ReturnType<typeof leaderboardRepository>
