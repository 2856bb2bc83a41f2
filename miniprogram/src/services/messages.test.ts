import { messageFor, tillMessageFor } from './messages'

describe("stored value's refusals in Chinese", () => {
  test('the cap names the room left, from the details the API sends', () => {
    expect(messageFor('BALANCE_CAP_EXCEEDED', { capFen: 500_000, balanceFen: 53_000, roomFen: 447_000 })).toBe(
      '充值后余额将超过储值上限¥5,000，还可充值 ¥4,470',
    )
    expect(tillMessageFor('BALANCE_CAP_EXCEEDED', { capFen: 500_000, balanceFen: 500_000, roomFen: 0 })).toBe(
      '该会员储值余额已达上限¥5,000，不能再充值',
    )
    expect(messageFor('BALANCE_CAP_EXCEEDED')).toBe('充值后余额将超过储值上限，请减少充值金额')
  })

  test('real name and a switched-off program have their own messages', () => {
    expect(messageFor('REAL_NAME_REQUIRED')).toContain('实名')
    expect(messageFor('STORED_VALUE_DISABLED')).toContain('暂不支持储值')
  })
})

describe("the checkout's refusals in Chinese", () => {
  test('the points cap names the most points the order may deduct', () => {
    expect(tillMessageFor('POINTS_DEDUCTION_CAP_EXCEEDED', { maxPoints: 1_000, capPct: 50 })).toBe(
      '积分抵扣超过本单上限，本单最多可抵扣 1,000 积分',
    )
    expect(messageFor('POINTS_DEDUCTION_CAP_EXCEEDED')).toBe('积分抵扣超过本单上限，请减少抵扣积分')
  })

  test('stored value over what is due names what is due; over the balance says so at the till', () => {
    expect(messageFor('STORED_VALUE_EXCEEDS_DUE', { dueFen: 24_200 })).toBe('储值支付金额超过应付金额 ¥242')
    expect(tillMessageFor('INSUFFICIENT_BALANCE')).toBe('会员储值余额不足，请减少储值支付金额')
  })

  test('a coupon used a moment ago at another till has its message', () => {
    expect(tillMessageFor('COUPON_ALREADY_REDEEMED', { couponCode: 'X' })).toBe('这张券已经核销过了')
  })
})
