import { clampPoints, fenOfPoints, pointsStep } from './checkout'

describe("the till's points deduction arithmetic", () => {
  test('the step is the fewest points worth whole fen at the rate', () => {
    expect(pointsStep(100)).toBe(1)
    expect(pointsStep(1_000)).toBe(10)
    expect(pointsStep(50)).toBe(1)
    expect(pointsStep(150)).toBe(3)
  })

  test('points are worth their fen at the rate', () => {
    expect(fenOfPoints(1_000, 100)).toBe(1_000)
    expect(fenOfPoints(1_000, 1_000)).toBe(100)
    expect(fenOfPoints(30, 150)).toBe(20)
  })

  test('typed or stepped points stay within the order’s most and on the step', () => {
    expect(clampPoints(2_500, 2_000, 1)).toBe(2_000)
    expect(clampPoints(-100, 2_000, 1)).toBe(0)
    expect(clampPoints(1_234, 5_000, 10)).toBe(1_230)
    expect(clampPoints(Number.NaN, 5_000, 1)).toBe(0)
    expect(clampPoints(12.7, 5_000, 1)).toBe(12)
  })
})
