/**
 * Brings a local database made before accounts and domain events up to date (idempotent;
 * `npm start` runs it, or `npm run migrate` on its own):
 *  - points balance, debt, lots, entries and sources move from the member's profile and
 *    LOT#/POINTS#/PSOURCE# items into the points account (ACCOUNT#points, ENTRY#points#…,
 *    SOURCE#points#…) with a lot expiry index;
 *  - tier, rolling spend and review year move into the member's tier state (TIER);
 *  - balances, tier and streak leave the profile (the streak lives on the check-in records);
 *  - orders and refunds get idempotency records holding their first results;
 *  - tier states join the members index (GSI2 `MEMBERS#<shard>`) that jobs over all members read;
 *  - values sealed before encryption contexts (`v1.`) are sealed again bound to their owner:
 *    phone numbers to `{memberId}`, and store API secrets to `{keyId}` under the POS secrets
 *    key (they were under the personal-data key).
 * A table scan: a one-off script, never a request path.
 */
import { BatchWriteCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { readConfig } from '../../functions/src/platform/config'
import { type EncryptionContext, type EnvelopeCipher, envelopeCipher, localKeyWrapper } from '../../functions/src/platform/crypto/envelope'
import { makeDb, queryPartition } from '../../functions/src/platform/db'
import { requestHash } from '../../functions/src/platform/idempotency'
import { coreKeys, ENTITY } from '../../functions/src/platform/keys'

const OLD_PROFILE_FIELDS = [
  'pointsBalance',
  'pointsDebt',
  'storedValueFen',
  'tierCode',
  'spendMonths',
  'pointsMonths',
  'lifetimeSpendFen',
  'tierSpendFen',
  'lastPurchaseAt',
  'lastCheckinDate',
  'checkinStreak',
  'tierReviewedYear',
  'version',
]

export async function migrate(opts: {
  dynamoPort: number
  tableName: string
}): Promise<{ members: number; orders: number; tierStatesIndexed: number; resealed: number }> {
  const db = makeDb({ tableName: opts.tableName, endpoint: `http://127.0.0.1:${opts.dynamoPort}` })
  const T = opts.tableName
  const put = (Item: Record<string, unknown>) => db.client.send(new PutCommand({ TableName: T, Item }))
  const remove = async (keys: Array<{ PK: unknown; SK: unknown }>) => {
    for (let i = 0; i < keys.length; i += 25) {
      const chunk = keys.slice(i, i + 25).map((k) => ({ DeleteRequest: { Key: { PK: k.PK, SK: k.SK } } }))
      await db.client.send(new BatchWriteCommand({ RequestItems: { [T]: chunk } }))
    }
  }
  const partition = (pk: string) => queryPartition(db, pk)

  let members = 0
  let orders = 0
  let start: Record<string, unknown> | undefined
  do {
    const page = await db.client.send(
      new ScanCommand({
        TableName: T,
        FilterExpression:
          '(entity = :member AND attribute_exists(pointsBalance)) OR (entity = :order AND attribute_exists(#result)) OR (entity = :refund AND attribute_exists(#result))',
        ExpressionAttributeNames: { '#result': 'result' },
        ExpressionAttributeValues: { ':member': ENTITY.member, ':order': ENTITY.order, ':refund': ENTITY.refund },
        ExclusiveStartKey: start,
      }),
    )
    for (const item of page.Items ?? []) {
      if (item.entity === ENTITY.member) {
        await migrateMember(item)
        members++
      } else {
        await migrateResult(item)
        orders++
      }
    }
    start = page.LastEvaluatedKey
  } while (start)
  return { members, orders, ...(await indexAndReseal()) }

  async function indexAndReseal() {
    const cfg = readConfig({ ...process.env, STAGE: 'local' })
    const personal = envelopeCipher(localKeyWrapper(cfg.phoneLocalMasterKeyHex!))
    const pos = envelopeCipher(localKeyWrapper(cfg.posLocalMasterKeyHex!))
    // Both kinds of v1 value were sealed under the personal-data key.
    const sealAgain = async (to: EnvelopeCipher, old: string, context: EncryptionContext) =>
      to.encrypt(await personal.decrypt(old, context), context)
    let tierStatesIndexed = 0
    let resealed = 0
    let from: Record<string, unknown> | undefined
    do {
      const page = await db.client.send(
        new ScanCommand({
          TableName: T,
          FilterExpression:
            '(entity = :tier AND attribute_not_exists(GSI2PK)) OR (entity = :member AND begins_with(mobileSealed, :v1)) OR (entity = :posKey AND begins_with(secretSealed, :v1))',
          ExpressionAttributeValues: { ':tier': ENTITY.tierState, ':member': ENTITY.member, ':posKey': ENTITY.posKey, ':v1': 'v1.' },
          ExclusiveStartKey: from,
        }),
      )
      for (const item of page.Items ?? []) {
        if (item.entity === ENTITY.tierState) {
          const index = coreKeys.memberShardIndex(String(item.memberId))
          await db.client.send(
            new UpdateCommand({
              TableName: T,
              Key: { PK: item.PK, SK: item.SK },
              UpdateExpression: 'SET GSI2PK = :pk, GSI2SK = :sk',
              ExpressionAttributeValues: { ':pk': index.GSI2PK, ':sk': index.GSI2SK },
            }),
          )
          tierStatesIndexed++
          continue
        }
        // A v1 value opens under any context; the new one is bound to its owner.
        const [field, sealed] =
          item.entity === ENTITY.member
            ? ['mobileSealed', await sealAgain(personal, String(item.mobileSealed), { memberId: String(item.memberId) })]
            : ['secretSealed', await sealAgain(pos, String(item.secretSealed), { keyId: String(item.keyId) })]
        await db.client.send(
          new UpdateCommand({
            TableName: T,
            Key: { PK: item.PK, SK: item.SK },
            UpdateExpression: 'SET #f = :new',
            ConditionExpression: '#f = :old',
            ExpressionAttributeNames: { '#f': field },
            ExpressionAttributeValues: { ':new': sealed, ':old': item[field] },
          }),
        )
        resealed++
      }
      from = page.LastEvaluatedKey
    } while (from)
    return { tierStatesIndexed, resealed }
  }

  async function migrateMember(m: Record<string, unknown>) {
    const memberId = String(m.memberId)
    const items = await partition(String(m.PK))
    const oldLots = items.filter((i) => i.entity === 'PointsLot')
    const oldEntries = items.filter((i) => i.entity === 'PointsLedgerEntry')
    const oldSources = items.filter((i) => i.entity === 'PointsSource')
    const lots: Record<string, { remaining: number; earned: number; expiresOn: string }> = {}
    for (const l of oldLots) {
      if (Number(l.remaining) <= 0) continue
      lots[String(l.month)] = { remaining: Number(l.remaining), earned: Number(l.earned ?? l.remaining), expiresOn: String(l.expiresOn) }
      await put({
        ...coreKeys.lotExpiry(String(l.expiresOn), 'points', memberId, String(l.month)),
        entity: ENTITY.lotExpiry,
        kind: 'points',
        memberId,
        lotId: String(l.month),
        expiresOn: String(l.expiresOn),
      })
    }
    for (const e of oldEntries) {
      const { PK: _pk, SK: _sk, entity: _e, ...entry } = e
      await put({ ...coreKeys.accountEntry(memberId, 'points', String(e.entryId)), entity: ENTITY.accountEntry, ...entry, kind: 'points' })
    }
    for (const s of oldSources) {
      const ref = String(s.SK).slice('PSOURCE#'.length)
      await put({
        ...coreKeys.accountSource(memberId, 'points', ref),
        entity: ENTITY.accountSource,
        entryId: (s.entry as { entryId?: string })?.entryId,
      })
    }
    await put({
      ...coreKeys.account(memberId, 'points'),
      entity: ENTITY.account,
      memberId,
      kind: 'points',
      balance: Number(m.pointsBalance ?? 0),
      debt: Number(m.pointsDebt ?? 0),
      lots,
      version: 1,
      updatedAt: new Date().toISOString(),
    })
    await put({
      ...coreKeys.tierState(memberId),
      ...coreKeys.memberShardIndex(memberId),
      entity: ENTITY.tierState,
      memberId,
      tierCode: String(m.tierCode ?? ''),
      spendMonths: m.spendMonths ?? {},
      pointsMonths: m.pointsMonths ?? {},
      lifetimeSpendFen: Number(m.lifetimeSpendFen ?? 0),
      measure: Number(m.tierSpendFen ?? 0),
      ...(m.lastPurchaseAt ? { lastPurchaseAt: m.lastPurchaseAt } : {}),
      ...(m.tierReviewedYear ? { reviewedYear: m.tierReviewedYear } : {}),
      version: 1,
    })
    await remove([...oldLots, ...oldEntries, ...oldSources] as Array<{ PK: unknown; SK: unknown }>)
    await db.client.send(
      new UpdateCommand({
        TableName: T,
        Key: { PK: m.PK, SK: m.SK },
        UpdateExpression: `REMOVE ${OLD_PROFILE_FIELDS.map((_, i) => `#f${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(OLD_PROFILE_FIELDS.map((f, i) => [`#f${i}`, f])),
      }),
    )
  }

  async function migrateResult(o: Record<string, unknown>) {
    const storeId = String(o.PK).split('#')[1]!
    const orderId = String(o.orderId ?? String(o.PK).split('#').slice(2).join('#'))
    const key =
      o.entity === ENTITY.order
        ? coreKeys.idempotency('purchase', storeId, orderId)
        : coreKeys.idempotency('refund', storeId, `${orderId}:${String(o.refundId)}`)
    const request =
      o.entity === ENTITY.order
        ? { amountFen: Number(o.amountFen), items: [] }
        : { amountFen: Number((o.result as { amountFen?: number }).amountFen) }
    await put({
      ...key,
      entity: ENTITY.idempotency,
      requestHash: requestHash(request),
      ...(o.memberId ? { subject: o.memberId } : {}),
      result: o.result,
      createdAt: o.createdAt,
    })
    await db.client.send(
      new UpdateCommand({
        TableName: T,
        Key: { PK: o.PK, SK: o.SK },
        UpdateExpression: 'REMOVE #result',
        ExpressionAttributeNames: { '#result': 'result' },
      }),
    )
  }
}

if (require.main === module) {
  const dynamoPort = Number(process.env.HUIYUAN_DYNAMO_PORT ?? 8000)
  migrate({ dynamoPort, tableName: process.env.TABLE_NAME ?? 'huiyuan-local' }).then(
    (r) =>
      console.log(
        `migrated ${r.members} members, ${r.orders} orders and refunds; indexed ${r.tierStatesIndexed} tier states; resealed ${r.resealed} values`,
      ),
    (e) => {
      console.error(e)
      process.exit(1)
    },
  )
}
