/**
 * Every key string of the single table is built here and nowhere else.
 * See ACCESS_PATTERNS.md for the queries these keys serve.
 */
export const ENTITY = {
  program: 'Program',
  store: 'Store',
  identity: 'Identity',
  member: 'Member',
  card: 'Card',
  pointsEntry: 'PointsLedgerEntry',
  pointsSource: 'PointsSource',
  pointsLot: 'PointsLot',
  checkin: 'Checkin',
} as const

export const keys = {
  program: () => ({ PK: 'PROGRAM', SK: 'RULES' }),
  store: (storeId: string) => ({ PK: `STORE#${storeId}`, SK: 'STORE', GSI1PK: 'STORES', GSI1SK: `STORE#${storeId}` }),
  storesIndex: () => ({ GSI1PK: 'STORES' }),
  /** One WeChat identity (openid) ⇒ at most one member. */
  identity: (openid: string) => ({ PK: `IDENTITY#${openid}`, SK: 'IDENTITY' }),
  member: (memberId: string) => ({ PK: `MEMBER#${memberId}`, SK: 'PROFILE' }),
  memberPartition: (memberId: string) => `MEMBER#${memberId}`,
  /** Card numbers are unique; the dynamic member code carries the card number. */
  card: (cardNo: string) => ({ PK: `CARD#${cardNo}`, SK: 'CARD' }),
  /** Ledger entries sort by time within the member's partition (ULID ids are time-ordered). */
  pointsEntry: (memberId: string, entryId: string) => ({ PK: `MEMBER#${memberId}`, SK: `POINTS#${entryId}` }),
  pointsEntryPrefix: () => 'POINTS#',
  /** Idempotency guard: one item per source reference (e.g. checkin:2026-11-25). */
  pointsSource: (memberId: string, sourceRef: string) => ({ PK: `MEMBER#${memberId}`, SK: `PSOURCE#${sourceRef}` }),
  /** Points held in lots by earning month (FIFO spending, expiry by lot). */
  pointsLot: (memberId: string, month: string) => ({ PK: `MEMBER#${memberId}`, SK: `LOT#${month}` }),
  pointsLotPrefix: () => 'LOT#',
  checkin: (memberId: string, date: string) => ({ PK: `MEMBER#${memberId}`, SK: `CHECKIN#${date}` }),
  checkinPrefix: (month?: string) => (month ? `CHECKIN#${month}` : 'CHECKIN#'),
}
