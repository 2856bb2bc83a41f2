import { decodeCursor, encodeCursor } from './cursor'

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url')
const invalid = expect.objectContaining({
  code: 'VALIDATION_FAILED',
  details: { fields: [expect.objectContaining({ field: 'query.cursor' })] },
})

describe('cursors', () => {
  const key = { PK: 'MEMBER#m1', SK: 'POINTS#01J' }

  it('round-trip a last evaluated key; no key, no cursor', () => {
    expect(decodeCursor(encodeCursor(key)!, 'MEMBER#m1', 'PK', ['PK', 'SK'])).toEqual(key)
    expect(encodeCursor(undefined)).toBeNull()
    expect(decodeCursor(undefined, 'MEMBER#m1')).toBeUndefined()
  })

  it("refuse another partition's cursor (never another member's data)", () => {
    expect(() => decodeCursor(encodeCursor(key)!, 'MEMBER#m2')).toThrow(invalid)
    expect(() => decodeCursor(b64({ ...key, PK: 'MEMBER#m2' }), 'MEMBER#m1')).toThrow(invalid)
  })

  it.each([
    ['not base64url', 'a+b/c='],
    ['not JSON', b64('{PK:')],
    ['JSON but not an object', b64(['MEMBER#m1'])],
    ['a number where a key string goes', b64({ PK: 'MEMBER#m1', SK: 5 })],
    ['an extra attribute', b64({ ...key, GSI1PK: 'X' })],
    ['a missing attribute', b64({ PK: 'MEMBER#m1' })],
    ['too long', 'A'.repeat(2001)],
  ])('refuse a forged cursor: %s', (_why, cursor) => {
    expect(() => decodeCursor(cursor, 'MEMBER#m1', 'PK', ['PK', 'SK'])).toThrow(invalid)
  })
})
