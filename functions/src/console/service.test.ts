import { assertMayUseConsole, mayUseConsole } from './access'
import { statusOf } from './service'

describe('console sign-in rules', () => {
  const now = new Date('2026-11-25T02:00:00.000Z')
  const later = '2026-11-25T02:01:00.000Z'
  const earlier = '2026-11-25T01:59:00.000Z'

  it('a pending or approved ticket past its time is expired; a consumed one stays consumed', () => {
    expect(statusOf({ status: 'pending', expiresAt: later }, now)).toBe('pending')
    expect(statusOf({ status: 'approved', expiresAt: later }, now)).toBe('approved')
    expect(statusOf({ status: 'pending', expiresAt: earlier }, now)).toBe('expired')
    expect(statusOf({ status: 'approved', expiresAt: now.toISOString() }, now)).toBe('expired')
    expect(statusOf({ status: 'consumed', expiresAt: earlier }, now)).toBe('consumed')
  })

  it('store managers, marketers and admins may use the console; cashiers and non-staff may not', () => {
    expect(mayUseConsole(['store_manager'])).toBe(true)
    expect(mayUseConsole(['marketer'])).toBe(true)
    expect(mayUseConsole(['cashier', 'admin'])).toBe(true)
    expect(mayUseConsole(['cashier'])).toBe(false)
    expect(() => assertMayUseConsole(['cashier'])).toThrow(expect.objectContaining({ code: 'CONSOLE_NOT_ALLOWED' }))
    expect(() => assertMayUseConsole([])).toThrow(expect.objectContaining({ code: 'CONSOLE_NOT_ALLOWED' }))
  })
})
