import { parseScene } from '../../../miniprogram/src/services/scene'
import { h5JoinLink, joinScene, JOIN_PAGE } from './service'

describe('store join codes', () => {
  it("hold s=<storeId> as the scene, which the mini-program's join page reads back", () => {
    expect(joinScene('S001')).toBe('s=S001')
    expect(parseScene(joinScene('S001'))).toEqual({ storeId: 'S001' })
    expect(parseScene(encodeURIComponent(joinScene('S20260001')))).toEqual({ storeId: 'S20260001' })
  })

  it('fit WeChat’s 32 characters for the longest store id', () => {
    expect(joinScene('S1234567890123456789').length).toBeLessThanOrEqual(32)
    expect(() => joinScene('S'.repeat(31))).toThrow()
  })

  it('locally, link to the H5 join page with the scene in its query', () => {
    const url = h5JoinLink('http://127.0.0.1:10086/', joinScene('S001'))
    expect(url).toBe(`http://127.0.0.1:10086/#/${JOIN_PAGE}?scene=s%3DS001`)
    const query = new URLSearchParams(url.split('?')[1])
    expect(parseScene(query.get('scene'))).toEqual({ storeId: 'S001' })
  })
})
