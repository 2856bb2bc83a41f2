import { fitThing, wechatFieldProblem } from './schemas'

describe("WeChat's field limits", () => {
  it.each([
    ['thing1', '冬季会员日·全场九折', true],
    ['thing1', '一二三四五六七八九十一二三四五六七八九十', true],
    ['thing1', '一二三四五六七八九十一二三四五六七八九十一', false],
    ['thing1', '', false],
    ['phrase2', '未签到', true],
    ['phrase2', '已经超过五个字', false],
    ['phrase2', 'done', false],
    ['time3', '2026年11月26日 10:00', true],
    ['time3', '10:00', true],
    ['time3', '明天上午', false],
    ['date4', '2026年11月26日', true],
    ['number5', '12.5', true],
    ['number5', '12a', false],
    ['amount6', '¥12.50', true],
    ['character_string7', 'ABC-123', true],
    ['character_string7', '中文', false],
    ['name8', '张三', true],
    ['unknown9', 'x', false],
  ])('%s = %s → %s', (key, value, ok) => {
    expect(wechatFieldProblem(key, value) === null).toBe(ok)
  })

  it('cuts a thing to 20 characters with an ellipsis', () => {
    expect(fitThing('短标题')).toBe('短标题')
    const cut = fitThing('本周六全场会员价再享九折，积分双倍，欢迎到店选购。')
    expect([...cut]).toHaveLength(20)
    expect(cut.endsWith('…')).toBe(true)
    expect(wechatFieldProblem('thing2', cut)).toBeNull()
  })
})
