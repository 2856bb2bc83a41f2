/**
 * A member's features record: what segments are conditions over (PRODUCT.md §9), pure.
 * Event consumers fold each domain event into it (`applyEvent`), the rebuild folds the
 * member's ledgers into a fresh one, and `derive` turns it into the figures conditions ask
 * about at a given day — figures that move with time (spend in the last 12 months, points
 * expiring soon, unused coupons) are kept in a form that stays right without an event:
 * per-month buckets, lots by expiry date, coupons with their end.
 */
import type { Gender } from '@huiyuan/shared/members/schemas'
import type { AgeBand, RfmGroup } from '@huiyuan/shared/segments/schemas'
import { addDays } from '../platform/clock'

/** Months of purchase buckets kept: this month and the 12 before (12 full months back). */
export const MONTHS_KEPT = 13
/** Categories kept per member (those spent on most). */
export const CATEGORIES_KEPT = 30

export interface Features {
  memberId: string
  cardNo: string
  nameMasked: string
  joinedAt: string
  joinDate: string
  joinStoreId: string
  tierCode: string
  gender: Gender
  birthday: string | null
  tags: string[]
  marketingConsent: boolean
  firstPurchaseDate: string | null
  lastPurchaseDate: string | null
  lastCheckinDate: string | null
  purchasesTotal: number
  spendTotalFen: number
  /** Purchases and net spend per month (YYYY-MM), the last MONTHS_KEPT months. */
  months: Record<string, { n: number; fen: number }>
  /** Purchases per store. */
  stores: Record<string, number>
  /** Spend per category and the last month bought. */
  categories: Record<string, { fen: number; last: string }>
  pointsBalance: number
  /** Points by expiry date (lots without an end are not listed). */
  pointsExpiring: Record<string, number>
  /** Unused coupons: code → end of validity (ISO). */
  coupons: Record<string, string>
  /** The member's RFM group by month, as the nightly refresh saw it (this month and the one before). */
  rfm: { month: string; group: RfmGroup; prevMonth?: string; prevGroup?: RfmGroup } | null
  /** WeChat subscription grants held, by purpose, with the version of the grant they were read at. */
  wechatGrants: Record<string, { held: number; v: number }>
  /** Events that happened before this were in the ledgers a rebuild read. */
  rebuiltAt: string | null
}

export interface ProfileFacts {
  cardNo: string
  name: string
  joinedAt: string
  joinDate: string
  joinStoreId: string
  gender: Gender
  birthday: string | null
  tags: string[]
  marketingConsent: boolean
}

/** 李* — the first character and a star (a one-character name is just a star). */
export const maskName = (name: string): string => {
  const chars = [...name.trim()]
  return chars.length <= 1 ? '*' : `${chars[0]}*`
}

export const newFeatures = (memberId: string, profile: ProfileFacts, tierCode: string): Features => ({
  memberId,
  ...profileFields(profile),
  joinedAt: profile.joinedAt,
  joinDate: profile.joinDate,
  joinStoreId: profile.joinStoreId,
  tierCode,
  firstPurchaseDate: null,
  lastPurchaseDate: null,
  lastCheckinDate: null,
  purchasesTotal: 0,
  spendTotalFen: 0,
  months: {},
  stores: {},
  categories: {},
  pointsBalance: 0,
  pointsExpiring: {},
  coupons: {},
  rfm: null,
  wechatGrants: {},
  rebuiltAt: null,
})

/** A grant's count as of its version: an older version arriving late changes nothing. */
export const withGrant = (f: Features, purpose: string, held: number, v: number): Features =>
  (f.wechatGrants[purpose]?.v ?? -1) >= v ? f : { ...f, wechatGrants: { ...f.wechatGrants, [purpose]: { held, v } } }

const profileFields = (p: ProfileFacts) => ({
  cardNo: p.cardNo,
  nameMasked: maskName(p.name),
  gender: p.gender,
  birthday: p.birthday,
  tags: p.tags,
  marketingConsent: p.marketingConsent,
})

