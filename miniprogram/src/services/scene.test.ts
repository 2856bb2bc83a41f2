import { parseScene } from './scene'

describe("the join QR code's scene", () => {
  test("a store, a friend's invitation and a group's enrolment code", () => {
    expect(parseScene('s=S001')).toEqual({ storeId: 'S001' })
    expect(parseScene('s=S001&r=AB12CD34')).toEqual({ storeId: 'S001', referralCode: 'AB12CD34' })
    expect(parseScene('s=S001&g=HD7K2M9P')).toEqual({ storeId: 'S001', enrolmentCode: 'HD7K2M9P' })
  })

  test('arrives URL-encoded (once on H5, sometimes twice through WeChat); the code upper case', () => {
    expect(parseScene(encodeURIComponent('s=S001&g=HD7K2M9P'))).toEqual({ storeId: 'S001', enrolmentCode: 'HD7K2M9P' })
    expect(parseScene(encodeURIComponent(encodeURIComponent('s=S001&g=hd7k2m9p')))).toEqual({
      storeId: 'S001',
      enrolmentCode: 'HD7K2M9P',
    })
  })

  test('no store, no scene; an empty code is no code', () => {
    expect(parseScene('g=HD7K2M9P')).toBeNull()
    expect(parseScene('')).toBeNull()
    expect(parseScene(undefined)).toBeNull()
    expect(parseScene('s=S001&g=')).toEqual({ storeId: 'S001' })
  })
})
