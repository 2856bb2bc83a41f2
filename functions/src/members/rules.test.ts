import fc from 'fast-check'
import { ageOn, assertBirthdayCorrection, assertJoinable, maskMobile, tierProgress } from './rules'
import { defaultProgramRules } from '../program/defaults'
import { isValidCardNo, luhnCheckDigit, newCardNo } from './cardNumber'

const rules = defaultProgramRules()

describe('birthday correction', () => {
  const member = { birthday: '1990-05-17' }
  const refused = (code: string) => expect.objectContaining({ code })
  it('allows one correction to a past date outside this and next month', () => {
    expect(() => assertBirthdayCorrection(member, '1990-06-17', rules, '2026-11-25')).not.toThrow()
    expect(() => assertBirthdayCorrection(member, '1990-10-31', rules, '2026-11-25')).not.toThrow()
    // Unchanged is no correction at all.
    expect(() => assertBirthdayCorrection({ ...member, birthdayCorrectedAt: 'x' }, '1990-05-17', rules, '2026-11-25')).not.toThrow()
  })
  it('never into the current or next month (December wraps to January), never twice, never under age', () => {
    expect(() => assertBirthdayCorrection(member, '1990-11-03', rules, '2026-11-25')).toThrow(refused('BIRTHDAY_CHANGE_NOT_ALLOWED'))
    expect(() => assertBirthdayCorrection(member, '1990-12-20', rules, '2026-11-25')).toThrow(refused('BIRTHDAY_CHANGE_NOT_ALLOWED'))
    expect(() => assertBirthdayCorrection(member, '1990-01-20', rules, '2026-12-02')).toThrow(refused('BIRTHDAY_CHANGE_NOT_ALLOWED'))
    expect(() => assertBirthdayCorrection(member, '2010-06-01', rules, '2026-11-25')).toThrow(refused('UNDER_MINIMUM_AGE'))
    expect(() => assertBirthdayCorrection(member, '2027-06-01', rules, '2026-11-25')).toThrow(refused('VALIDATION_FAILED'))
    expect(() =>
      assertBirthdayCorrection({ ...member, birthdayCorrectedAt: '2026-01-01T00:00:00Z' }, '1990-06-17', rules, '2026-11-25'),
    ).toThrow(refused('BIRTHDAY_LOCKED'))
  })
})

describe('age', () => {
  it('counts whole years, turning older on the birthday itself', () => {
    expect(ageOn('2008-11-25', '2026-11-24')).toBe(17)
    expect(ageOn('2008-11-25', '2026-11-25')).toBe(18)
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17)
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18)
  })

  it('refuses members under the program minimum age', () => {
    const input = { birthday: '2010-01-01', privacyConsentVersion: rules.privacyPolicyVersion }
    expect(() => assertJoinable(input, rules, '2026-11-25')).toThrow(expect.objectContaining({ code: 'UNDER_MINIMUM_AGE' }))
    expect(() => assertJoinable({ ...input, birthday: '2008-11-25' }, rules, '2026-11-25')).not.toThrow()
    expect(() => assertJoinable(input, { ...rules, minimumAge: 16 }, '2026-11-25')).not.toThrow()
  })

  it('refuses impossible birthdays and outdated consent', () => {
    const ok = { birthday: '1990-05-17', privacyConsentVersion: rules.privacyPolicyVersion }
    expect(() => assertJoinable({ ...ok, birthday: '1990-02-30' }, rules, '2026-11-25')).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    )
    expect(() => assertJoinable({ ...ok, birthday: '2030-01-01' }, rules, '2026-11-25')).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    )
    expect(() => assertJoinable({ ...ok, privacyConsentVersion: '2020-01' }, rules, '2026-11-25')).toThrow(
      expect.objectContaining({ code: 'PRIVACY_CONSENT_OUTDATED' }),
    )
  })
})

describe('mobile masking', () => {
  it('keeps the first three and last four digits', () => {
    expect(maskMobile('13812341234')).toBe('138****1234')
  })
})

describe('card numbers', () => {
  it('are 10 digits starting with 8 with a valid Luhn digit', () => {
    for (let i = 0; i < 200; i++) expect(isValidCardNo(newCardNo())).toBe(true)
  })

  it('catch every single-digit typo', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const card = newCardNo()
        const typo = card.slice(0, pos) + String((Number(card[pos]) + delta) % 10) + card.slice(pos + 1)
        return !isValidCardNo(typo)
      }),
    )
    expect(luhnCheckDigit('7992739871')).toBe(3)
  })
})

describe('tier progress', () => {
  it('shows the spend left to the next tier', () => {
    const p = tierProgress(rules.tiers, 'normal', 100_000)
    expect(p.next?.name).toBe('银卡')
    expect(p.remainingFen).toBe(200_000)
    expect(p.percent).toBe(33)
    expect(tierProgress(rules.tiers, 'gold', 2_000_000)).toMatchObject({ next: null, remainingFen: 0, percent: 100 })
  })
})
