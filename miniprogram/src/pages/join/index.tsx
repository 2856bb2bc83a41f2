import { useEffect, useMemo, useState, type ReactNode } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Button as TaroButton, type ButtonProps, type BaseEventOrig } from '@tarojs/components'
import type { Gender } from '@huiyuan/shared/members/schemas'
import { Button } from '../../components/nutui/button'
import { Input } from '../../components/nutui/input'
import TickBox from '../../components/TickBox'
import { Radio } from '../../components/nutui/radio'
import { Switch } from '../../components/nutui/switch'
import { DatePicker } from '../../components/nutui/datepicker'
import StateView from '../../components/StateView'
import { useSession } from '../../hooks/useSession'
import { normaliseEnrolmentCode, useJoinForm } from '../../hooks/useJoinForm'
import { parseScene, type JoinScene } from '../../services/scene'
import { useStoreNames } from '../../hooks/useStoreNames'
import { devName } from '../../services/session'
import { IS_H5, IS_WEAPP } from '../../config'
import { chineseDate } from '../../utils/format'
import { PAGE } from '../../paths'
import './index.scss'

const LAST_SCENE_KEY = 'huiyuan.joinScene'

const GENDERS: { value: Gender; label: string }[] = [
  { value: 'male', label: '男' },
  { value: 'female', label: '女' },
  { value: 'undisclosed', label: '不便透露' },
]

/** NutUI's default icons render as <i>, which has no weapp template: never let it render one. */
const NO_ICON = <View />

const pad = (n: number | string) => String(n).padStart(2, '0')
const goHome = () => void Taro.reLaunch({ url: PAGE.home })
const openPrivacy = (e?: { stopPropagation?: () => void }) => {
  e?.stopPropagation?.()
  void Taro.navigateTo({ url: PAGE.privacy })
}

/** The store the member joins at: from this page's scene, else the last one scanned. */
function useJoinScene(): [JoinScene | null, (s: JoinScene) => void] {
  const router = useRouter()
  const fromRoute = useMemo(() => parseScene(router.params.scene), [router.params.scene])
  const [scene, setScene] = useState<JoinScene | null>(() => fromRoute ?? ((Taro.getStorageSync(LAST_SCENE_KEY) as JoinScene | '') || null))
  useEffect(() => {
    if (fromRoute) {
      Taro.setStorageSync(LAST_SCENE_KEY, fromRoute)
      setScene(fromRoute)
    }
  }, [fromRoute])
  const choose = (s: JoinScene) => {
    Taro.setStorageSync(LAST_SCENE_KEY, s)
    setScene(s)
  }
  return [scene, choose]
}

/** H5 only (local development): who am I signed in as, and switch identity. */
function DevSignIn({ onSwitch }: { onSwitch: (name: string) => void }) {
  const [name, setName] = useState('')
  return (
    <View className="join-dev" id="dev-signin">
      <Text className="join-dev__label">开发登录 · 当前身份：{devName()}</Text>
      <View className="join-dev__row">
        <Input className="join-dev__input" id="dev-name" placeholder="输入新的开发身份名" value={name} onChange={setName} />
        <Button size="small" id="dev-signin-button" disabled={!name.trim()} onClick={() => onSwitch(name.trim())}>
          登录
        </Button>
      </View>
    </View>
  )
}

function NoScene({ onChoose }: { onChoose: (s: JoinScene) => void }) {
  const [storeId, setStoreId] = useState('')
  const scan = async () => {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: false })
      const raw = r.path ? decodeURIComponent(r.path.split('scene=')[1] ?? '') : r.result
      const s = parseScene(raw)
      if (s) onChoose(s)
      else void Taro.showToast({ title: '这不是门店会员码', icon: 'none' })
    } catch {
      /* cancelled */
    }
  }
  return (
    <StateView kind="empty" title="请扫描门店的会员二维码" message="在任意门店收银台扫码，即可加入会员">
      {IS_WEAPP ? (
        <Button type="primary" className="join-noscene__scan" onClick={() => void scan()}>
          扫一扫
        </Button>
      ) : null}
      {IS_H5 ? (
        <View className="join-dev__row join-noscene__dev">
          <Input className="join-dev__input" placeholder="门店编号，如 S001" value={storeId} onChange={setStoreId} />
          <Button size="small" disabled={!storeId.trim()} onClick={() => onChoose({ storeId: storeId.trim() })}>
            确定
          </Button>
        </View>
      ) : null}
    </StateView>
  )
}

function FieldError({ text, id }: { text?: string; id: string }) {
  return text ? (
    <Text className="join-field__error" id={id}>
      {text}
    </Text>
  ) : null
}

