/**
 * The HTTP contract: every route the API serves, with its request and response schemas.
 * Handlers, the OpenAPI document, the mini-program's API client and the consistency test
 * against serverless.yml all read this one table.
 */
import type { ZodType } from 'zod'
import { z, CalendarDate } from './common'
import { HealthResponse } from './platform/schemas'
import { WechatSignInRequest, SessionResponse } from './auth/schemas'
import { JoinRequest, JoinResponse, MemberCard, UpdateMeRequest, MemberCodeResponse } from './members/schemas'
import { CheckinResult, CheckinCalendar, CheckinCalendarQuery } from './checkins/schemas'
import { StaffRole } from './auth/schemas'
import { TierRule } from './program/schemas'
import {
  CreateStaffRequest, StaffWithBindingCode, StaffList, BindStaffRequest, CreatePosKeyResponse, StoreIdParams,
} from './staff/schemas'
import {
  LookupMemberRequest, MemberSummary, RecordPurchaseRequest, PurchaseResult, RecordRefundRequest, RefundResult,
  StorePurchasesQuery, TillTransactions,
} from './purchases/schemas'
import {
  CreateCouponTemplateRequest, CouponTemplate, TemplateList, CreateOfferRequest, Offer, OfferList, MemberOffers, OfferIdParams,
  ClaimResult, WalletQuery, Wallet, Coupon, CouponCodeParams, RedeemCouponRequest, RedemptionResult, CreateRewardRequest, Reward,
  RewardList, RewardIdParams, RedeemRewardRequest, RewardRedemption,
} from './coupons/schemas'
import { PointsHistory, PointsHistoryQuery, AdjustmentRequest, AdjustmentResult, MemberIdParams, Inbox } from './points/schemas'

/**
 * public: anyone; user: any signed-in WeChat identity; member: a joined member (acts on
 * themselves only); staff: a bound employee with one of `roles` (store checked per request).
 */
export type Access = 'public' | 'user' | 'member' | 'staff'
type Role = StaffRole

export interface RouteDef {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  path: `/v1/${string}`
  operationId: string
  summary: string
  /** Lambda function (route group) that serves it. */
  group: string
  access: Access
  /** For `staff` routes: who may call (admin always may). */
  roles?: readonly Role[]
  /** Store systems may call it with a per-store API key and HMAC signature. */
  pos?: boolean
  body?: ZodType
  query?: ZodType
  params?: ZodType
  status: 200 | 201 | 204
  response: ZodType
}

const route = <R extends RouteDef>(r: R): R => r

