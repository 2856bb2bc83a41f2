/**
 * A local database from before accounts and tier states (`npm start` data) is brought up to
 * date by scripts/lib/migrate.ts, and the member's card, points history and next purchase
 * work on the migrated items. Running the migration again changes nothing.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { migrate } from '../../../scripts/lib/migrate'
import { joinInput, memberCodeAt, pointsTotals, seededServices } from '../testing/fixtures'
import { freshTable, testTablesEndpoint } from '../testing/table'
import { keys } from './keys'

test('migrates points, lots, entries, sources, tier and order results out of the old member profile', async () => {
  const db = await freshTable('migrate')
  const s = await seededServices(db)
  const now = new Date('2026-11-20T02:00:00Z')
  const card = await s.membersService.join('old-member', joinInput({ birthday: '1990-06-15' }), now)
  const id = card.memberId
  const put = (Item: Record<string, unknown>) => db.client.send(new PutCommand({ TableName: db.tableName, Item }))
  // The items as the previous version wrote them.
  const profile = (await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.member(id) }))).Item!
  await put({
    ...profile,
    pointsBalance: 150,
    pointsDebt: 7,
    storedValueFen: 0,
    tierCode: 'silver',
    spendMonths: { '2026-10': 350_000 },
    pointsMonths: { '2026-10': 3_500 },
    lifetimeSpendFen: 350_000,
    tierSpendFen: 350_000,
    lastCheckinDate: '2026-11-19',
    checkinStreak: 3,
    version: 9,
  })
  await db.client.send(
    new PutCommand({
      TableName: db.tableName,
      Item: {
        PK: `MEMBER#${id}`,
        SK: 'LOT#2026-10',
        entity: 'PointsLot',
        month: '2026-10',
        remaining: 100,
        earned: 120,
        expiresOn: '2027-10-31',
      },
    }),
  )
  await put({
    PK: `MEMBER#${id}`,
    SK: 'LOT#2026-11',
    entity: 'PointsLot',
    month: '2026-11',
    remaining: 50,
    earned: 50,
    expiresOn: '2027-11-30',
  })
  const entry = (entryId: string, delta: number, balanceAfter: number, sourceRef: string) => ({
    PK: `MEMBER#${id}`,
    SK: `POINTS#${entryId}`,
    entity: 'PointsLedgerEntry',
    entryId,
    memberId: id,
    type: 'purchase',
    delta,
    balanceAfter,
    sourceRef,
    description: '消费积分',
    createdAt: '2026-10-05T02:00:00.000Z',
  })
  await put(entry('01OLD0000000000000000000A1', 120, 120, 'purchase:S001:OLD-1'))
  await put(entry('01OLD0000000000000000000A2', 50, 170, 'purchase:S001:OLD-2'))
  await put({ ...entry('01OLD0000000000000000000A3', -20, 150, 'reward:k'), type: 'redemption' })
  await put({
    PK: `MEMBER#${id}`,
    SK: 'PSOURCE#purchase:S001:OLD-1',
    entity: 'PointsSource',
    entry: { entryId: '01OLD0000000000000000000A1' },
  })
  await put({
    PK: 'ORDER#S001#OLD-1',
    SK: 'ORDER',
    entity: 'Order',
    storeId: 'S001',
    orderId: 'OLD-1',
    memberId: id,
    cardNo: card.cardNo,
    amountFen: 12_000,
    refundedFen: 0,
    pointsEarned: 120,
    pointsReversed: 0,
    month: '2026-10',
    createdAt: '2026-10-05T02:00:00.000Z',
    result: { purchaseId: 'S001:OLD-1', replayed: false },
  })

  const port = Number(new URL(testTablesEndpoint()).port)
  expect(await migrate({ dynamoPort: port, tableName: db.tableName })).toEqual({ members: 1, orders: 1 })
  expect(await migrate({ dynamoPort: port, tableName: db.tableName })).toEqual({ members: 0, orders: 0 })

  const t = await pointsTotals(s, id)
  expect(t).toMatchObject({ balance: 150, debt: 7, ledger: 150, lots: 150 })
  expect(t.entries.map((e) => e.sourceRef)).toEqual(['purchase:S001:OLD-1', 'purchase:S001:OLD-2', 'reward:k'])
  expect((await s.tiers.read(id, await s.program.getRules())).tierCode).toBe('silver')
  const after = await s.membersService.getCard(id, now)
  expect(after).toMatchObject({ points: 150, tier: { code: 'silver' } })
  const raw = (await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.member(id) }))).Item!
  expect(raw).not.toHaveProperty('pointsBalance')
  expect(raw).not.toHaveProperty('version')

  // The old order replays; a new purchase earns on top of the migrated account.
  const cashier = { openid: 'c', memberId: null, roles: ['admin' as const], storeIds: [] }
  const code = memberCodeAt(card.cardNo, now)
  expect(await s.purchases.record(cashier, { memberCode: code, storeId: 'S001', orderId: 'OLD-1', amountFen: 12_000 }, now)).toMatchObject({
    replayed: true,
  })
  const next = await s.purchases.record(cashier, { memberCode: code, storeId: 'S001', orderId: 'NEW-1', amountFen: 1_000 }, now)
  expect(next.points.debtRepaid).toBe(7)
  expect(await pointsTotals(s, id)).toMatchObject({ balance: 150 + next.points.awarded, debt: 0, ledger: 150 + next.points.awarded })
})
