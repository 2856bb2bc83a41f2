import {
  DEFAULT_THRESHOLDS,
  levelsOf,
  moneyBucket,
  pyramidGroupOf,
  quantile,
  quintilesOf,
  rfmGroupOf,
  scoreOf,
  thresholdsFromMedians,
} from './rfm'

const t = { recencyDays: 30, frequency: 3, monetaryFen: 100_000 }
const member = (recencyDays: number | null, purchases12m: number, spend12mFen: number) => ({ recencyDays, purchases12m, spend12mFen })

describe('RFM groups at the thresholds', () => {
  it.each([
    [30, 3, 100_000, 'important_value'],
    [31, 3, 100_000, 'important_keep'],
    [30, 2, 100_000, 'important_develop'],
    [31, 2, 100_000, 'important_retain'],
    [30, 3, 99_999, 'general_value'],
    [31, 3, 99_999, 'general_keep'],
    [30, 2, 99_999, 'general_develop'],
    [31, 2, 99_999, 'general_retain'],
  ] as const)('R %i days, F %i, M %i fen → %s', (r, f, m, group) => {
    expect(rfmGroupOf(levelsOf(member(r, f, m), t))).toBe(group)
  })

  it('puts members who never bought in a group of their own, never dropped', () => {
    expect(rfmGroupOf(levelsOf(member(null, 0, 0), t))).toBe('prospect')
    expect(pyramidGroupOf(levelsOf(member(null, 0, 0), t))).toBe('prospect')
  })

  it('draws the pyramid from frequency × amount', () => {
    expect(pyramidGroupOf(levelsOf(member(400, 5, 200_000), t))).toBe('core')
    expect(pyramidGroupOf(levelsOf(member(1, 1, 200_000), t))).toBe('big_spender')
    expect(pyramidGroupOf(levelsOf(member(1, 5, 100), t))).toBe('frequent')
    expect(pyramidGroupOf(levelsOf(member(1, 1, 100), t))).toBe('general')
  })
})

describe('thresholds and quintiles from histograms', () => {
  it('takes the median (lower middle) of a histogram', () => {
    expect(quantile({ 1: 1, 2: 1, 3: 1, 4: 1 }, 0.5)).toBe(2)
    expect(quantile({ 10: 3, 20: 1 }, 0.5)).toBe(10)
    expect(quantile({}, 0.5)).toBeNull()
  })

  it('never calls a single purchase frequent', () => {
    const dist = { r: { 5: 2, 40: 2 }, f: { 1: 3, 2: 1 }, m: { 5000: 2, 20000: 2 } }
    expect(thresholdsFromMedians(dist)).toEqual({ recencyDays: 5, frequency: 2, monetaryFen: 5000 })
    expect(thresholdsFromMedians({ r: {}, f: {}, m: {} })).toBeNull()
  })

  it('keeps money in buckets of about 1 %', () => {
    expect(moneyBucket(9_999)).toBe(9_900)
    expect(moneyBucket(123_456)).toBe(120_000)
    expect(moneyBucket(1_234_567)).toBe(1_200_000)
  })

  it('scores 1–5 against the quintile cut points (5: most recent, most frequent, highest spend)', () => {
    const h = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [i + 1, 1]))
    const q = quintilesOf({ r: h, f: h, m: h })!
    expect(q.r).toEqual([20, 40, 60, 80])
    expect(scoreOf('r', member(1, 0, 0), q)).toBe(5)
    expect(scoreOf('r', member(100, 0, 0), q)).toBe(1)
    expect(scoreOf('f', member(1, 80, 0), q)).toBe(5)
    expect(scoreOf('f', member(1, 19, 0), q)).toBe(1)
    expect(scoreOf('m', member(null, 0, 0), q)).toBe(1)
  })

  it('has defaults before any refresh', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ recencyDays: 90, frequency: 2, monetaryFen: 50_000 })
  })
})
