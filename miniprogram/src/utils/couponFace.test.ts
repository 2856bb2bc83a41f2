import { couponFace } from './couponFace'

describe('couponFace', () => {
  it('shows cash off in yuan with its threshold, or 无门槛', () => {
    expect(couponFace({ kind: 'cash_off', valueFen: 2_000, thresholdFen: 10_000, summary: '满100减20' })).toEqual({
      value: '20',
      prefix: '¥',
      note: '满100可用',
    })
    expect(couponFace({ kind: 'cash_off', valueFen: 550, thresholdFen: 0, summary: '立减5.5元' })).toEqual({
      value: '5.50',
      prefix: '¥',
      note: '无门槛',
    })
  })

  it('shows a discount as 折 with the cap when there is no threshold', () => {
    expect(couponFace({ kind: 'percent_off', percentPaid: 85, capFen: 5_000, thresholdFen: 0, summary: '' })).toEqual({
      value: '8.5',
      suffix: '折',
      note: '最高减50元',
    })
    expect(couponFace({ kind: 'percent_off', percentPaid: 80, thresholdFen: 20_000, summary: '' })).toEqual({
      value: '8',
      suffix: '折',
      note: '满200可用',
    })
    expect(couponFace({ kind: 'percent_off', percentPaid: 90, thresholdFen: 0, summary: '' }).note).toBe('全场可用')
  })

  it('names the gift or service', () => {
    expect(couponFace({ kind: 'gift', itemName: '品牌帆布袋', thresholdFen: 0, summary: '赠：品牌帆布袋' })).toEqual({
      value: '赠品',
      note: '品牌帆布袋',
    })
    expect(couponFace({ kind: 'service', itemName: '免费改衣', thresholdFen: 0, summary: '' })).toEqual({ value: '服务', note: '免费改衣' })
  })
})
