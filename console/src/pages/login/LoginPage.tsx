/**
 * Sign-in without passwords: the page shows a QR holding a one-time ticket (2 minutes); a
 * staff member scans it with the mini-program's staff entry and approves; this page's poll
 * then receives the console token. The local stack also offers the development sign-in.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query'
import Alert from 'antd/es/alert'
import Button from 'antd/es/button'
import Card from 'antd/es/card'
import Divider from 'antd/es/divider'
import QRCode from 'antd/es/qr-code'
import Space from 'antd/es/space'
import Typography from 'antd/es/typography'
import { useEffect, useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { api, errorText } from '../../api/client'
import { session } from '../../app/session'
import { ME_KEY } from '../../app/useMe'

const POLL_MS = 1500
const DEV_STAFF = [
  { code: 'dev:admin', label: '总部管理员' },
  { code: 'dev:marketer', label: '市场运营' },
  { code: 'dev:manager', label: '店长（三里屯店）' },
]

const clientName = (): string => {
  const ua = navigator.userAgent
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Chrome\//.test(ua)
      ? 'Chrome'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Safari\//.test(ua)
          ? 'Safari'
          : '浏览器'
  const os = /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : ''
  return [browser, os].filter(Boolean).join(' · ')
}

export default function LoginPage() {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [params] = useSearchParams()
  const [attempt, setAttempt] = useState(0)
  const [devError, setDevError] = useState<string>()
  const next = params.get('next') || '/'

  const enter = (token: string, expiresAt: string) => {
    session.save({ token, expiresAt })
    queryClient.removeQueries({ queryKey: ME_KEY })
    navigate(next.startsWith('/') && !next.startsWith('/login') ? next : '/', { replace: true })
  }

  const ticket = useQuery({
    queryKey: ['console', 'ticket', attempt],
    queryFn: () => api.call('startConsoleSession', { body: { client: clientName() } }),
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
  })

  const poll = useQuery({
    queryKey: ['console', 'poll', ticket.data?.ticket],
    queryFn: () => api.call('getConsoleSession', { params: { ticket: ticket.data!.ticket }, query: { secret: ticket.data!.secret } }),
    enabled: Boolean(ticket.data),
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'pending' ? false : POLL_MS),
    retry: 2,
  })

  const status = poll.data?.status ?? 'pending'
  // biome-ignore lint/correctness/useExhaustiveDependencies: enter once, when the token arrives
  useEffect(() => {
    const s = poll.data?.session
    if (s) enter(s.token, s.expiresAt)
  }, [poll.data?.session])

  const devSignIn = async (code: string) => {
    setDevError(undefined)
    try {
      const s = await api.call('signIn', { body: { code, audience: 'console' } })
      enter(s.token, s.expiresAt)
    } catch (e) {
      setDevError(errorText(e))
    }
  }

  const qrStatus = ticket.isPending
    ? 'loading'
    : status === 'expired' || status === 'consumed' || ticket.isError
      ? 'expired'
      : status === 'approved'
        ? 'scanned'
        : 'active'

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg,#fff5f5,#f5f6f8)',
      }}
    >
      <Card style={{ width: 460 }} data-testid="login">
        <Space direction="vertical" align="center" style={{ width: '100%' }} size="middle">
          <Typography.Title level={3} style={{ margin: 0 }}>
            汇元会员 · 管理控制台
          </Typography.Title>
          <Typography.Text type="secondary">请用微信打开会员小程序 →「员工入口」→「扫码登录控制台」扫描下方二维码</Typography.Text>
          <QRCode
            data-testid="login-qr"
            value={ticket.data?.qrText ?? 'huiyuan-console:loading'}
            size={220}
            status={qrStatus}
            onRefresh={() => setAttempt((a) => a + 1)}
          />
          {ticket.data && <span data-testid="login-ticket" data-ticket={ticket.data.ticket} hidden />}
          {ticket.isError && <Alert type="error" showIcon message={errorText(ticket.error)} />}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            二维码 2 分钟内有效，仅限一次使用。收银员账号不能登录控制台。
          </Typography.Text>
          {__DEV_SIGNIN__ && (
            <>
              <Divider plain>本地开发登录</Divider>
              <Space wrap>
                {DEV_STAFF.map((d) => (
                  <Button key={d.code} onClick={() => void devSignIn(d.code)} data-testid={`dev-${d.code.slice(4)}`}>
                    {d.label}
                  </Button>
                ))}
              </Space>
              {devError && <Alert type="error" showIcon message={devError} />}
            </>
          )}
        </Space>
      </Card>
    </div>
  )
}
