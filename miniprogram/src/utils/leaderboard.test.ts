import { boardRule, boardTitle, emptyBoard, medal, myPlace, scoreText, takingPart, withOptIn } from './leaderboard'

describe('排行榜 wording', () => {
  test("the board's title names its month", () => {
    expect(boardTitle('points', '2026-11')).toBe('11月积分榜')
    expect(boardTitle('streak', '2027-01')).toBe('1月连签榜')
    expect(boardTitle('points', 'garbled')).toBe('本月积分榜')
  })

  test('what each board ranks by, and how many take part', () => {
    expect(boardRule('points')).toBe('按本月获得的积分排名')
    expect(boardRule('streak')).toBe('按本月最长连续签到天数排名')
    expect(takingPart(1234)).toBe('共 1,234 人参与')
    expect(takingPart(0)).toBe('还没有人参与')
  })

  test('a score is points on the points board and days on the streak board', () => {
    expect(scoreText('points', 12345)).toBe('12,345 积分')
    expect(scoreText('streak', 7)).toBe('7 天')
  })

  test('medals for the first three places only', () => {
    expect([1, 2, 3, 4, 50].map(medal)).toEqual(['gold', 'silver', 'bronze', null, null])
  })

  test('我的排名: the place and score when taking part, even outside the top list', () => {
    expect(myPlace({ board: 'points', optedIn: true, me: { rank: 87, score: 1500 } })).toEqual({ place: '第 87 名', score: '1,500 积分' })
    expect(myPlace({ board: 'streak', optedIn: true, me: { rank: 2, score: 9 } })).toEqual({ place: '第 2 名', score: '9 天' })
  })

  test('我的排名: 未参与排名 when not opted in (the score still shown), 本月暂无积分 without points', () => {
    expect(myPlace({ board: 'points', optedIn: false, me: { rank: null, score: 30 } })).toEqual({ place: '未参与排名', score: '30 积分' })
    expect(myPlace({ board: 'points', optedIn: false, me: { rank: null, score: 0 } })).toEqual({
      place: '未参与排名',
      score: '本月暂无积分',
    })
    expect(myPlace({ board: 'points', optedIn: true, me: { rank: null, score: 0 } })).toEqual({ place: '暂未上榜', score: '本月暂无积分' })
    expect(myPlace({ board: 'streak', optedIn: true, me: { rank: null, score: 0 } })).toEqual({ place: '暂未上榜', score: '本月暂无签到' })
  })

  test('an empty board says how to get on it', () => {
    expect(emptyBoard('points')).toEqual({ title: '本月还没有人上榜', message: '签到或消费即可获得积分' })
    expect(emptyBoard('streak').message).toContain('签到')
  })

  test('a board read before the change: leaving takes the own row and place away, joining only sets the flag', () => {
    const board = {
      board: 'streak' as const,
      month: '2026-11',
      optedIn: true,
      ranked: 3,
      items: [
        { rank: 1, name: '李*', score: 9, me: false },
        { rank: 2, name: '王*', score: 4, me: true },
      ],
      me: { score: 4, rank: 2 },
    }
    const left = withOptIn(board, false)
    expect(left.optedIn).toBe(false)
    expect(left.items.map((i) => i.name)).toEqual(['李*'])
    expect(left.me).toEqual({ score: 4, rank: null })
    expect(withOptIn({ ...left, optedIn: false }, true)).toEqual({ ...left, optedIn: true })
  })
})
