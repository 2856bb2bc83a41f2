/**
 * The console's areas: menu, routes and breadcrumbs in one list (人群 and 营销活动 come with
 * precision marketing; 发送记录 with WeChat subscription messages; 自动化 with the always-on
 * campaigns; 储值报表 with stored value; 团体办理 with group enrolment).
 */
import type { StaffRole } from '@huiyuan/shared/auth/schemas'
import type { RouteName } from '@huiyuan/shared/routes'
import { type ComponentType, lazy, type LazyExoticComponent } from 'react'

export interface Area {
  path: string
  label: string
  /** The route a page needs: the page is shown to those who may call it. */
  route: RouteName
  /** Only for these roles (admin always), where the route lets more in than the page serves. */
  roles?: StaffRole[]
  page: LazyExoticComponent<ComponentType>
  /** Pages under this area (breadcrumbs), e.g. a member's profile. */
  children?: { path: string; label: string; page: LazyExoticComponent<ComponentType> }[]
}

export const AREAS: Area[] = [
  { path: '/', label: '概览', route: 'getReport', page: lazy(() => import('../pages/overview/OverviewPage')) },
  {
    path: '/members',
    label: '会员',
    route: 'searchMembers',
    page: lazy(() => import('../pages/members/MembersPage')),
    children: [{ path: ':memberId', label: '会员详情', page: lazy(() => import('../pages/members/MemberPage')) }],
  },
  {
    path: '/segments',
    label: '人群',
    route: 'listSegments',
    page: lazy(() => import('../pages/segments/SegmentsPage')),
    children: [
      { path: 'new', label: '人群编辑', page: lazy(() => import('../pages/segments/SegmentPage')) },
      { path: ':segmentId', label: '人群编辑', page: lazy(() => import('../pages/segments/SegmentPage')) },
    ],
  },
  {
    path: '/campaigns',
    label: '营销活动',
    route: 'listCampaigns',
    page: lazy(() => import('../pages/campaigns/CampaignsPage')),
    children: [
      { path: 'new', label: '新建活动', page: lazy(() => import('../pages/campaigns/CampaignWizardPage')) },
      { path: ':campaignId', label: '活动详情', page: lazy(() => import('../pages/campaigns/CampaignPage')) },
      { path: ':campaignId/edit', label: '编辑活动', page: lazy(() => import('../pages/campaigns/CampaignWizardPage')) },
    ],
  },
  {
    path: '/automations',
    label: '自动化',
    route: 'listAutomations',
    page: lazy(() => import('../pages/automations/AutomationsPage')),
    children: [{ path: ':kind', label: '自动化详情', page: lazy(() => import('../pages/automations/AutomationPage')) }],
  },
  {
    path: '/messages',
    label: '发送记录',
    route: 'listWechatMessages',
    page: lazy(() => import('../pages/messages/MessagesPage')),
  },
  {
    path: '/enrolment',
    label: '团体办理',
    route: 'listEnrolmentCodes',
    page: lazy(() => import('../pages/enrolment/EnrolmentPage')),
  },
  { path: '/stores', label: '门店', route: 'listStoresAdmin', page: lazy(() => import('../pages/stores/StoresPage')) },
  { path: '/staff', label: '员工', route: 'listStaff', page: lazy(() => import('../pages/staff/StaffPage')) },
  { path: '/program', label: '积分与等级', route: 'getProgram', page: lazy(() => import('../pages/program/ProgramPage')) },
  { path: '/coupons', label: '优惠券', route: 'listCouponTemplates', page: lazy(() => import('../pages/coupons/CouponsPage')) },
  { path: '/rewards', label: '积分商城', route: 'listRewardsAdmin', page: lazy(() => import('../pages/rewards/RewardsPage')) },
  { path: '/reports', label: '报表', route: 'getReport', page: lazy(() => import('../pages/reports/ReportsPage')) },
  {
    path: '/stored-value',
    label: '储值报表',
    route: 'getReport',
    roles: ['marketer'],
    page: lazy(() => import('../pages/storedValue/StoredValuePage')),
  },
  { path: '/audit', label: '审计日志', route: 'listAudit', page: lazy(() => import('../pages/audit/AuditPage')) },
]
