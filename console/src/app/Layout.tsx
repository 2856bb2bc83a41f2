/**
 * The console's frame, in the manner of ant-design-pro: side menu by area, a header with
 * the signed-in staff member and their store scope, breadcrumbs, and the page. Without a
 * session (or when the API ends it) it goes to the sign-in page.
 */
import AuditOutlined from '@ant-design/icons/AuditOutlined'
import BarChartOutlined from '@ant-design/icons/BarChartOutlined'
import ClusterOutlined from '@ant-design/icons/ClusterOutlined'
import DashboardOutlined from '@ant-design/icons/DashboardOutlined'
import GiftOutlined from '@ant-design/icons/GiftOutlined'
import NotificationOutlined from '@ant-design/icons/NotificationOutlined'
import SendOutlined from '@ant-design/icons/SendOutlined'
import ShopOutlined from '@ant-design/icons/ShopOutlined'
import StarOutlined from '@ant-design/icons/StarOutlined'
import TagsOutlined from '@ant-design/icons/TagsOutlined'
import TeamOutlined from '@ant-design/icons/TeamOutlined'
import ThunderboltOutlined from '@ant-design/icons/ThunderboltOutlined'
import UserOutlined from '@ant-design/icons/UserOutlined'
import UsergroupAddOutlined from '@ant-design/icons/UsergroupAddOutlined'
import WalletOutlined from '@ant-design/icons/WalletOutlined'
import { useQueryClient } from '@tanstack/react-query'
import Avatar from 'antd/es/avatar'
import Breadcrumb from 'antd/es/breadcrumb'
import Button from 'antd/es/button'
import Layout from 'antd/es/layout'
import Menu from 'antd/es/menu'
import Modal from 'antd/es/modal'
import Space from 'antd/es/space'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import { type ReactNode, Suspense, useEffect } from 'react'
import { Link, matchPath, Navigate, Outlet, useLocation, useNavigate } from 'react-router'
import { ROLE_NAMES } from '../lib/format'
import { ApiError } from '../api/client'
import { ErrorState, Loading } from '../components/states'
import { mayOpen } from './access'
import { AREAS } from './nav'
import { session } from './session'
import { useMe } from './useMe'

const ICONS: Record<string, ReactNode> = {
  '/': <DashboardOutlined />,
  '/members': <UserOutlined />,
  '/segments': <ClusterOutlined />,
  '/campaigns': <NotificationOutlined />,
  '/automations': <ThunderboltOutlined />,
  '/messages': <SendOutlined />,
  '/enrolment': <UsergroupAddOutlined />,
  '/stores': <ShopOutlined />,
  '/staff': <TeamOutlined />,
  '/program': <StarOutlined />,
  '/coupons': <TagsOutlined />,
  '/rewards': <GiftOutlined />,
  '/reports': <BarChartOutlined />,
  '/stored-value': <WalletOutlined />,
  '/audit': <AuditOutlined />,
}

const areaOf = (pathname: string) =>
  AREAS.filter((a) => (a.path === '/' ? pathname === '/' : pathname === a.path || pathname.startsWith(`${a.path}/`)))[0]

export default function ConsoleLayout() {
  const location = useLocation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const me = useMe()

  useEffect(
    () =>
      session.onSignedOut(() => {
        queryClient.clear()
        navigate(`/login?next=${encodeURIComponent(location.pathname)}`, { replace: true })
      }),
    [navigate, queryClient, location.pathname],
  )

  if (!session.read()) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />
  if (me.isPending) return <Loading rows={10} />
  if (me.isError || !me.data) return <ErrorState error={me.error} retry={() => void me.refetch()} />

  const staff = me.data
  const areas = AREAS.filter((a) => mayOpen(staff, a))
  const area = areaOf(location.pathname)
  // The child page open (a static path such as `new` is listed before `:id`, so it is found first).
  const child =
    area?.children && location.pathname !== area.path
      ? (area.children.find((c) => matchPath(`${area.path}/${c.path}`, location.pathname)) ?? area.children[0])
      : undefined
  const scope =
    staff.roles.includes('admin') || staff.roles.includes('marketer') ? '全部门店' : staff.stores.map((s) => s.name).join('、') || '无门店'

  const signOut = () =>
    Modal.confirm({
      title: '退出登录？',
      content: '退出后需要重新扫码登录。',
      okText: '退出',
      cancelText: '取消',
      onOk: () => session.clear(),
    })

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} theme="dark">
        <div style={{ height: 56, display: 'flex', alignItems: 'center', padding: '0 20px', color: '#fff', fontSize: 17, fontWeight: 600 }}>
          汇元会员
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={area ? [area.path] : []}
          items={areas.map((a) => ({ key: a.path, icon: ICONS[a.path], label: <Link to={a.path}>{a.label}</Link> }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Breadcrumb
            items={[
              { title: <Link to="/">首页</Link> },
              ...(area && area.path !== '/' ? [{ title: child ? <Link to={area.path}>{area.label}</Link> : area.label }] : []),
              ...(child ? [{ title: child.label }] : []),
            ]}
          />
          <Space size="middle" data-testid="signed-in">
            <Typography.Text type="secondary">门店范围：{scope}</Typography.Text>
            {staff.roles.map((r) => (
              <Tag key={r} color="blue">
                {ROLE_NAMES[r] ?? r}
              </Tag>
            ))}
            <Space size={6}>
              <Avatar size="small" icon={<UserOutlined />} />
              <Typography.Text strong>{staff.name}</Typography.Text>
            </Space>
            <Button type="link" onClick={signOut}>
              退出
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <Suspense fallback={<Loading rows={8} />}>
            {area && !mayOpen(staff, area) ? <ErrorState error={new ApiError('FORBIDDEN', 403, '没有权限访问此页面')} /> : <Outlet />}
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
