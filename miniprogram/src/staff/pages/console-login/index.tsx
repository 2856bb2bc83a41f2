/**
 * 扫码登录控制台: the staff member scans the QR the web console shows (Taro.scanCode on
 * weapp, the camera on H5, or pastes its text), sees which console asks and when, and
 * confirms. The console then signs in by itself. Cashiers work the till only.
 */
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '../../../components/nutui/button'
import { Input } from '../../../components/nutui/input'
import StateView from '../../../components/StateView'
import { useSession } from '../../../hooks/useSession'
import ScanButton from '../../components/ScanButton'
import { NO_ICON } from '../../components/TillGate'
import { useConsoleSignIn } from '../../hooks/useConsoleSignIn'
import { mayUseConsole } from '../../hooks/useTillSession'
import type { ConsoleSignIn } from '../../../services/console'
import '../../staff.scss'
import './index.scss'

/** "2026-11-25T10:05:00+08:00" (the program's zone) → "10:05" */
const hhmm = (iso: string) => iso.slice(11, 16)

function Requester({ request }: { request: ConsoleSignIn }) {
  return (
    <View className="console-login__who" id="console-request">
      <Text className="console-login__icon">⌨</Text>
      <Text className="console-login__what">网页控制台{request.client ? ` · ${request.client}` : ''}</Text>
      <Text className="console-login__when">请求于 {hhmm(request.createdAt)}</Text>
    </View>
  )
}

function Scan({ onRead, busy }: { onRead: (text: string) => void; busy: boolean }) {
  const [text, setText] = useState('')
  return (
    <View className="hy-section till-step" id="console-scan">
      <Text className="console-login__lead">在电脑上打开会员控制台登录页，扫描页面上的二维码</Text>
      <ScanButton id="console-scan-button" what="控制台二维码" onResult={onRead} />
      <Text className="till-step__hint">无法扫码时，可粘贴二维码内容</Text>
      <View className="till-row">
        <Input
          className="till-input till-row__grow"
          clearIcon={NO_ICON}
          id="console-code-input"
          placeholder="huiyuan-console:…"
          maxLength={80}
          value={text}
          onChange={setText}
          onConfirm={() => onRead(text)}
        />
        <Button id="console-code-submit" type="primary" fill="outline" disabled={busy || !text.trim()} onClick={() => onRead(text)}>
          识别
        </Button>
      </View>
    </View>
  )
}

export default function ConsoleLoginPage() {
  const session = useSession()
  const flow = useConsoleSignIn()
  const roles = session.session?.roles ?? []

  if (session.loading && !session.session) return <StateView kind="loading" title="正在登录…" />
  if (!session.session)
    return <StateView kind="error" title="登录失败" message={session.error ?? undefined} onAction={() => void session.refresh()} />
  if (!mayUseConsole(roles))
    return (
      <View className="hy-page till">
        <StateView kind="empty" title="不能登录控制台" message="控制台仅限店长、市场专员和管理员使用；收银员请使用收银台。" />
      </View>
    )

  const { step } = flow
  return (
    <View className="hy-page till console-login">
      {step.kind === 'scan' ? <Scan onRead={(t) => void flow.read(t)} busy={flow.busy} /> : null}
      {step.kind === 'confirm' ? (
        <View className="hy-section till-step" id="console-confirm">
          <Text className="console-login__lead">确认在以下设备登录会员控制台？</Text>
          <Requester request={step.request} />
          <Text className="till-step__hint">登录后，该网页将获得你的员工权限（8 小时内有效）。如果不是你本人操作，请取消。</Text>
          <Button
            className="till-big-button"
            type="primary"
            block
            id="console-approve"
            disabled={flow.busy}
            onClick={() => void flow.approve()}
          >
            {flow.busy ? '正在确认…' : '确认登录'}
          </Button>
          <Button className="console-login__cancel" fill="none" block id="console-cancel" onClick={flow.restart}>
            取消
          </Button>
        </View>
      ) : null}
      {step.kind === 'done' ? (
        <View className="hy-section till-step console-login__done" id="console-done">
          <Text className="console-login__tick">✓</Text>
          <Text className="console-login__title">已登录，可在电脑上继续操作</Text>
          <Requester request={step.request} />
          <Button
            className="till-big-button"
            type="primary"
            fill="outline"
            block
            id="console-back"
            onClick={() => void Taro.navigateBack()}
          >
            返回
          </Button>
        </View>
      ) : null}
      {flow.error ? (
        <Text className="till-error" id="console-error">
          {flow.error}
        </Text>
      ) : null}
    </View>
  )
}
