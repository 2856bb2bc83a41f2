import { QueryCommand, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '@huiyuan/shared/errors'
import type { Db } from './db'

/** What a list read is asked for: a page size and the previous page's cursor. */
export interface PageRequest {
  limit: number
  cursor?: string
}
/** One page: `nextCursor` is null on the last one. */
export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

const MAX_CURSOR_CHARS = 2000

export const invalidCursor = (): DomainError =>
  new DomainError('VALIDATION_FAILED', 'The cursor is invalid', {
    fields: [{ field: 'query.cursor', message: 'invalid cursor', code: 'invalid_cursor' }],
  })

/** Opaque pagination cursors: base64url JSON of a position (a query's last evaluated key). */
export const encodeCursor = (position: Record<string, unknown> | undefined): string | null =>
  position ? Buffer.from(JSON.stringify(position)).toString('base64url') : null

/**
 * Decodes a cursor and checks it belongs to the partition being read (never another
 * member's): `pkAttr` must name `partition`, every value must be a string, and with
 * `attrs` the cursor must have exactly those attributes. Anything else is a 400.
 */
export const decodeCursor = (
  cursor: string | undefined,
  partition: string,
  pkAttr = 'PK',
  attrs?: readonly string[],
): Record<string, string> | undefined => {
  if (cursor === undefined || cursor === '') return undefined
  if (cursor.length > MAX_CURSOR_CHARS || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor()
  let key: unknown
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw invalidCursor()
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalidCursor()
  const entries = Object.entries(key)
  if (entries.some(([, v]) => typeof v !== 'string' || v.length === 0)) throw invalidCursor()
  if ((key as Record<string, unknown>)[pkAttr] !== partition) throw invalidCursor()
  if (attrs && (entries.length !== attrs.length || !attrs.every((a) => a in key))) throw invalidCursor()
  return key as Record<string, string>
}

/** The key attributes of a read's last evaluated key, by index. */
const KEY_ATTRS = {
  table: ['PK', 'SK'],
  GSI1: ['PK', 'SK', 'GSI1PK', 'GSI1SK'],
  GSI2: ['PK', 'SK', 'GSI2PK', 'GSI2SK'],
} as const

export interface PagedQuery {
  /** Omitted: the table itself. */
  index?: 'GSI1' | 'GSI2'
  /** The partition read (PK, or the index's partition key). */
  partition: string
  /** Only sort keys with this prefix. */
  beginsWith?: string
  /**
   * Only sort keys ≥ this. A cursor taken when the bound was lower (e.g. open offers: the
   * bound is "now") stays usable: the read starts at the cursor and skips what fell below.
   */
  atLeast?: string
  newestFirst?: boolean
  /** A FilterExpression over non-key attributes (pages may hold fewer items; the cursor still moves on). */
  filter?: { expression: string; names?: Record<string, string>; values: Record<string, unknown> }
}

/**
 * One page of a Query over one partition of the table or an index. The cursor is the key
 * of the page's last item, refused unless it has this read's key attributes and names this
 * partition; a start key DynamoDB refuses (outside the read's range) is a 400 too. One
 * item more than the page is read, so the last page says so (`nextCursor` null) rather
 * than leading to an empty one.
 */
export async function queryPage(db: Db, q: PagedQuery, page: PageRequest): Promise<Page<Record<string, unknown>>> {
  const pkAttr = q.index ? `${q.index}PK` : 'PK'
  const skAttr = q.index ? `${q.index}SK` : 'SK'
  const start = decodeCursor(page.cursor, q.partition, pkAttr, KEY_ATTRS[q.index ?? 'table'])
  const values: Record<string, unknown> = { ':pk': q.partition }
  let condition = `${pkAttr} = :pk`
  if (q.beginsWith !== undefined) {
    if (start && !start[skAttr]!.startsWith(q.beginsWith)) throw invalidCursor()
    condition += ` AND begins_with(${skAttr}, :prefix)`
    values[':prefix'] = q.beginsWith
  } else if (q.atLeast !== undefined) {
    const from = start && start[skAttr]! < q.atLeast ? start[skAttr]! : q.atLeast
    condition += ` AND ${skAttr} >= :from`
    values[':from'] = from
  }
  const input: QueryCommandInput = {
    TableName: db.tableName,
    ...(q.index ? { IndexName: q.index } : {}),
    KeyConditionExpression: condition,
    ExpressionAttributeValues: { ...values, ...q.filter?.values },
    ...(q.filter ? { FilterExpression: q.filter.expression } : {}),
    ...(q.filter?.names ? { ExpressionAttributeNames: q.filter.names } : {}),
    ScanIndexForward: !q.newestFirst,
    Limit: page.limit + 1,
    ExclusiveStartKey: start,
  }
  let out: QueryCommandOutput
  try {
    out = await db.client.send(new QueryCommand(input))
  } catch (e) {
    if (start && (e as { name?: string }).name === 'ValidationException') throw invalidCursor()
    throw e
  }
  let items = out.Items ?? []
  // More than a page: there is a next one, from the page's last item. Otherwise this is the
  // end, unless DynamoDB stopped early at its 1 MB read size (then its own last key).
  let next = out.LastEvaluatedKey
  if (items.length > page.limit) {
    const last = items[page.limit - 1]!
    next = Object.fromEntries(KEY_ATTRS[q.index ?? 'table'].map((a) => [a, last[a]]))
    items = items.slice(0, page.limit)
  }
  return {
    items: q.atLeast !== undefined ? items.filter((i) => String(i[skAttr]) >= q.atLeast!) : items,
    nextCursor: encodeCursor(next),
  }
}
