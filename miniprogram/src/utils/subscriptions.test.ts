import { MAX_GRANTS_HELD as SERVER_MAX_GRANTS_HELD } from '@huiyuan/shared/messaging/schemas'
import {
  ASK_WHILE_HELD_BELOW,
  MAX_GRANTS_HELD,
  dialogAnswers,
  dialogContent,
  templatesToAsk,
  wechatAnswers,
  type MySubscription,
} from './subscriptions'

const t = (purpose: MySubscription['purpose'], held: number, templateId = `tmpl-${purpose}`): MySubscription => ({
  purpose,
  title: { memberActivity: '会员活动通知', couponExpiry: '优惠券到期提醒', checkinReminder: '签到提醒' }[purpose],
  templateId,
  held,
})

describe('which templates a tap asks for', () => {
  test('the set-up templates of the purposes tapped, while the member holds fewer than 3 grants', () => {
    const templates = [t('memberActivity', 0), t('couponExpiry', ASK_WHILE_HELD_BELOW - 1), t('checkinReminder', 0)]
    expect(templatesToAsk(templates, ['couponExpiry']).map((x) => x.purpose)).toEqual(['couponExpiry'])
    expect(templatesToAsk(templates, ['couponExpiry', 'checkinReminder']).map((x) => x.purpose)).toEqual([
      'couponExpiry',
      'checkinReminder',
    ])
  })

  test('nothing once 3 are held, for a template without an id, or a purpose the program did not set up', () => {
    expect(templatesToAsk([t('couponExpiry', ASK_WHILE_HELD_BELOW)], ['couponExpiry'])).toEqual([])
    expect(templatesToAsk([t('couponExpiry', 0, '')], ['couponExpiry'])).toEqual([])
    expect(templatesToAsk([t('memberActivity', 0)], ['checkinReminder'])).toEqual([])
    expect(templatesToAsk([], ['checkinReminder'])).toEqual([])
  })

  test('a tap on 订阅 itself asks even when 3 or more are held, up to the 50 the server keeps', () => {
    expect(MAX_GRANTS_HELD).toBe(SERVER_MAX_GRANTS_HELD)
    expect(templatesToAsk([t('couponExpiry', 7)], ['couponExpiry'], { always: true })).toHaveLength(1)
    expect(templatesToAsk([t('couponExpiry', 50)], ['couponExpiry'], { always: true })).toEqual([])
  })

  test('at most 5 templates at a time, as WeChat allows', () => {
    const many = Array.from({ length: 7 }, (_, i) => t('memberActivity', 0, `tmpl-${i}`))
    expect(templatesToAsk(many, ['memberActivity'])).toHaveLength(5)
  })
})

describe('the answers', () => {
  const asked = [t('couponExpiry', 0), t('checkinReminder', 1)]

  test("WeChat's answer by template id, leaving out templates it did not answer and values it does not define", () => {
    expect(
      wechatAnswers(asked, { errMsg: 'requestSubscribeMessage:ok', 'tmpl-couponExpiry': 'accept', 'tmpl-checkinReminder': 'ban' }),
    ).toEqual([
      { purpose: 'couponExpiry', templateId: 'tmpl-couponExpiry', result: 'accept' },
      { purpose: 'checkinReminder', templateId: 'tmpl-checkinReminder', result: 'ban' },
    ])
    expect(wechatAnswers(asked, { errMsg: 'requestSubscribeMessage:ok', 'tmpl-couponExpiry': 'maybe' })).toEqual([])
  })

  test('the H5 dialog: 允许 accepts every template listed, 取消 rejects them', () => {
    expect(dialogAnswers(asked, true).map((a) => a.result)).toEqual(['accept', 'accept'])
    expect(dialogAnswers(asked, false).map((a) => a.result)).toEqual(['reject', 'reject'])
    expect(dialogContent(asked)).toBe('优惠券到期提醒、签到提醒')
  })
})