/** The API refused the enrolment code: why, and the way to join without it (the rest of the form stays). */
function CodeRefusal({
  text,
  offerWithout,
  busy,
  onWithout,
}: {
  text?: string
  offerWithout: boolean
  busy: boolean
  onWithout: () => void
}) {
  if (!text) return null
  return (
    <View className="join-code-refusal" id="enrolment-code-refusal">
      <Text className="join-code-refusal__text" id="error-enrolment-code">
        {text}
      </Text>
      {offerWithout ? (
        <Button size="small" className="join-code-refusal__without" id="join-without-code" disabled={busy} onClick={onWithout}>
          不使用团体码加入
        </Button>
      ) : null}
    </View>
  )
}

function JoinForm({ scene, storeName }: { scene: JoinScene; storeName: string }) {
  const { values, errors, set, submit, submitting, policy, reloadPolicy, sceneCode, offerJoinWithoutCode, joinWithoutCode } =
    useJoinForm(scene)
  const [pickingBirthday, setPickingBirthday] = useState(false)
  const [typingCode, setTypingCode] = useState(false)
  const today = useMemo(() => new Date(), [])
  const codeRefusal = (
    <CodeRefusal
      text={errors.enrolmentCode}
      offerWithout={offerJoinWithoutCode}
      busy={submitting}
      onWithout={() => void joinWithoutCode().then(welcome)}
    />
  )

  const onPhoneNumber = (e: BaseEventOrig<ButtonProps.onGetPhoneNumberEventDetail>) => {
    const code = (e.detail as { code?: string }).code
    if (code) set('phoneCode', code)
    else void Taro.showToast({ title: '未获取到手机号，可手动填写', icon: 'none' })
  }

  const welcome = (card: unknown) => {
    if (card) {
      void Taro.showToast({ title: '欢迎加入', icon: 'success' })
      setTimeout(goHome, 600)
    }
  }
  const onSubmit = async () => welcome(await submit())

  return (
    <View className="join-form" id="join-form">
      {scene.referralCode ? (
        <View className="join-invited" id="join-invited">
          <Text className="join-invited__badge">邀</Text>
          <View className="join-invited__body">
            <Text className="join-invited__title">好友邀请你加入</Text>
            <Text className="join-invited__text">通过好友邀请加入，你和好友都可获得奖励</Text>
          </View>
        </View>
      ) : null}
      {sceneCode ? (
        <View className="join-invited join-group" id="join-group">
          <Text className="join-invited__badge join-group__badge">团</Text>
          <View className="join-invited__body">
            <Text className="join-invited__title join-group__title">团体办理</Text>
            <Text className="join-invited__text join-group__text">
              使用团体码 <Text className="join-group__code">{sceneCode}</Text> 加入，开卡即享团体等级
            </Text>
          </View>
          {codeRefusal}
        </View>
      ) : null}
      <View className="join-hero">
        <Text className="join-hero__title">加入会员</Text>
        <Text className="join-hero__text">入会即享积分、生日礼与会员专享价</Text>
        <Text className="join-hero__store" id="join-store">
          加入门店：{storeName}
        </Text>
      </View>

      <View className="hy-section">
        <View className="join-field">
          <Text className="join-field__label">姓名</Text>
          <Input
            clearIcon={NO_ICON}
            id="field-name"
            placeholder="请输入姓名"
            maxLength={30}
            value={values.name}
            onChange={(v) => set('name', v)}
          />
          <FieldError id="error-name" text={errors.name} />
        </View>

        <View className="join-field">
          <Text className="join-field__label">手机号</Text>
          {values.phoneCode ? (
            <View className="join-phone__done">
              <Text>已获取微信绑定手机号 ✓</Text>
              <Text className="hy-link" onClick={() => set('phoneCode', '')}>
                手动填写
              </Text>
            </View>
          ) : (
            <>
              {IS_WEAPP ? (
                <TaroButton className="join-phone__wechat" openType="getPhoneNumber" onGetPhoneNumber={onPhoneNumber}>
                  微信手机号快捷填写
                </TaroButton>
              ) : null}
              <Input
                clearIcon={NO_ICON}
                id="field-mobile"
                type="number"
                placeholder={IS_WEAPP ? '或手动输入11位手机号' : '请输入11位手机号'}
                maxLength={11}
                value={values.mobile}
                onChange={(v) => set('mobile', v)}
              />
            </>
          )}
          <FieldError id="error-mobile" text={errors.mobile} />
        </View>

        <View className="join-field">
          <Text className="join-field__label">生日</Text>
          <View className="join-picker" id="field-birthday" onClick={() => setPickingBirthday(true)}>
            <Text className={values.birthday ? '' : 'join-picker__placeholder'}>
              {values.birthday ? chineseDate(values.birthday) : '请选择生日'}
            </Text>
            <Text className="join-picker__arrow">›</Text>
          </View>
          <FieldError id="error-birthday" text={errors.birthday} />
        </View>

        <View className="join-field join-field--last">
          <Text className="join-field__label">性别</Text>
          <Radio.Group className="join-gender" direction="horizontal" value={values.gender} onChange={(v) => set('gender', v as Gender)}>
            {GENDERS.map((g) => (
              <Radio key={g.value} value={g.value} shape="button" className={`gender-${g.value}`}>
                {g.label}
              </Radio>
            ))}
          </Radio.Group>
          <FieldError id="error-gender" text={errors.gender} />
        </View>
      </View>

      {sceneCode ? null : typingCode || values.enrolmentCode || errors.enrolmentCode ? (
        <View className="hy-section join-code" id="enrolment-code">
          <View className="join-field join-field--last">
            <Text className="join-field__label">团体码（选填）</Text>
            <Input
              clearIcon={NO_ICON}
              id="field-enrolment-code"
              placeholder="8位字母或数字，由单位或组织提供"
              maxLength={8}
              value={values.enrolmentCode}
              formatter={normaliseEnrolmentCode}
              onChange={(v) => set('enrolmentCode', normaliseEnrolmentCode(v))}
            />
            <Text className="join-code__hint">凭团体码加入，开卡即享团体等级</Text>
            {codeRefusal}
          </View>
        </View>
      ) : (
        <View className="join-code-toggle">
          <Text className="hy-link" id="enrolment-code-toggle" onClick={() => setTypingCode(true)}>
            有团体码？
          </Text>
        </View>
      )}

      <View className="hy-section join-consents">
        <View className="join-consent" id="privacy-consent" onClick={() => set('privacyConsent', !values.privacyConsent)}>
          <TickBox checked={values.privacyConsent} />
          <Text className="join-consent__text">
            我已阅读并同意
            <Text className="hy-link" id="privacy-link" onClick={openPrivacy}>
              《隐私政策》
            </Text>
            {policy.version ? (
              <Text className="join-consent__version" id="join-policy-version">
                版本 {policy.version}
              </Text>
            ) : null}
          </Text>
        </View>
        {policy.loading ? (
          <Text className="join-consent__status" id="join-policy-loading">
            正在加载隐私政策…
          </Text>
        ) : null}
        {policy.error ? (
          <View className="join-consent__status join-consent__status--error" id="join-policy-error">
            <Text>隐私政策加载失败：{policy.error.message}</Text>
            <Text className="hy-link join-consent__retry" onClick={reloadPolicy}>
              重试
            </Text>
          </View>
        ) : null}
        <FieldError id="error-privacy" text={errors.privacyConsent} />
        <View className="join-marketing">
          <View>
            <Text className="join-marketing__title">接收优惠活动信息</Text>
            <Text className="join-marketing__text">可选，随时可在「隐私中心」关闭</Text>
          </View>
          <Switch id="marketing-consent" checked={values.marketingConsent} onChange={(v) => set('marketingConsent', v)} />
        </View>
      </View>

      {errors.form ? (
        <Text className="join-form__error" id="error-form">
          {errors.form}
        </Text>
      ) : null}

      <Button type="primary" block size="large" id="join-submit" disabled={submitting || policy.loading} onClick={() => void onSubmit()}>
        {submitting ? '正在提交…' : policy.loading ? '正在加载隐私政策…' : '立即加入'}
      </Button>

      <DatePicker
        title="选择生日"
        type="date"
        visible={pickingBirthday}
        showChinese
        defaultValue={new Date(1995, 5, 15)}
        startDate={new Date(1920, 0, 1)}
        endDate={today}
        onClose={() => setPickingBirthday(false)}
        onConfirm={(_, v) => set('birthday', `${v[0]}-${pad(v[1] ?? 1)}-${pad(v[2] ?? 1)}`)}
      />
    </View>
  )
}

export default function JoinPage() {
  const { session, loading, error, refresh, switchDevIdentity } = useSession()
  const [scene, chooseScene] = useJoinScene()
  const storeName = useStoreNames()

  useEffect(() => {
    if (session?.memberId) goHome()
  }, [session])

  let body: ReactNode
  if (loading) body = <StateView kind="loading" title="正在登录…" />
  else if (error) body = <StateView kind="error" title="登录失败" message={error} onAction={() => void refresh()} />
  else if (session?.memberId) body = <StateView kind="loading" title="你已是会员，正在打开会员卡…" />
  else if (!scene) body = <NoScene onChoose={chooseScene} />
  else body = <JoinForm scene={scene} storeName={storeName(scene.storeId) ?? scene.storeId} />

  return (
    <View className="hy-page join">
      {IS_H5 ? <DevSignIn onSwitch={(n) => void switchDevIdentity(n)} /> : null}
      {body}
    </View>
  )
}
