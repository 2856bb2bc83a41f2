import { quarterBounds, quarterOf } from './quarters'

describe('quarters', () => {
  it('a date’s quarter, and a quarter’s first and last days (leap years included)', () => {
    expect(['2026-01-01', '2026-03-31', '2026-04-01', '2026-09-30', '2026-10-01', '2026-12-31'].map(quarterOf)).toEqual([
      '2026-Q1',
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
      '2026-Q4',
    ])
    expect(quarterBounds('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' })
    expect(quarterBounds('2026-Q2')).toEqual({ from: '2026-04-01', to: '2026-06-30' })
    expect(quarterBounds('2028-Q1')).toEqual({ from: '2028-01-01', to: '2028-03-31' })
    expect(quarterBounds('2026-Q3')).toEqual({ from: '2026-07-01', to: '2026-09-30' })
  })
})
