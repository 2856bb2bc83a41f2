/**
 * The routes the app calls: method, path and access, copied from shared/src/routes.ts so
 * the app does not ship the route table's zod schemas. The compiler checks every line
 * against the contract (a path, method or access that differs does not build).
 */
import type { RouteName, Routes } from '@huiyuan/shared/routes'

type RouteLine<K extends RouteName> = Pick<Routes[K], 'method' | 'path' | 'access'>

export const ROUTES = {
  signIn: { method: 'POST', path: '/v1/auth/wechat', access: 'public' },
  join: { method: 'POST', path: '/v1/members', access: 'user' },
  getMe: { method: 'GET', path: '/v1/me', access: 'member' },
  recordConsent: { method: 'POST', path: '/v1/me/consents', access: 'member' },
  getPrivacyPolicy: { method: 'GET', path: '/v1/privacy-policy', access: 'public' },
  exportMe: { method: 'GET', path: '/v1/me/export', access: 'member' },
  eraseMe: { method: 'DELETE', path: '/v1/me', access: 'member' },
  getMyCode: { method: 'GET', path: '/v1/me/code', access: 'member' },
  checkIn: { method: 'POST', path: '/v1/me/checkins', access: 'member' },
  getCheckins: { method: 'GET', path: '/v1/me/checkins', access: 'member' },
  listStores: { method: 'GET', path: '/v1/stores', access: 'public' },
  getMyPoints: { method: 'GET', path: '/v1/me/points', access: 'member' },
  getMyStoredValue: { method: 'GET', path: '/v1/me/stored-value', access: 'member' },
  getMyReferral: { method: 'GET', path: '/v1/me/referral', access: 'member' },
  getLeaderboard: { method: 'GET', path: '/v1/leaderboard', access: 'member' },
  setLeaderboardOptIn: { method: 'PUT', path: '/v1/me/leaderboard', access: 'member' },
  getMyInbox: { method: 'GET', path: '/v1/me/inbox', access: 'member' },
  getMySubscriptions: { method: 'GET', path: '/v1/me/subscriptions', access: 'member' },
  recordSubscriptions: { method: 'POST', path: '/v1/me/subscriptions', access: 'member' },
  getTiers: { method: 'GET', path: '/v1/tiers', access: 'user' },
  listOffers: { method: 'GET', path: '/v1/offers', access: 'member' },
  claimOffer: { method: 'POST', path: '/v1/offers/{offerId}/claims', access: 'member' },
  getMyCoupons: { method: 'GET', path: '/v1/me/coupons', access: 'member' },
  getMyCoupon: { method: 'GET', path: '/v1/me/coupons/{code}', access: 'member' },
  listRewards: { method: 'GET', path: '/v1/rewards', access: 'member' },
  redeemReward: { method: 'POST', path: '/v1/rewards/{rewardId}/redemptions', access: 'member' },
  bindStaff: { method: 'POST', path: '/v1/staff/bind', access: 'user' },
  getConsoleSession: { method: 'GET', path: '/v1/console/sessions/{ticket}', access: 'public' },
  approveConsoleSession: { method: 'POST', path: '/v1/console/sessions/{ticket}/approve', access: 'staff' },
  lookupMember: { method: 'POST', path: '/v1/staff/lookup', access: 'staff' },
  recordRefund: { method: 'POST', path: '/v1/staff/refunds', access: 'staff' },
  listTillTransactions: { method: 'GET', path: '/v1/staff/purchases', access: 'staff' },
  topUpStoredValue: { method: 'POST', path: '/v1/staff/stored-value/top-ups', access: 'staff' },
  createStatusMatch: { method: 'POST', path: '/v1/staff/status-matches', access: 'staff' },
  getTillStoredValueRules: { method: 'GET', path: '/v1/staff/stored-value/rules', access: 'staff' },
  quoteCheckout: { method: 'POST', path: '/v1/staff/checkouts/quote', access: 'staff' },
  checkout: { method: 'POST', path: '/v1/staff/checkouts', access: 'staff' },
  getTillOrder: { method: 'GET', path: '/v1/staff/orders/{orderId}', access: 'staff' },
  redeemCoupon: { method: 'POST', path: '/v1/staff/redemptions', access: 'staff' },
} as const satisfies { [K in RouteName]?: RouteLine<K> }

export type ClientRouteName = keyof typeof ROUTES
