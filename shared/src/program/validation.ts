/**
 * The checks that span fields of the program rules, beyond each field's own shape: tiers
 * in ascending order from an entry tier at 0, unique codes, promotions with what their kind
 * needs, quiet hours, a real time zone, every value of a subscription message on a field. Pure, so the console can run it before sending and
 * the API runs it on every update (issues come back as field errors with these paths).
 */
import type { ProgramRules } from './schemas'
import { PURPOSE_SLOTS, SUBSCRIPTION_PURPOSES } from '../messaging/schemas'

export interface RulesIssue {
  path: Array<string | number>
  message: string
}

const TIER_CODE = /^[a-z][a-z0-9_-]{0,19}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

const isRealDate = (ymd: string): boolean => {
  if (!DATE.test(ymd)) return false
  const at = new Date(`${ymd}T00:00:00Z`)
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === ymd
}

/** Every issue of a whole set of rules (empty when they hold together). */
export function programRulesIssues(rules: ProgramRules): RulesIssue[] {
  const issues: RulesIssue[] = []
  const add = (path: Array<string | number>, message: string) => issues.push({ path, message })

  if (!isTimeZone(rules.timeZone)) add(['timeZone'], 'must be an IANA time zone such as Asia/Shanghai')

  const codes = new Set<string>()
  const names = new Set<string>()
  rules.tiers.forEach((t, i) => {
    if (!TIER_CODE.test(t.code)) add(['tiers', i, 'code'], 'lowercase letters, digits, - and _, starting with a letter')
    if (codes.has(t.code)) add(['tiers', i, 'code'], `tier code ${t.code} is used twice`)
    codes.add(t.code)
    if (names.has(t.name)) add(['tiers', i, 'name'], `tier name ${t.name} is used twice`)
    names.add(t.name)
    if (i === 0 && t.thresholdFen !== 0) add(['tiers', 0, 'thresholdFen'], 'the entry tier (the first) starts at 0')
    const prev = rules.tiers[i - 1]
    if (i > 0 && prev && t.thresholdFen <= prev.thresholdFen) {
      add(['tiers', i, 'thresholdFen'], `must be above the previous tier's threshold (${prev.thresholdFen})`)
    }
  })

  const promotionIds = new Set<string>()
  rules.earning.promotions.forEach((p, i) => {
    const at = (field: string) => ['earning', 'promotions', i, field]
    if (promotionIds.has(p.id)) add(at('id'), `promotion id ${p.id} is used twice`)
    promotionIds.add(p.id)
    if (p.kind === 'member_day' && p.dayOfMonth === undefined) add(at('dayOfMonth'), 'a member day needs its day of the month')
    if (p.kind === 'store' && !p.storeIds?.length) add(at('storeIds'), 'a store promotion needs at least one store')
    if (p.kind === 'category' && !p.categories?.length) add(at('categories'), 'a category promotion needs at least one category')
    if (p.from !== undefined && !isRealDate(p.from)) add(at('from'), 'must be a date YYYY-MM-DD')
    if (p.to !== undefined && !isRealDate(p.to)) add(at('to'), 'must be a date YYYY-MM-DD')
    if (p.from && p.to && isRealDate(p.from) && isRealDate(p.to) && p.to < p.from) add(at('to'), 'must not be before the start date')
  })

  const streakDays = new Set<number>()
  rules.checkin.streakBonuses.forEach((b, i) => {
    if (streakDays.has(b.day)) add(['checkin', 'streakBonuses', i, 'day'], `day ${b.day} has two bonuses`)
    streakDays.add(b.day)
  })

  if (
    rules.tierPolicy.entryMode === 'qualify' &&
    rules.tierPolicy.qualifySinglePurchaseFen <= 0 &&
    rules.tierPolicy.qualifyCumulativeFen <= 0
  ) {
    add(['tierPolicy', 'qualifySinglePurchaseFen'], 'qualifying for the entry card needs a single-purchase or a cumulative amount')
  }

  if (rules.memberCode.graceSeconds >= rules.memberCode.stepSeconds) {
    add(['memberCode', 'graceSeconds'], 'must be shorter than the code step')
  }

  const { from, to } = rules.marketing.quietHours
  if (from === to) add(['marketing', 'quietHours', 'to'], 'quiet hours must end at another time than they start')

  for (const purpose of SUBSCRIPTION_PURPOSES) {
    const t = rules.messaging.templates[purpose]
    const used = new Set<string>()
    for (const slot of PURPOSE_SLOTS[purpose]) {
      const key = t.fields[slot]
      if (!key) add(['messaging', 'templates', purpose, 'fields', slot], `which field of the template carries ${slot}`)
      else if (used.has(key)) add(['messaging', 'templates', purpose, 'fields', slot], `${key} carries two values`)
      if (key) used.add(key)
    }
  }

  const sv = rules.storedValue
  const packageIds = new Set<string>()
  sv.packages.forEach((p, i) => {
    const at = (field: string) => ['storedValue', 'packages', i, field]
    if (packageIds.has(p.packageId)) add(at('packageId'), `package ${p.packageId} is used twice`)
    packageIds.add(p.packageId)
    if (p.bonusFen > p.payFen) add(at('bonusFen'), 'the bonus cannot be more than what is paid')
    if (p.payFen + p.bonusFen > sv.balanceCapFen) add(at('payFen'), `with its bonus it exceeds the balance cap (${sv.balanceCapFen} fen)`)
  })

  return issues
}
