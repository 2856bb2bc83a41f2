import { automationsOf } from '../../platform/wiring'
import { freshTable } from '../../testing/table'
import { joinInput, seededServices } from '../../testing/fixtures'
import { runCouponsDaily } from './daily'
import { defaultProgramRules } from '../../program/defaults'

let s: Awaited<ReturnType<typeof seededServices>>
beforeAll(async () => {
  s = await seededServices(await freshTable('coupon-jobs'))
})

describe('daily coupon job (DynamoDB Local)', () => {
  it('reminds 3 days ahead once, marks expired coupons, and sends the birthday pack once a year', async () => {
    const issuedAt = new Date('2026-11-20T02:00:00Z')
    const t = await s.coupons.createTemplate(
      { name: '七天券', kind: 'cash_off', valueFen: 500, validity: { type: 'relative', days: 7 }, totalStock: null, perMemberLimit: 5 },
      issuedAt,
    )
    const gift = await s.coupons.createTemplate(
      { name: '生日礼券', kind: 'gift', itemName: '蛋糕', validity: { type: 'relative', days: 30 }, totalStock: 10, perMemberLimit: 1 },
      issuedAt,
    )
    await s.program.putRules(
      { ...defaultProgramRules(), packs: { welcomeTemplateIds: [], birthdayTemplateIds: [gift.templateId] } },
      issuedAt,
    )
    const { memberId } = await s.membersService.join('openid-coupon-job', joinInput({ birthday: '1990-11-24' }), issuedAt)
    const c = (await s.coupons.grant(memberId, t.templateId, 'staff', 'job-1', issuedAt))!.coupon // valid until 2026-11-27T02:00Z
    const deps = { couponsRepo: s.couponsRepo, automations: automationsOf(s.core), rules: () => s.program.getRules() }

    // 2026-11-24 (the member's birthday): the coupon ends in 3 days → one reminder; the birthday pack arrives.
    const birthday = new Date('2026-11-24T01:00:00Z')
    expect(await runCouponsDaily(deps, birthday)).toMatchObject({ reminders: 1, expired: 0, birthdayPacks: 1 })
    expect(await runCouponsDaily(deps, birthday)).toMatchObject({ reminders: 0, birthdayPacks: 0 })
    const wallet = await s.coupons.wallet(memberId, 'usable', birthday)
    expect(wallet.items.filter((x) => x.source === 'birthday')).toHaveLength(1)
    const kinds = (await s.inbox.list(memberId, 10, undefined)).items.map((n) => n.kind)
    expect(kinds.filter((k) => k === 'coupon_expiring')).toHaveLength(1)
    expect(kinds.filter((k) => k === 'birthday')).toHaveLength(1)

    // 2026-11-28: the coupon has lapsed → marked expired, filed under 已过期, once.
    const later = new Date('2026-11-28T01:00:00Z')
    expect((await runCouponsDaily(deps, later)).expired).toBe(1)
    expect((await runCouponsDaily(deps, later)).expired).toBe(0)
    expect((await s.coupons.wallet(memberId, 'expired', later)).items.map((x) => x.code)).toEqual([c.code])
    expect((await s.coupons.wallet(memberId, 'usable', later)).items.map((x) => x.code)).not.toContain(c.code)
  })
})
