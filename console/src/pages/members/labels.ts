/** Chinese names of the member area's enums, as the console shows them. */

export const GENDERS: Record<string, string> = { male: '男', female: '女', undisclosed: '未填写' }

export const POINTS_TYPES: Record<string, { text: string; color: string }> = {
  purchase: { text: '消费积分', color: 'blue' },
  refund: { text: '退款扣回', color: 'orange' },
  checkin: { text: '签到', color: 'cyan' },
  adjustment: { text: '手工调整', color: 'purple' },
  expiry: { text: '过期', color: 'default' },
  redemption: { text: '积分兑换', color: 'magenta' },
  referral: { text: '推荐奖励', color: 'green' },
  welcome: { text: '入会奖励', color: 'green' },
}

export const COUPON_STATUS: Record<string, { text: string; color: string }> = {
  issued: { text: '未使用', color: 'green' },
  redeemed: { text: '已核销', color: 'blue' },
  expired: { text: '已过期', color: 'default' },
  revoked: { text: '已作废', color: 'red' },
}

export const COUPON_SOURCES: Record<string, string> = {
  offer: '领券中心',
  reward: '积分兑换',
  welcome: '新人礼包',
  birthday: '生日礼',
  staff: '员工发放',
  campaign: '营销活动',
  referral: '推荐奖励',
}

export const NOTICE_KINDS: Record<string, string> = {
  tier_upgrade: '等级提升',
  tier_downgrade: '等级调整',
  points_expiring: '积分即将过期',
  points_expired: '积分已过期',
  coupon_expiring: '优惠券即将过期',
  welcome: '入会欢迎',
  birthday: '生日祝福',
  marketing: '营销活动',
}

/** The tier a shopper shows (code '') until a qualifying purchase opens their card (entry mode `qualify`). */
export const PENDING_TIER_NAME = '待开卡'
export const isPendingTier = (tier: { code: string }) => tier.code === ''
