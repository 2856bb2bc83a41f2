/**
 * A local database from before accounts and tier states (`npm start` data) is brought up to
 * date by scripts/lib/migrate.ts, and the member's card, points history and next purchase
 * work on the migrated items. Running the migration again changes nothing.
 */
import { createCipheriv, randomBytes } from 'node:crypto'
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { migrate } from '../../../scripts/lib/migrate'
import { joinInput, memberCodeAt, pointsTotals, seededServices } from '../testing/fixtures'
import { freshTable, testTablesEndpoint } from '../testing/table'
import { personalDataCipher, posSecretCipher } from './crypto'
import { coreKeys, keys } from './keys'
import { LOCAL_DEFAULTS } from './localDev'

/** A value as the previous version sealed it: `v1.local.…`, under the personal-data key, bound to nothing. */
const sealedV1 = (plaintext: string) => {
  const gcm = (key: Buffer, data: Buffer) => {
    const iv = randomBytes(12)
    const c = createCipheriv('aes-256-gcm', key, iv)
    return Buffer.concat([iv, c.update(data), c.final(), c.getAuthTag()])
  }
  const dk = randomBytes(32)
  const wrapped = gcm(Buffer.from(LOCAL_DEFAULTS.PHONE_MASTER_KEY_HEX!, 'hex'), dk)
  const value = gcm(dk, Buffer.from(plaintext, 'utf8'))
  return [
    'v1',
    'local',
    wrapped.toString('base64url'),
    value.subarray(0, 12).toString('base64url'),
    value.subarray(12).toString('base64url'),
  ].join('.')
}

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

  // A phone number and a store API secret sealed before encryption contexts, and a tier state
  // from before the members index.
  await put({
    ...(await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.member(id) }))).Item!,
    mobileSealed: sealedV1('13812341234'),
  })
  await put({
    ...keys.posKey('pk_old'),
    entity: 'PosKey',
    keyId: 'pk_old',
    storeId: 'S001',
    active: true,
    secretSealed: sealedV1('hys_old_secret'),
  })
  const other = (await s.membersService.join('other-member', joinInput(), now)).memberId
  await db.client.send(
    new UpdateCommand({ TableName: db.tableName, Key: coreKeys.tierState(other), UpdateExpression: 'REMOVE GSI2PK, GSI2SK' }),
  )

  const port = Number(new URL(testTablesEndpoint()).port)
  expect(await migrate({ dynamoPort: port, tableName: db.tableName })).toEqual({ members: 1, orders: 1, tierStatesIndexed: 1, resealed: 2 })
  expect(await migrate({ dynamoPort: port, tableName: db.tableName })).toEqual({ members: 0, orders: 0, tierStatesIndexed: 0, resealed: 0 })

  // Both members are in the members index; the resealed values are bound to their owners.
  const indexed = (await s.tiersRepo.memberShardPage(coreKeys.memberShardIndex(other).GSI2PK)).memberIds
  expect(indexed).toContain(other)
  expect((await s.tiersRepo.memberShardPage(coreKeys.memberShardIndex(id).GSI2PK)).memberIds).toContain(id)
  const sealedPhone = String((await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.member(id) }))).Item!.mobileSealed)
  expect(sealedPhone.startsWith('v2.local.')).toBe(true)
  await expect(personalDataCipher().decrypt(sealedPhone, { memberId: other })).rejects.toThrow()
  const sealedSecret = String(
    (await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.posKey('pk_old') }))).Item!.secretSealed,
  )
  expect(await posSecretCipher().decrypt(sealedSecret, { keyId: 'pk_old' })).toBe('hys_old_secret')
  await expect(personalDataCipher().decrypt(sealedSecret, { keyId: 'pk_old' })).rejects.toThrow()

  const t = await pointsTotals(s, id)
  expect(t).toMatchObject({ balance: 150, debt: 7, ledger: 150, lots: 150 })
  expect(t.entries.map((e) => e.sourceRef)).toEqual(['purchase:S001:OLD-1', 'purchase:S001:OLD-2', 'reward:k'])
  expect((await s.tiers.read(id, await s.program.getRules())).tierCode).toBe('silver')
  const after = await s.membersService.getCard(id, now)
  expect(after).toMatchObject({ points: 150, tier: { code: 'silver' }, mobile: '13812341234' })
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
