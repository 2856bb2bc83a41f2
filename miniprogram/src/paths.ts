/**
 * Every page's URL, in one place. The main package holds only what a member needs first
 * (home, join, check-in); the rest lives in subpackages by area, which WeChat downloads
 * when a page in them is first opened: member/ (points, stored value, invitations (邀请有礼),
 * the leaderboard (排行榜), benefits, inbox, privacy policy, privacy centre), coupons/ (offer
 * centre, wallet, coupon, points mall), staff/ (the till, stored-value top-ups, status
 * matches (身份匹配), signing the console in), admin/.
 * app.config.ts lists the same pages (paths.test.ts checks that they agree).
 */
export const PAGE = {
  home: '/pages/home/index',
  join: '/pages/join/index',
  checkin: '/pages/checkin/index',

  points: '/member/pages/points/index',
  storedValue: '/member/pages/stored-value/index',
  referral: '/member/pages/referral/index',
  leaderboard: '/member/pages/leaderboard/index',
  benefits: '/member/pages/benefits/index',
  inbox: '/member/pages/inbox/index',
  privacy: '/member/pages/privacy/index',
  privacyCentre: '/member/pages/privacy-centre/index',

  offers: '/coupons/pages/offers/index',
  wallet: '/coupons/pages/wallet/index',
  coupon: '/coupons/pages/coupon/index',
  mall: '/coupons/pages/mall/index',

  till: '/staff/pages/index/index',
  refund: '/staff/pages/refund/index',
  tillDay: '/staff/pages/today/index',
  redeem: '/staff/pages/redeem/index',
  topUp: '/staff/pages/top-up/index',
  statusMatch: '/staff/pages/status-match/index',
  consoleLogin: '/staff/pages/console-login/index',

  admin: '/admin/pages/index/index',
} as const

export type PageName = keyof typeof PAGE

/** A page's URL with its query: `pageUrl('coupon', { code })` → /coupons/pages/coupon/index?code=… */
export function pageUrl(name: PageName, query: Record<string, string | null | undefined> = {}): string {
  const parts = Object.entries(query)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
  return parts.length ? `${PAGE[name]}?${parts.join('&')}` : PAGE[name]
}
