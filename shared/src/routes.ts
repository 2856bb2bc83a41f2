/**
 * The HTTP contract: every route the API serves, with its request and response schemas.
 * Handlers, the OpenAPI document, the mini-program's API client and the consistency test
 * against serverless.yml all read this one table.
 */
import type { ZodType } from 'zod'
import { z } from './common'
import { HealthResponse } from './platform/schemas'
import { WechatSignInRequest, SessionResponse } from './auth/schemas'
import { JoinRequest, JoinResponse, MemberCard, UpdateMeRequest, MemberCodeResponse } from './members/schemas'
import { CheckinResult, CheckinCalendar, CheckinCalendarQuery } from './checkins/schemas'

export type Access = 'public' | 'user' | 'member'

export interface RouteDef {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  path: `/v1/${string}`
  operationId: string
  summary: string
  /** Lambda function (route group) that serves it. */
  group: string
  access: Access
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
} satisfies Record<string, RouteDef>

export type Routes = typeof routes
export type RouteName = keyof Routes
