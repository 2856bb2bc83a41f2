import { mayMatchStatus, mayUseConsole, mayWorkTill } from './staffRoles'

describe('what staff roles open in the app', () => {
  test('a status match (身份匹配) is for store managers and admins, never a cashier alone', () => {
    expect(mayMatchStatus(['store_manager'])).toBe(true)
    expect(mayMatchStatus(['admin'])).toBe(true)
    expect(mayMatchStatus(['cashier', 'store_manager'])).toBe(true)
    expect(mayMatchStatus(['cashier'])).toBe(false)
    expect(mayMatchStatus(['marketer'])).toBe(false)
    expect(mayMatchStatus([])).toBe(false)
  })

  test('the till and the console', () => {
    expect(mayWorkTill(['cashier'])).toBe(true)
    expect(mayWorkTill(['marketer'])).toBe(false)
    expect(mayUseConsole(['cashier'])).toBe(false)
    expect(mayUseConsole(['store_manager'])).toBe(true)
  })
})