export const withProfile = (f: Features, p: ProfileFacts): Features => ({ ...f, ...profileFields(p) })

/** The points account as features: balance and points by expiry date. */
export const withPoints = (f: Features, balance: number, lots: Record<string, { remaining: number; expiresOn?: string }>): Features => {
  const pointsExpiring: Record<string, number> = {}
  for (const lot of Object.values(lots)) {
    if (lot.remaining > 0 && lot.expiresOn) pointsExpiring[lot.expiresOn] = (pointsExpiring[lot.expiresOn] ?? 0) + lot.remaining
  }
  return { ...f, pointsBalance: balance, pointsExpiring }
}

const monthsBack = (month: string, n: number): string => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const i = y * 12 + (m - 1) - n
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
}

/** Keeps the last MONTHS_KEPT months of buckets (relative to `month`). */
const trimMonths = (months: Features['months'], month: string): Features['months'] => {
  const oldest = monthsBack(month, MONTHS_KEPT - 1)
  return Object.fromEntries(Object.entries(months).filter(([m]) => m >= oldest))
}

export interface PurchaseFacts {
  date: string
  storeId: string
  amountFen: number
  items?: Array<{ category?: string; unitPriceFen: number; qty: number }>
}

/** A purchase: buckets, stores, categories, first and last dates. */
export const withPurchase = (f: Features, p: PurchaseFacts): Features => {
  const month = p.date.slice(0, 7)
  const bucket = f.months[month] ?? { n: 0, fen: 0 }
  const categories = { ...f.categories }
  for (const item of p.items ?? []) {
    if (!item.category) continue
    const c = categories[item.category] ?? { fen: 0, last: month }
    categories[item.category] = { fen: c.fen + item.unitPriceFen * item.qty, last: later(c.last, month) }
  }
  return {
    ...f,
    firstPurchaseDate: !f.firstPurchaseDate || p.date < f.firstPurchaseDate ? p.date : f.firstPurchaseDate,
    lastPurchaseDate: !f.lastPurchaseDate || p.date > f.lastPurchaseDate ? p.date : f.lastPurchaseDate,
    purchasesTotal: f.purchasesTotal + 1,
    spendTotalFen: f.spendTotalFen + p.amountFen,
    months: trimMonths({ ...f.months, [month]: { n: bucket.n + 1, fen: bucket.fen + p.amountFen } }, latestMonth(f, month)),
    stores: { ...f.stores, [p.storeId]: (f.stores[p.storeId] ?? 0) + 1 },
    categories: keepTopCategories(categories),
  }
}

/**
 * A refund: net spend goes down in the month of the refund (the order's own month is not in
 * the event); a whole-order refund also takes the purchase off the count.
 */
export const withRefund = (f: Features, r: { date: string; amountFen: number; wholeOrder: boolean }): Features => {
  const month = r.date.slice(0, 7)
  const bucket = f.months[month] ?? { n: 0, fen: 0 }
  return {
    ...f,
    purchasesTotal: Math.max(0, f.purchasesTotal - (r.wholeOrder ? 1 : 0)),
    spendTotalFen: Math.max(0, f.spendTotalFen - r.amountFen),
    months: trimMonths(
      { ...f.months, [month]: { n: Math.max(0, bucket.n - (r.wholeOrder ? 1 : 0)), fen: bucket.fen - r.amountFen } },
      latestMonth(f, month),
    ),
  }
}

const latestMonth = (f: Features, month: string): string => Object.keys(f.months).reduce(later, month)

/** The later of two ISO dates or months (they sort as text). */
const later = (a: string, b: string): string => [a, b].sort()[1]!

const keepTopCategories = (c: Features['categories']): Features['categories'] =>
  Object.keys(c).length <= CATEGORIES_KEPT
    ? c
    : Object.fromEntries(
        Object.entries(c)
          .sort(([, a], [, b]) => b.fen - a.fen)
          .slice(0, CATEGORIES_KEPT),
      )