export const routes = {
  health: route({
    method: 'GET', path: '/v1/health', operationId: 'getHealth', summary: 'Liveness and version',
    group: 'platform', access: 'public', status: 200, response: HealthResponse,
  }),
  openapi: route({
    method: 'GET', path: '/v1/openapi.json', operationId: 'getOpenApi', summary: 'This OpenAPI document',
    group: 'platform', access: 'public', status: 200, response: z.record(z.string(), z.unknown()),
  }),
  signIn: route({
    method: 'POST', path: '/v1/auth/wechat', operationId: 'signInWithWechat',
    summary: 'Exchange a wx.login code for a token (stage local: dev:<name> codes)',
    group: 'auth', access: 'public', body: WechatSignInRequest, status: 200, response: SessionResponse,
  }),
  join: route({
    method: 'POST', path: '/v1/members', operationId: 'joinProgram',
    summary: 'Register (join) from a store QR scene; returns the card and a refreshed token',
    group: 'members', access: 'user', body: JoinRequest, status: 201, response: JoinResponse,
  }),
  getMe: route({
    method: 'GET', path: '/v1/me', operationId: 'getMyCard', summary: 'Membership card',
    group: 'members', access: 'member', status: 200, response: MemberCard,
  }),
  updateMe: route({
    method: 'PATCH', path: '/v1/me', operationId: 'updateMyProfile', summary: 'Update profile and marketing consent',
    group: 'members', access: 'member', body: UpdateMeRequest, status: 200, response: MemberCard,
  }),
  getMyCode: route({
    method: 'GET', path: '/v1/me/code', operationId: 'getMyMemberCode', summary: 'Current dynamic member code',
    group: 'members', access: 'member', status: 200, response: MemberCodeResponse,
  }),
  checkIn: route({
    method: 'POST', path: '/v1/me/checkins', operationId: 'checkIn', summary: "Today's check-in",
    group: 'checkins', access: 'member', status: 201, response: CheckinResult,
  }),
  getCheckins: route({
    method: 'GET', path: '/v1/me/checkins', operationId: 'getCheckinCalendar', summary: "A month's check-in calendar and streak",
    group: 'checkins', access: 'member', query: CheckinCalendarQuery, status: 200, response: CheckinCalendar,
  }),
  listStores: route({
    method: 'GET', path: '/v1/stores', operationId: 'listStores', summary: "The program's stores (names for the join page and the till)",
    group: 'platform', access: 'public', status: 200,
    response: z.object({ items: z.array(z.object({ storeId: z.string(), name: z.string(), city: z.string(), address: z.string() })) }).meta({ id: 'StoreList' }),
  }),
  getTiers: route({
    method: 'GET', path: '/v1/tiers', operationId: 'getTiers', summary: 'Tiers and their benefits, lowest first',
    group: 'members', access: 'user', status: 200,
    response: z.object({ basis: z.enum(['spend', 'points']), windowMonths: z.number().int(), tiers: z.array(TierRule) }).meta({ id: 'TierTable' }),
  }),
  getMyPoints: route({
    method: 'GET', path: '/v1/me/points', operationId: 'getMyPoints', summary: 'Points ledger, newest first (paginated)',
    group: 'points', access: 'member', query: PointsHistoryQuery, status: 200, response: PointsHistory,
  }),
  getMyInbox: route({
    method: 'GET', path: '/v1/me/inbox', operationId: 'getMyInbox', summary: 'Notices and offers, newest first',
    group: 'points', access: 'member', query: PointsHistoryQuery, status: 200, response: Inbox,
  }),
  bindStaff: route({
    method: 'POST', path: '/v1/staff/bind', operationId: 'bindStaff', summary: 'Bind this WeChat identity to a staff account with a one-time code',
    group: 'staff', access: 'user', body: BindStaffRequest, status: 200, response: SessionResponse,
  }),
  lookupMember: route({
    method: 'POST', path: '/v1/staff/lookup', operationId: 'lookupMember', summary: 'Dynamic member code → masked member summary',
    group: 'staff', access: 'staff', roles: ['cashier', 'store_manager'], pos: true, body: LookupMemberRequest, status: 200, response: MemberSummary,
  }),
  recordPurchase: route({
    method: 'POST', path: '/v1/staff/purchases', operationId: 'recordPurchase', summary: 'Record a purchase → points and tier (idempotent on store + order id)',
    group: 'staff', access: 'staff', roles: ['cashier', 'store_manager'], pos: true, body: RecordPurchaseRequest, status: 201, response: PurchaseResult,
  }),
  listTillTransactions: route({
    method: 'GET', path: '/v1/staff/purchases', operationId: 'listTillTransactions', summary: "A store's purchases and refunds of a day",
    group: 'staff', access: 'staff', roles: ['cashier', 'store_manager'], pos: true, query: StorePurchasesQuery, status: 200, response: TillTransactions,
  }),
  recordRefund: route({
    method: 'POST', path: '/v1/staff/refunds', operationId: 'recordRefund', summary: 'Reverse a purchase fully or partly (idempotent on refund id)',
    group: 'staff', access: 'staff', roles: ['cashier', 'store_manager'], pos: true, body: RecordRefundRequest, status: 201, response: RefundResult,
  }),
  createStaff: route({
    method: 'POST', path: '/v1/admin/staff', operationId: 'createStaff', summary: 'Create a staff account and its one-time binding code',
    group: 'admin', access: 'staff', roles: ['admin'], body: CreateStaffRequest, status: 201, response: StaffWithBindingCode,
  }),
  listStaff: route({
    method: 'GET', path: '/v1/admin/staff', operationId: 'listStaff', summary: 'Staff accounts',
    group: 'admin', access: 'staff', roles: ['admin'], status: 200, response: StaffList,
  }),
  createPosKey: route({
    method: 'POST', path: '/v1/admin/stores/{storeId}/pos-keys', operationId: 'createPosKey', summary: "Create a store system's API key (the secret is shown once)",
    group: 'admin', access: 'staff', roles: ['admin'], params: StoreIdParams, status: 201, response: CreatePosKeyResponse,
  }),
  adjustPoints: route({
    method: 'POST', path: '/v1/admin/members/{memberId}/adjustments', operationId: 'adjustPoints', summary: 'Manual points adjustment with a reason (audited)',
    group: 'admin', access: 'staff', roles: ['admin'], params: MemberIdParams, body: AdjustmentRequest, status: 201, response: AdjustmentResult,
  }),
  listAudit: route({
    method: 'GET', path: '/v1/admin/audit', operationId: 'listAudit', summary: 'Audit log of a day (manual adjustments and other audited actions)',
    group: 'admin', access: 'staff', roles: ['admin'], query: z.object({ date: CalendarDate.optional() }), status: 200,
    response: z.object({
      date: CalendarDate,
      items: z.array(z.object({ eventId: z.string(), action: z.string(), actor: z.string(), subject: z.string(), details: z.record(z.string(), z.unknown()), at: z.string() })),
    }).meta({ id: 'AuditLog' }),
  }),
  createCouponTemplate: route({
    method: 'POST', path: '/v1/admin/coupon-templates', operationId: 'createCouponTemplate', summary: 'Create a coupon template (kind, value, validity, stores, tiers, stock, per-member limit)',
    group: 'admin', access: 'staff', roles: ['marketer'], body: CreateCouponTemplateRequest, status: 201, response: CouponTemplate,
  }),
  listCouponTemplates: route({
    method: 'GET', path: '/v1/admin/coupon-templates', operationId: 'listCouponTemplates', summary: 'Coupon templates with remaining stock',
    group: 'admin', access: 'staff', roles: ['marketer'], status: 200, response: TemplateList,
  }),
  createOffer: route({
    method: 'POST', path: '/v1/admin/offers', operationId: 'createOffer', summary: 'Put a template in the offer centre',
    group: 'admin', access: 'staff', roles: ['marketer'], body: CreateOfferRequest, status: 201, response: Offer,
  }),
  listOffersAdmin: route({
    method: 'GET', path: '/v1/admin/offers', operationId: 'listOffersAdmin', summary: 'Offers in the offer centre',
    group: 'admin', access: 'staff', roles: ['marketer'], status: 200, response: OfferList,
  }),
  createReward: route({
    method: 'POST', path: '/v1/admin/rewards', operationId: 'createReward', summary: 'Add a points-mall item',
    group: 'admin', access: 'staff', roles: ['marketer'], body: CreateRewardRequest, status: 201, response: Reward,
  }),
  listRewardsAdmin: route({
    method: 'GET', path: '/v1/admin/rewards', operationId: 'listRewardsAdmin', summary: 'Points-mall items',
    group: 'admin', access: 'staff', roles: ['marketer'], status: 200, response: RewardList,
  }),
  listOffers: route({
    method: 'GET', path: '/v1/offers', operationId: 'listOffers', summary: 'Offers this member may claim, with availability',
    group: 'coupons', access: 'member', status: 200, response: MemberOffers,
  }),
  claimOffer: route({
    method: 'POST', path: '/v1/offers/{offerId}/claims', operationId: 'claimOffer', summary: 'Claim a coupon (Idempotency-Key header makes retries safe)',
    group: 'coupons', access: 'member', params: OfferIdParams, status: 201, response: ClaimResult,
  }),
  getMyCoupons: route({
    method: 'GET', path: '/v1/me/coupons', operationId: 'getMyCoupons', summary: 'Coupon wallet by status: usable / used / expired',
    group: 'coupons', access: 'member', query: WalletQuery, status: 200, response: Wallet,
  }),
  getMyCoupon: route({
    method: 'GET', path: '/v1/me/coupons/{code}', operationId: 'getMyCoupon', summary: 'One of my coupons (to show its code to the cashier)',
    group: 'coupons', access: 'member', params: CouponCodeParams, status: 200, response: Coupon,
  }),
  listRewards: route({
    method: 'GET', path: '/v1/rewards', operationId: 'listRewards', summary: 'Points mall',
    group: 'coupons', access: 'member', status: 200, response: RewardList,
  }),
  redeemReward: route({
    method: 'POST', path: '/v1/rewards/{rewardId}/redemptions', operationId: 'redeemReward', summary: 'Exchange points for a reward (atomic)',
    group: 'coupons', access: 'member', params: RewardIdParams, body: RedeemRewardRequest, status: 201, response: RewardRedemption,
  }),
  redeemCoupon: route({
    method: 'POST', path: '/v1/staff/redemptions', operationId: 'redeemCoupon', summary: 'Redeem (核销) a coupon code at the till, exactly once',
    group: 'staff', access: 'staff', roles: ['cashier', 'store_manager'], pos: true, body: RedeemCouponRequest, status: 201, response: RedemptionResult,
  }),
} satisfies Record<string, RouteDef>

export type Routes = typeof routes
export type RouteName = keyof Routes
