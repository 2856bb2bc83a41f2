import fc from 'fast-check'
import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { freshTable } from '../testing/table'
import { joinInput, seededServices } from '../testing/fixtures'
import type { Db } from '../platform/db'

let db: Db
let s: Awaited<ReturnType<typeof seededServices>>
beforeAll(async () => {
  db = await freshTable('ledger')
  s = await seededServices(db)
})

const now = new Date('2026-11-25T02:00:00Z')
const change = (memberId: string, delta: number, sourceRef: string) => ({
  memberId,
  delta,
  type: 'adjustment' as const,
  sourceRef,
  description: 'test',
  now,
  timeZone: 'Asia/Shanghai',
  lotValidityMonths: 12,
})
let n = 0
const newMember = async () => (await s.membersService.join(`openid-ledger-${n++}`, joinInput(), now)).memberId

const ledgerSum = async (memberId: string) => {
  const out = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': `MEMBER#${memberId}`, ':p': 'POINTS#' },
      ConsistentRead: true,
    }),
  )
  return (out.Items ?? []).reduce((sum, i) => sum + Number(i.delta), 0)
}

describe('points ledger (DynamoDB Local)', () => {
  it('writes an entry with the balance after, and a retry of the same source changes nothing', async () => {
    const id = await newMember()
    const first = await s.ledger.apply(change(id, 100, 'order:1'))
    expect(first).toMatchObject({ replayed: false, entry: { delta: 100, balanceAfter: 100 } })
    const again = await s.ledger.apply(change(id, 100, 'order:1'))
    expect(again.replayed).toBe(true)
    expect(again.entry.entryId).toBe(first.entry.entryId)
    expect((await s.members.getMember(id))?.pointsBalance).toBe(100)
    expect(await ledgerSum(id)).toBe(100)
  })

  it('never lets the balance go negative', async () => {
    const id = await newMember()
    await s.ledger.apply(change(id, 50, 'earn'))
    await expect(s.ledger.apply(change(id, -51, 'spend'))).rejects.toMatchObject({ code: 'INSUFFICIENT_POINTS' })
    expect((await s.members.getMember(id))?.pointsBalance).toBe(50)
  })

  it('applies 30 concurrent distinct changes exactly, and 10 concurrent copies of one change once', async () => {
    const id = await newMember()
    await Promise.all(Array.from({ length: 30 }, (_, i) => s.ledger.apply(change(id, 7, `c:${i}`))))
    const copies = await Promise.all(Array.from({ length: 10 }, () => s.ledger.apply(change(id, 1000, 'same'))))
    expect(copies.filter((c) => !c.replayed)).toHaveLength(1)
    expect(new Set(copies.map((c) => c.entry.entryId)).size).toBe(1)
    expect((await s.members.getMember(id))?.pointsBalance).toBe(30 * 7 + 1000)
    expect(await ledgerSum(id)).toBe(30 * 7 + 1000)
  })

  it('never double-spends under concurrency: 10 spends of 30 against 100 points, at most 3 succeed', async () => {
    const id = await newMember()
    await s.ledger.apply(change(id, 100, 'earn'))
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => s.ledger.apply(change(id, -30, `spend:${i}`))))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3)
    expect((await s.members.getMember(id))?.pointsBalance).toBe(10)
    expect(await ledgerSum(id)).toBe(10)
  })

  it('keeps balance = Σ ledger = Σ lots over random earn/spend/retry sequences', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ delta: fc.integer({ min: -60, max: 80 }).filter((d) => d !== 0), source: fc.integer({ min: 0, max: 15 }) }), {
          minLength: 1,
          maxLength: 25,
        }),
        async (ops) => {
          const id = await newMember()
          const applied = new Map<number, number>()
          let expected = 0
          for (const op of ops) {
            try {
              const r = await s.ledger.apply(change(id, op.delta, `src:${op.source}`))
              if (!r.replayed) {
                applied.set(op.source, op.delta)
                expected += op.delta
              } else expect(r.entry.delta).toBe(applied.get(op.source))
            } catch (e) {
              expect(e).toMatchObject({ code: 'INSUFFICIENT_POINTS' })
              expect(expected + op.delta).toBeLessThan(0)
            }
          }
          const balance = (await s.members.getMember(id))?.pointsBalance
          expect(balance).toBe(expected)
          expect(await ledgerSum(id)).toBe(expected)
          const lots = await s.ledger.readLots(id)
          expect(lots.reduce((sum, l) => sum + l.remaining, 0)).toBe(expected)
        },
      ),
      { numRuns: 15 },
    )
  })
})