export const withCheckin = (f: Features, date: string): Features => ({
  ...f,
  lastCheckinDate: !f.lastCheckinDate || date > f.lastCheckinDate ? date : f.lastCheckinDate,
})

export const withCoupon = (f: Features, code: string, validUntil: string | null): Features => {
  const coupons = { ...f.coupons }
  if (validUntil) coupons[code] = validUntil
  else delete coupons[code]
  return { ...f, coupons }
}

/** The figures conditions ask about, as of `today` (a calendar date in the program's zone) and `now`. */
export interface Derived {
  f: Features
  today: string
  purchases12m: number
  spend12mFen: number
  /** Days since the last purchase (null: never bought). */
  recencyDays: number | null
  /** Days since the last purchase, or since joining for one who never bought. */
  idleDays: number
  /** Days since the last purchase or check-in, or since joining. */
  inactiveDays: number
  joinedDaysAgo: number
  favouriteStoreId: string | null
  ageBand: AgeBand
  /** Days until the next birthday (0 = today; null: unknown). */
  daysToBirthday: number | null
  unusedCoupons: number
  pointsExpiringWithin: (days: number) => number
  categories12m: Set<string>
}

const dayNumber = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000)
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from)

export const ageBandOf = (birthday: string | null, today: string): AgeBand => {
  if (!birthday) return 'unknown'
  let age = Number(today.slice(0, 4)) - Number(birthday.slice(0, 4))
  if (today.slice(5) < birthday.slice(5)) age -= 1
  if (age < 0 || age > 120) return 'unknown'
  if (age < 18) return 'under18'
  if (age < 25) return '18-24'
  if (age < 35) return '25-34'
  if (age < 45) return '35-44'
  if (age < 55) return '45-54'
  return '55+'
}

/** Days from `today` to the next occurrence of the birthday's month and day (29 Feb: 1 Mar in other years). */
export const daysToBirthdayOf = (birthday: string | null, today: string): number | null => {
  if (!birthday) return null
  const year = Number(today.slice(0, 4))
  const on = (y: number) => {
    const md = birthday.slice(5)
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
    return `${y}-${md === '02-29' && !leap ? '03-01' : md}`
  }
  const thisYear = on(year)
  return thisYear >= today ? daysBetween(today, thisYear) : daysBetween(today, on(year + 1))
}

export const derive = (f: Features, today: string, now: Date): Derived => {
  const from = monthsBack(today.slice(0, 7), 11)
  let purchases12m = 0
  let spend12mFen = 0
  for (const [m, b] of Object.entries(f.months)) {
    if (m >= from) {
      purchases12m += b.n
      spend12mFen += b.fen
    }
  }
  const lastActive = [f.lastPurchaseDate, f.lastCheckinDate].filter((d): d is string => !!d).sort()
  const favourite = Object.entries(f.stores).sort(([a, x], [b, y]) => y - x || a.localeCompare(b))[0]
  const nowIso = now.toISOString()
  return {
    f,
    today,
    purchases12m,
    spend12mFen: Math.max(0, spend12mFen),
    recencyDays: f.lastPurchaseDate ? daysBetween(f.lastPurchaseDate, today) : null,
    idleDays: daysBetween(f.lastPurchaseDate ?? f.joinDate, today),
    inactiveDays: daysBetween(lastActive.at(-1) ?? f.joinDate, today),
    joinedDaysAgo: daysBetween(f.joinDate, today),
    favouriteStoreId: favourite?.[0] ?? null,
    ageBand: ageBandOf(f.birthday, today),
    daysToBirthday: daysToBirthdayOf(f.birthday, today),
    unusedCoupons: Object.values(f.coupons).filter((until) => new Date(until).toISOString() > nowIso).length,
    pointsExpiringWithin: (days) => {
      const until = addDays(today, days)
      return Object.entries(f.pointsExpiring).reduce((n, [on, p]) => (on >= today && on <= until ? n + p : n), 0)
    },
    categories12m: new Set(Object.entries(f.categories).flatMap(([c, v]) => (v.last >= from ? [c] : []))),
  }
}
