import { DEFAULT_MESSAGING_RULES, type MessagingRules } from '@huiyuan/shared/messaging/schemas'
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import { DEFAULT_REFERRAL_RULES } from '@huiyuan/shared/referrals/schemas'
import { DEFAULT_STORED_VALUE_RULES } from '@huiyuan/shared/storedValue/schemas'

/**
 * The defaults a new program starts with (PRODUCT.md). Every number here is a program
 * owner's setting stored with the program, never a constant the code relies on.
 */
export const defaultProgramRules = (): ProgramRules => ({
  name: '汇元会员',
  timeZone: 'Asia/Shanghai',
  minimumAge: 18,
  privacyPolicyVersion: '2026-11',
  tiers: [
    {
      code: 'normal',
      name: '普卡',
      thresholdFen: 0,
      earnMultiplierBp: 10000,
      benefits: [
        { icon: 'points', text: '消费每 1 元积 1 分' },
        { icon: 'gift', text: '生日月专属礼遇' },
      ],
    },
    {
      code: 'silver',
      name: '银卡',
      thresholdFen: 300_000,
      earnMultiplierBp: 12000,
      benefits: [
        { icon: 'points', text: '积分 1.2 倍' },
        { icon: 'discount', text: '会员价 98 折' },
        { icon: 'gift', text: '生日礼券 ¥50' },
      ],
    },
    {
      code: 'gold',
      name: '金卡',
      thresholdFen: 1_000_000,
      earnMultiplierBp: 15000,
      benefits: [
        { icon: 'points', text: '积分 1.5 倍' },
        { icon: 'discount', text: '会员价 95 折' },
        { icon: 'gift', text: '生日礼券 ¥100' },
        { icon: 'service', text: '优先服务、免费改衣、送货上门' },
      ],
    },
  ],
  checkin: { basePoints: 5, streakBonuses: [{ day: 7, points: 20 }] },
  earning: {
    fenPerPoint: 100,
    promotions: [
      { id: 'member-day', name: '会员日双倍积分', kind: 'member_day', multiplierBp: 20000, dayOfMonth: 8 },
      { id: 'birthday-month', name: '生日月双倍积分', kind: 'birthday_month', multiplierBp: 20000 },
    ],
  },
  points: { validityMonths: 12, reminderDays: 30, pointsPerYuan: 100, deductionCapPct: 50 },
  tierPolicy: {
    basis: 'spend',
    windowMonths: 12,
    entryMode: 'join_at_entry',
    qualifySinglePurchaseFen: 10_000,
    qualifyCumulativeFen: 30_000,
  },
  packs: { welcomeTemplateIds: [], birthdayTemplateIds: [] },
  memberCode: { stepSeconds: 60, graceSeconds: 10 },
  marketing: { maxMessagesPer7Days: 2, quietHours: { from: '21:00', to: '09:00' }, grossMarginPct: 40, globalControlPct: 0 },
  // The template ids come from the mini-program's WeChat admin: until set, nothing is asked or sent.
  messaging: DEFAULT_MESSAGING_RULES,
  storedValue: DEFAULT_STORED_VALUE_RULES,
  referral: DEFAULT_REFERRAL_RULES,
})

/** The local stack's templates: the WeChat stub accepts any id. */
export const localMessagingRules = (): MessagingRules => ({
  templates: {
    memberActivity: { ...DEFAULT_MESSAGING_RULES.templates.memberActivity, templateId: 'local-member-activity' },
    couponExpiry: { ...DEFAULT_MESSAGING_RULES.templates.couponExpiry, templateId: 'local-coupon-expiry' },
    checkinReminder: { ...DEFAULT_MESSAGING_RULES.templates.checkinReminder, templateId: 'local-checkin-reminder' },
  },
})
