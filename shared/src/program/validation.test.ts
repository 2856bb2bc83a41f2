import { defaultProgramRules } from '../../../functions/src/program/defaults'
import { ProgramRules, UpdateProgramRequest, PreviewEarningRequest } from './schemas'
import { programRulesIssues } from './validation'

const rules = () => defaultProgramRules()
const paths = (r: ProgramRules) => programRulesIssues(r).map((i) => i.path.join('.'))

describe('program rules checked as a whole', () => {
  it('finds nothing wrong with the defaults', () => {
    expect(programRulesIssues(rules())).toEqual([])
  })

  it('tiers: the first starts at 0, thresholds strictly ascend, codes and names are unique and well formed', () => {
    const r = rules()
    r.tiers[0]!.thresholdFen = 100
    expect(paths(r)).toEqual(['tiers.0.thresholdFen'])

    const up = rules()
    up.tiers[2]!.thresholdFen = up.tiers[1]!.thresholdFen
    expect(paths(up)).toEqual(['tiers.2.thresholdFen'])

    const dup = rules()
    dup.tiers[2]!.code = 'silver'
    dup.tiers[2]!.name = '银卡'
    expect(paths(dup)).toEqual(['tiers.2.code', 'tiers.2.name'])

    const bad = rules()
    bad.tiers[1]!.code = 'Silver Card'
    expect(paths(bad)).toEqual(['tiers.1.code'])
  })

  it('promotions: unique ids, and what each kind needs', () => {
    const r = rules()
    r.earning.promotions = [
      { id: 'a', name: '会员日', kind: 'member_day', multiplierBp: 20000 },
      { id: 'a', name: '门店', kind: 'store', multiplierBp: 15000, storeIds: [] },
      { id: 'c', name: '品类', kind: 'category', multiplierBp: 15000 },
      { id: 'd', name: '限时', kind: 'store', multiplierBp: 15000, storeIds: ['S001'], from: '2026-12-31', to: '2026-12-01' },
      { id: 'e', name: '日期', kind: 'birthday_month', multiplierBp: 15000, from: '2026-02-30' },
    ]
    expect(paths(r)).toEqual([
      'earning.promotions.0.dayOfMonth',
      'earning.promotions.1.id',
      'earning.promotions.1.storeIds',
      'earning.promotions.2.categories',
      'earning.promotions.3.to',
      'earning.promotions.4.from',
    ])
  })

  it('check-in bonuses, entry qualification, member code, quiet hours and time zone', () => {
    const r = rules()
    r.checkin.streakBonuses = [
      { day: 7, points: 20 },
      { day: 7, points: 30 },
    ]
    r.tierPolicy = { ...r.tierPolicy, entryMode: 'qualify', qualifySinglePurchaseFen: 0, qualifyCumulativeFen: 0 }
    r.memberCode = { stepSeconds: 30, graceSeconds: 30 }
    r.marketing.quietHours = { from: '22:00', to: '22:00' }
    r.timeZone = 'Mars/Olympus'
    expect(paths(r)).toEqual([
      'timeZone',
      'checkin.streakBonuses.1.day',
      'tierPolicy.qualifySinglePurchaseFen',
      'memberCode.graceSeconds',
      'marketing.quietHours.to',
    ])
  })

  it('stored rules from before marketing settings still parse, with the defaults', () => {
    const { marketing: _, ...old } = rules()
    expect(ProgramRules.parse(old).marketing).toEqual({
      maxMessagesPer7Days: 2,
      quietHours: { from: '21:00', to: '09:00' },
      grossMarginPct: 40,
      globalControlPct: 0,
    })
  })

  it('an update reports the issues at their path in the request', () => {
    const r = rules()
    r.tiers[1]!.thresholdFen = 0
    const out = UpdateProgramRequest.safeParse({ rules: r, version: 3 })
    expect(out.success).toBe(false)
    expect(out.error!.issues.map((i) => i.path.join('.'))).toEqual(['rules.tiers.1.thresholdFen'])
    const hhmm = UpdateProgramRequest.safeParse({
      rules: { ...rules(), marketing: { maxMessagesPer7Days: 2, quietHours: { from: '9:00', to: '25:00' } } },
      version: 1,
    })
    expect(hhmm.error!.issues.map((i) => i.path.join('.'))).toEqual(['rules.marketing.quietHours.from', 'rules.marketing.quietHours.to'])
  })

  it('a preview checks a draft as a whole, and needs no draft', () => {
    const base = { amountFen: 12_800, tierCode: 'silver', storeId: 'S001', date: '2026-11-08' }
    expect(PreviewEarningRequest.safeParse(base).success).toBe(true)
    const r = rules()
    r.tiers[0]!.thresholdFen = 1
    const out = PreviewEarningRequest.safeParse({ ...base, rules: r })
    expect(out.error!.issues.map((i) => i.path.join('.'))).toEqual(['rules.tiers.0.thresholdFen'])
  })
})
