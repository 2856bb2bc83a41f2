/**
 * Purchase points: base = floor(paid fen / fenPerPoint), then the tier multiplier and every
 * active promotion multiply it (all in basis points), and the result is floored once.
 * Category promotions apply to the share of the order paid for items of that category.
 * Pure; every number comes from the program rules.
 */
import type { ProgramRules, Promotion, TierRule } from '@huiyuan/shared/program/schemas'

export interface LineItem {
  sku: string
  name?: string
  brand?: string
  category?: string
  unitPriceFen: number
  qty: number
}

export interface EarningContext {
  amountFen: number
  storeId: string
  /** Calendar date of the purchase in the program's zone. */
  date: string
  /** Member's birthday (YYYY-MM-DD). */
  birthday: string
  tier: TierRule
  items?: LineItem[]
}

export interface PointsExplanation {
  basePoints: number
  multipliers: Array<{ kind: 'tier' | Promotion['kind']; name: string; multiplierBp: number; appliesToFen: number }>
  totalPoints: number
}

const active = (p: Promotion, date: string) => (!p.from || date >= p.from) && (!p.to || date <= p.to)

/** The program-wide promotions a member's purchases earn more under on `date`: the member day (会员日) and their birthday month. */
export function promotionsOn(
  rules: Pick<ProgramRules, 'earning'>,
  date: string,
  birthday: string,
): Array<{ kind: 'member_day' | 'birthday_month'; name: string; multiplierBp: number }> {
  const day = Number(date.slice(8, 10))
  return rules.earning.promotions.flatMap((p) =>
    active(p, date) &&
    ((p.kind === 'member_day' && p.dayOfMonth === day) || (p.kind === 'birthday_month' && birthday.slice(5, 7) === date.slice(5, 7)))
      ? [{ kind: p.kind, name: p.name, multiplierBp: p.multiplierBp }]
      : [],
  )
}

/** The next member day after `date` (within a year), or null when the program has none. */
export function nextMemberDay(rules: Pick<ProgramRules, 'earning'>, date: string): string | null {
  const days = rules.earning.promotions.filter((p) => p.kind === 'member_day' && p.dayOfMonth !== undefined)
  const d = new Date(`${date}T00:00:00Z`)
  for (let i = 1; i <= 366; i++) {
    const next = new Date(d.getTime() + i * 86_400_000).toISOString().slice(0, 10)
    if (days.some((p) => p.dayOfMonth === Number(next.slice(8, 10)) && active(p, next))) return next
  }
  return null
}

export function purchasePoints(ctx: EarningContext, rules: Pick<ProgramRules, 'earning'>): PointsExplanation {
  const { fenPerPoint, promotions } = rules.earning
  const basePoints = Math.floor(ctx.amountFen / fenPerPoint)
  const multipliers: PointsExplanation['multipliers'] = []
  if (ctx.tier.earnMultiplierBp !== 10000) {
    multipliers.push({
      kind: 'tier',
      name: `${ctx.tier.name}积分倍率`,
      multiplierBp: ctx.tier.earnMultiplierBp,
      appliesToFen: ctx.amountFen,
    })
  }
  const day = Number(ctx.date.slice(8, 10))
  const month = ctx.date.slice(5, 7)
  const itemsTotal = (ctx.items ?? []).reduce((s, i) => s + i.unitPriceFen * i.qty, 0)
  for (const p of promotions ?? []) {
    if (!active(p, ctx.date)) continue
    let appliesToFen = 0
    if (p.kind === 'member_day' && p.dayOfMonth === day) appliesToFen = ctx.amountFen
    if (p.kind === 'birthday_month' && ctx.birthday.slice(5, 7) === month) appliesToFen = ctx.amountFen
    if (p.kind === 'store' && p.storeIds?.includes(ctx.storeId)) appliesToFen = ctx.amountFen
    if (p.kind === 'category' && itemsTotal > 0) {
      const inCategory = (ctx.items ?? [])
        .filter((i) => i.category && p.categories?.includes(i.category))
        .reduce((s, i) => s + i.unitPriceFen * i.qty, 0)
      // The paid amount may be below the list total (discounts): scale the category share.
      appliesToFen = Math.floor((ctx.amountFen * inCategory) / itemsTotal)
    }
    if (appliesToFen > 0) multipliers.push({ kind: p.kind, name: p.name, multiplierBp: p.multiplierBp, appliesToFen })
  }
  // Whole-order multipliers compound; a category multiplier adds its extra on its share
  // only. Integer arithmetic throughout (fen × basis points), floored once at the end.
  let numerator = BigInt(ctx.amountFen) * 10000n
  let denominator = 10000n
  for (const m of multipliers) {
    if (m.kind === 'category') numerator += BigInt(m.appliesToFen) * BigInt(m.multiplierBp - 10000)
  }
  for (const m of multipliers) {
    if (m.kind !== 'category') {
      numerator *= BigInt(m.multiplierBp)
      denominator *= 10000n
    }
  }
  const totalPoints = Number(numerator / (denominator * BigInt(fenPerPoint)))
  return { basePoints, multipliers, totalPoints }
}
