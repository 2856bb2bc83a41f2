import { DEFAULT_MARKETING_RULES } from '@huiyuan/shared/program/schemas'
import { assignmentDraw, groupOf, inGlobalControl, isHeldOut, quietUntil, underCap } from './rules'
import { tQuantile, welchInterval } from './stats'

const TZ = 'Asia/Shanghai'
const quiet = DEFAULT_MARKETING_RULES.quietHours

describe('holdout', () => {
  it('is a deterministic draw of (program, campaign, member)', () => {
    expect(assignmentDraw('C1', 'M1')).toBe(assignmentDraw('C1', 'M1'))
    expect(assignmentDraw('C1', 'M1')).not.toBe(assignmentDraw('C2', 'M1'))
    expect(isHeldOut('C1', 'M1', 0)).toBe(false)
    expect(isHeldOut('C1', 'M1', 100)).toBe(true)
  })

  it('holds out 5 % ± 0.5 % of 100,000 members', () => {
    let held = 0
    for (let i = 0; i < 100_000; i++) if (isHeldOut('CAMPAIGN-X', `M${i}`, 5)) held += 1
    expect(held / 100_000).toBeGreaterThan(0.045)
    expect(held / 100_000).toBeLessThan(0.055)
  })
})

describe('quiet hours (21:00–09:00 Asia/Shanghai)', () => {
  it.each([
    ['2026-11-26T20:59:00+08:00', null],
    ['2026-11-26T21:00:00+08:00', '2026-11-27T09:00:00+08:00'],
    ['2026-11-27T08:59:00+08:00', '2026-11-27T09:00:00+08:00'],
    ['2026-11-27T09:00:00+08:00', null],
    ['2026-11-27T00:30:15+08:00', '2026-11-27T09:00:00+08:00'],
  ])('at %s a send waits until %s', (at, until) => {
    const got = quietUntil(new Date(at), quiet, TZ)
    expect(got?.getTime() ?? null).toBe(until ? new Date(until).getTime() : null)
  })

  it('handles a window within one day, and none', () => {
    expect(quietUntil(new Date('2026-11-26T13:00:00+08:00'), { from: '12:00', to: '14:00' }, TZ)?.toISOString()).toBe(
      '2026-11-26T06:00:00.000Z',
    )
    expect(quietUntil(new Date('2026-11-26T13:00:00+08:00'), { from: '12:00', to: '12:00' }, TZ)).toBeNull()
  })
})

describe('frequency cap', () => {
  it('counts the sends of the last 7 days only', () => {
    const at = new Date('2026-11-26T10:00:00Z')
    expect(underCap(['2026-11-20T10:00:00.000Z', '2026-11-25T10:00:00.000Z'], at, 2).ok).toBe(false)
    const r = underCap(['2026-11-19T09:59:59.000Z', '2026-11-25T10:00:00.000Z'], at, 2)
    expect(r).toEqual({ ok: true, next: ['2026-11-25T10:00:00.000Z', '2026-11-26T10:00:00.000Z'] })
  })
})

describe("Welch's interval", () => {
  it('knows the t quantiles', () => {
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.228, 3)
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.706, 2)
    expect(tQuantile(0.975, 5)).toBeCloseTo(2.5706, 3)
    expect(tQuantile(0.975, 6)).toBeCloseTo(2.4469, 3)
    expect(tQuantile(0.975, 100_000)).toBeCloseTo(1.96, 2)
  })

  it('matches the textbook result on known data', () => {
    // Treatment 2,4,6,8,10 vs control 1,2,3,4,5: variances 10 and 2.5, se = √(10/5 + 2.5/5) = √2.5,
    // Welch–Satterthwaite df = 2.5² / (2²/4 + 0.5²/4) = 5.882; t(0.975, 5.882) lies between t(6) and t(5).
    const moments = (xs: number[]) => ({ n: xs.length, sum: xs.reduce((a, b) => a + b, 0), sumSq: xs.reduce((a, b) => a + b * b, 0) })
    const r = welchInterval(moments([2, 4, 6, 8, 10]), moments([1, 2, 3, 4, 5]))
    expect(r.diff).toBe(3)
    expect(r.df).toBeCloseTo(5.8824, 3)
    const q = (r.high! - r.diff) / Math.sqrt(2.5)
    expect(q).toBeGreaterThan(2.4469)
    expect(q).toBeLessThan(2.5706)
    expect(q).toBeCloseTo(tQuantile(0.975, r.df!), 6)
    expect(r.low! + r.high!).toBeCloseTo(6, 9)
  })

  it('has no interval for a group of fewer than two', () => {
    expect(welchInterval({ n: 1, sum: 5, sumSq: 25 }, { n: 10, sum: 10, sumSq: 20 }).low).toBeNull()
  })
})

describe('the program-wide control group', () => {
  it('holds out its share of members, the same ones for every campaign, on top of each campaign’s own', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `M${i}`)
    const global = ids.filter((id) => inGlobalControl(id, 10))
    expect(global.length / ids.length).toBeGreaterThan(0.095)
    expect(global.length / ids.length).toBeLessThan(0.105)
    for (const id of global.slice(0, 100)) {
      expect(groupOf('C-A', id, 5, 10)).toBe('control')
      expect(groupOf('C-B', id, 0, 10)).toBe('control')
    }
    expect(ids.filter((id) => inGlobalControl(id, 0))).toHaveLength(0)
  })
})
