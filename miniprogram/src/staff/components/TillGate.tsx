import { useState, type ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '../../components/nutui/button'
import { Input } from '../../components/nutui/input'
import StateView from '../../components/StateView'
import { devName } from '../../services/session'
import { IS_H5 } from '../../config'
import { useStoreLabel } from '../../hooks/useStoreNames'
import Taro from '@tarojs/taro'
import { pageUrl } from '../../paths'
import { mayUseConsole, roleLabel, useTillSession, type TillSession } from '../hooks/useTillSession'
import '../staff.scss'

/** NutUI's default icons render as <i>, which has no weapp template: never let it render one. */
export const NO_ICON = <View />

/** H5 only (local development): sign in as a dev identity such as `cashier`. */
function DevSignIn({ onSwitch }: { onSwitch: (name: string) => void }) {
  const [name, setName] = useState('')
  return (
    <View className="till-dev" id="dev-signin">
      <Text className="till-dev__label">开发登录 · 当前身份：{devName()}</Text>
      <View className="till-row">
        <Input
          className="till-input till-row__grow"
          clearIcon={NO_ICON}
          id="dev-name"
          placeholder="如 cashier、manager、admin"
          value={name}
          onChange={setName}
        />
        <Button id="dev-signin-button" type="primary" fill="outline" disabled={!name.trim()} onClick={() => onSwitch(name.trim())}>
          登录
        </Button>
      </View>
    </View>
  )
}

function BindForm({ till }: { till: TillSession }) {
  const [code, setCode] = useState('')
  const submit = async () => {
    if (await till.bind(code)) setCode('')
  }
  return (
    <View className="hy-section till-bind" id="staff-bind">
      <Text className="till-bind__title">绑定员工账号</Text>
      <Text className="till-bind__text">当前微信还没有收银权限。请输入门店管理员提供的绑定码，绑定后即可使用收银台。</Text>
      <Input
        className="till-input till-input--code"
        clearIcon={NO_ICON}
        id="bind-code"
        placeholder="输入绑定码"
        maxLength={40}
        value={code}
        onChange={setCode}
        onConfirm={() => void submit()}
      />
      {till.bindError ? (
        <Text className="till-error" id="bind-error">
          {till.bindError}
        </Text>
      ) : null}
      <Button
        className="till-big-button"
        type="primary"
        block
        id="bind-submit"
        disabled={till.binding || !code.trim()}
        onClick={() => void submit()}
      >
        {till.binding ? '正在绑定…' : '绑定'}
      </Button>
    </View>
  )
}

/** A staff member without a till role (a marketer): what they do here is sign the web console in. */
function ConsoleOnly({ till }: { till: TillSession }) {
  return (
    <View className="hy-section till-bind" id="console-only">
      <Text className="till-bind__title">{roleLabel(till.roles)}</Text>
      <Text className="till-bind__text">你的员工账号用于网页控制台。在电脑上打开控制台登录页，用小程序扫码即可登录。</Text>
      <Button
        className="till-big-button"
        type="primary"
        block
        id="go-console-login"
        onClick={() => void Taro.navigateTo({ url: pageUrl('consoleLogin') })}
      >
        扫码登录控制台
      </Button>
    </View>
  )
}

/** Who is at the till and for which store; a picker when the staff may act for several. */
export function TillHeader({ till, title }: { till: TillSession; title: string }) {
  const storeLabel = useStoreLabel()
  return (
    <View className="till-head" id="till-header">
      <View className="till-head__top">
        <Text className="till-head__title">{title}</Text>
        <Text className="till-head__role" id="till-role">
          {roleLabel(till.roles)}
        </Text>
      </View>
      <Text className="till-head__store" id="till-store">
        {storeLabel(till.storeId)}
      </Text>
      {till.stores.length > 1 ? (
        <View className="till-stores" id="store-picker">
          {till.stores.map((s) => (
            <Text
              key={s}
              id={`store-${s}`}
              className={`till-stores__item ${s === till.storeId ? 'till-stores__item--on' : ''}`}
              onClick={() => till.chooseStore(s)}
            >
              {storeLabel(s) || s}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  )
}

/**
 * The door of every staff page: signs in, asks a user without a till role to bind a staff
 * account (and, on H5, offers the dev sign-in), then renders the page for the chosen store.
 */
export default function TillGate({ preferredStore, children }: { preferredStore?: string; children: (till: TillSession) => ReactNode }) {
  const till = useTillSession(preferredStore)
  const devSignIn = IS_H5 ? <DevSignIn onSwitch={(n) => void till.switchDevIdentity(n)} /> : null

  let body: ReactNode
  if (till.loading && !till.session) body = <StateView kind="loading" title="正在登录…" />
  else if (!till.session)
    body = <StateView kind="error" title="登录失败" message={till.error ?? undefined} onAction={() => void till.refresh()} />
  else if (!till.canWorkTill) body = mayUseConsole(till.roles) ? <ConsoleOnly till={till} /> : <BindForm till={till} />
  else if (!till.storeId) body = <StateView kind="empty" title="还没有分配门店" message="请联系管理员为你的员工账号分配门店" />
  else body = children(till)

  return (
    <View className="hy-page till">
      {till.canWorkTill ? null : devSignIn}
      {body}
      {till.canWorkTill ? devSignIn : null}
    </View>
  )
}
