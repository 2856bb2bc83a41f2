import { DomainError } from '@huiyuan/shared/errors'

/** Opaque pagination cursors: the last evaluated key, base64url JSON. */
export const encodeCursor = (key: Record<string, unknown> | undefined): string | null =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null

/** Decodes a cursor and checks it belongs to the partition being read (never another member's). */
export const decodeCursor = (cursor: string | undefined, partition: string, pkAttr = 'PK'): Record<string, unknown> | undefined => {
  if (!cursor) return undefined
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>
    if (typeof key !== 'object' || key === null || key[pkAttr] !== partition) throw new Error('foreign cursor')
    return key
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'The cursor is invalid', {
      fields: [{ field: 'query.cursor', message: 'invalid cursor', code: 'invalid_cursor' }],
    })
  }
}
