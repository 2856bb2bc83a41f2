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
