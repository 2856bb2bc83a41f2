/**
 * 设置: an automation's settings in one form — on/off, its days (the kinds that have them),
 * up to 5 coupon templates, the message with its placeholders as tags that insert `{name}`
 * where the cursor was, WeChat too, the control group and the attribution window — beside
 * what the member receives, its placeholders filled with example values. 保存 sends the
 * version read: someone else's save in between (409) is said plainly and the latest settings
 * are loaded; the API's field errors show under their fields.
 */
import type { Automation } from '@huiyuan/shared/campaigns/automations'
import type { AdminCouponTemplate } from '@huiyuan/shared/coupons/admin'
import { fitThing, SLOT_LABELS, SUBSCRIPTION_PURPOSE_LABELS } from '@huiyuan/shared/messaging/schemas'
import { useQueryClient } from '@tanstack/react-query'
import Alert from 'antd/es/alert'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import Card from 'antd/es/card'
import Form from 'antd/es/form'
import Input from 'antd/es/input'
import InputNumber from 'antd/es/input-number'
import Slider from 'antd/es/slider'
import Space from 'antd/es/space'
import Switch from 'antd/es/switch'
import Tag from 'antd/es/tag'
import Tooltip from 'antd/es/tooltip'
import Typography from 'antd/es/typography'
import { type ReactNode, useRef, useState } from 'react'
import { Link } from 'react-router'
import { ApiError, api, isApiError } from '../../api/client'
import { recheckErrors } from '../../lib/fieldMessages'
import { wechatTime } from '../../lib/format'
import { applyFieldErrors } from '../../lib/forms'
import { Caption, emptyField, InboxNotice, WechatMessage, WechatNotice } from '../campaigns/Previews'
import CouponFace from '../coupons/CouponFace'
import { TemplateSelect, useTemplateOptions } from '../coupons/TemplateSelect'
import { validityText } from '../coupons/templateForm'
import { automationErrorText } from './errors'
import { bodyOf, formFields, schemaErrors, type Values, valuesOf } from './form'
import {
  AUTOMATIONS_WITH_DAYS,
  DAYS_LABELS,
  exampleValues,
  fillPlaceholders,
  PLACEHOLDER_LABELS,
  triggerText,
  unknownPlaceholders,
  WECHAT_ONLY_AUTOMATIONS,
  wechatPurposeOf,
} from './labels'
import { saved } from './queries'

const MAX_COUPONS = 5

/** 对照组占比: a slider and the number, 0–50 %. */
function HoldoutInput({ value, onChange }: { value?: number | null; onChange?: (v: number | null) => void }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
      <Slider
        min={0}
        max={50}
        step={1}
        value={value ?? 0}
        onChange={(v) => onChange?.(v)}
        marks={{ 0: '0%', 10: '10%', 20: '20%', 50: '50%' }}
        tooltip={{ formatter: (v) => `${v}%` }}
        style={{ flex: 1 }}
      />
      <Space.Compact>
        <InputNumber
          min={0}
          max={50}
          precision={0}
          value={value}
          onChange={(v) => onChange?.(v)}
          style={{ width: 80 }}
          aria-label="对照组占比"
          id="automation_holdoutPct"
        />
        <Space.Addon>%</Space.Addon>
      </Space.Compact>
    </div>
  )
}

/** What the member receives: the inbox notice, the WeChat card, the coupons — placeholders filled with example values. */
function Preview({ a, values, templates }: { a: Automation; values: Partial<Values>; templates: AdminCouponTemplate[] }) {
  const chosen = (values.templateIds ?? []).map((id) => templates.find((t) => t.templateId === id)).filter((t) => t !== undefined)
  const examples = exampleValues(a.kind, values.days ?? a.days, (values.templateIds ?? []).length > 0)
  // As the API sends it: the title filled, then cut to WeChat's 20 characters.
  const title = values.title ? fitThing(fillPlaceholders(values.title, examples)) : ''
  const body = fillPlaceholders(values.body ?? '', examples)
  const time = wechatTime(new Date())
  const wechatOnly = WECHAT_ONLY_AUTOMATIONS.includes(a.kind)
  const purpose = wechatPurposeOf(a.kind)
  const used = a.placeholders.filter((k) => `${values.title ?? ''}${values.body ?? ''}`.includes(`{${k}}`))
  return (
    <div data-testid="automation-preview">
      {!wechatOnly && (
        <>
          <Caption>站内信（消息中心）</Caption>
          <InboxNotice title={title} body={body} when="刚刚" />
        </>
      )}
      {(values.wechat || wechatOnly) && (
        <>
          <Caption>微信订阅消息（服务通知）</Caption>
          {purpose === 'couponExpiry' ? (
            <WechatNotice
              heading={SUBSCRIPTION_PURPOSE_LABELS.couponExpiry}
              rows={[
                { label: SLOT_LABELS.coupon ?? '优惠券', value: examples.coupon, testId: 'preview-wechat-coupon' },
                { label: SLOT_LABELS.expiresAt ?? '到期时间', value: examples.date, testId: 'preview-wechat-expires' },
                { label: SLOT_LABELS.tip ?? '温馨提示', value: fitThing(body) || emptyField('消息内容'), testId: 'preview-wechat-tip' },
              ]}
            />
          ) : purpose === 'checkinReminder' ? (
            <WechatNotice
              heading={SUBSCRIPTION_PURPOSE_LABELS.checkinReminder}
              rows={[
                { label: SLOT_LABELS.activity ?? '活动', value: title || emptyField('消息标题'), testId: 'preview-wechat-activity' },
                { label: SLOT_LABELS.status ?? '状态', value: '未签到', testId: 'preview-wechat-status' },
                { label: SLOT_LABELS.tip ?? '温馨提示', value: fitThing(body) || emptyField('消息内容'), testId: 'preview-wechat-tip' },
              ]}
            />
          ) : (
            <WechatMessage title={title} body={body} time={time} />
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 6 }} data-testid="preview-wechat-note">
            {wechatOnly
              ? `只发给持有「${SUBSCRIPTION_PURPOSE_LABELS[purpose]}」订阅授权的会员（每条用掉一次授权），不发站内信。`
              : `仅发给持有「${SUBSCRIPTION_PURPOSE_LABELS[purpose]}」订阅授权的会员，其余会员只收到站内信。`}
          </Typography.Text>
        </>
      )}
      {chosen.length > 0 && (
        <>
          <Caption>券包中的优惠券</Caption>
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            {chosen.map((t) => (
              <CouponFace
                key={t.templateId}
                terms={t}
                title={t.name}
                lines={[t.summary, validityText(t.validity)]}
                action="去使用"
                testId="preview-coupon"
              />
            ))}
          </Space>
        </>
      )}
      {used.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 12 }} data-testid="preview-examples">
          示例值：{used.map((k) => `{${k}} = ${examples[k] || '（空）'}`).join('；')}。实际发送时按每位会员填入。
        </Typography.Text>
      )}
    </div>
  )
}

const Aside = ({ children, aside }: { children: ReactNode; aside: ReactNode }) => (
  <div style={{ display: 'flex', gap: 24, alignItems: 'flex-start' }}>
    <div style={{ flex: 1, minWidth: 0, maxWidth: 680 }}>{children}</div>
    <div style={{ width: 380, flex: 'none', position: 'sticky', top: 16 }}>{aside}</div>
  </div>
)

type Target = 'title' | 'body'

/**
 * The form, as first read (`a` at mount): later reads of the list do not reset what is being
 * typed; `onReload` after a save or a conflict mounts it again with the latest settings.
 */
export default function SettingsTab({ a, onReload }: { a: Automation; onReload: (conflict: boolean) => Promise<void> }) {
  const { message, modal } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const values = Form.useWatch((v: Values) => v, { form, preserve: true }) as Partial<Values> | undefined
  const [error, setError] = useState<string>()
  const [saving, setSaving] = useState(false)
  /** The version the form was read at: a save sends it. */
  const version = useRef(a.version).current
  const initial = useRef(valuesOf(a)).current
  /** Where a placeholder tag inserts: the message field last in focus (its element keeps the cursor). */
  const target = useRef<{ field: Target; el: HTMLInputElement | HTMLTextAreaElement | null }>({ field: 'body', el: null })

  const templates = useTemplateOptions()
  const templateList = templates.data?.items ?? []
  const hasDays = AUTOMATIONS_WITH_DAYS.includes(a.kind)
  const daysWords = DAYS_LABELS[a.kind]
  const v = values ?? initial
  const dirty = JSON.stringify(bodyOf(a.kind, v, version)) !== JSON.stringify(bodyOf(a.kind, initial, version))

  const remember = (field: Target) => (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
    target.current = { field, el: e.currentTarget }
  }

  /** `{name}` into the field last in focus at its cursor (at the end of the body when none was), the cursor after it. */
  const insert = (name: string) => {
    const { field, el } = target.current
    const text = (form.getFieldValue(field) as string | undefined) ?? ''
    const at = el?.selectionStart ?? null
    const pos = at === null || at > text.length ? text.length : at
    const token = `{${name}}`
    form.setFieldValue(field, text.slice(0, pos) + token + text.slice(pos))
    void form.validateFields([field]).catch(() => undefined)
    if (el)
      requestAnimationFrame(() => {
        el.focus()
        el.setSelectionRange(pos + token.length, pos + token.length)
      })
  }

  const recheck = () => {
    if (!form.getFieldsError().some((f) => f.errors.length > 0)) return
    void recheckErrors(form, schemaErrors(a.kind, form.getFieldsValue(true)))
  }

  const send = async (body: ReturnType<typeof bodyOf>) => {
    setSaving(true)
    try {
      const next = await api.call('updateAutomation', { params: { kind: a.kind }, body })
      saved(queryClient, next)
      message.success(`已保存「${a.name}」的设置`)
      await onReload(false)
    } catch (e) {
      if (isApiError(e) && e.code === 'VERSION_CONFLICT') {
        await onReload(true)
        return
      }
      if (isApiError(e) && e.code === 'VALIDATION_FAILED' && e.fields?.length) {
        setError(applyFieldErrors(form, new ApiError(e.code, e.status, e.message, formFields(e.fields), e.details)))
        return
      }
      setError(automationErrorText(e))
    } finally {
      setSaving(false)
    }
  }

  const save = async () => {
    setError(undefined)
    const ok = await form.validateFields().then(
      () => true,
      () => false,
    )
    const issues = schemaErrors(a.kind, form.getFieldsValue(true))
    if (issues.length > 0) form.setFields(issues.map((f) => ({ name: f.field as keyof Values, errors: [f.message] })))
    if (!ok || issues.length > 0) return
    const body = bodyOf(a.kind, form.getFieldsValue(true), version)
    if (initial.enabled && !body.enabled)
      modal.confirm({
        title: `关闭「${a.name}」？`,
        content: '关闭后将不再自动发送，已发出的消息和券不受影响；随时可以重新开启。',
        okText: '关闭并保存',
        okButtonProps: { danger: true },
        cancelText: '取消',
        onOk: () => send(body),
      })
    else await send(body)
  }

  const placeholderRule = {
    warningOnly: true,
    validator: (_: unknown, text: string | undefined) => {
      const unknown = unknownPlaceholders(text ?? '', a.placeholders)
      return unknown.length > 0
        ? Promise.reject(new Error(`${unknown.map((k) => `{${k}}`).join('、')} 不是这个自动化的占位符，会原样发给会员`))
        : Promise.resolve()
    },
  }

  return (
    <Aside
      aside={
        <Card size="small" title="会员收到的内容（示例）">
          <Preview a={a} values={v} templates={templateList} />
        </Card>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="automation-error" />}
      <Form<Values>
        form={form}
        name="automation"
        layout="vertical"
        initialValues={initial}
        onValuesChange={recheck}
        onFinish={() => void save()}
        data-testid="automation-form"
      >
        <Form.Item
          label="自动发送"
          name="enabled"
          valuePropName="checked"
          extra={v.enabled ? '已开启：符合条件时自动发送' : '已关闭：不会发送'}
        >
          <Switch checkedChildren="开" unCheckedChildren="关" data-testid="settings-enabled" />
        </Form.Item>
        {hasDays && daysWords && (
          <Form.Item label={daysWords.label} required extra={`触发条件：${triggerText(a, v.days ?? null)}`}>
            <Space>
              <span>{daysWords.before}</span>
              <Form.Item name="days" noStyle rules={[{ required: true, message: '请填写天数' }]}>
                <InputNumber min={1} max={365} precision={0} style={{ width: 100 }} aria-label={daysWords.label} />
              </Form.Item>
              <span>{daysWords.after}</span>
            </Space>
          </Form.Item>
        )}
        {a.kind === 'points_expiry' && (
          <Form.Item label="提前天数">
            <Typography.Text type="secondary">
              积分到期前几天提醒，在 <Link to="/program">积分与等级</Link> 的积分规则中设置。
            </Typography.Text>
          </Form.Item>
        )}
        <Form.Item
          label="优惠券"
          name="templateIds"
          extra={`每次触发时放入会员券包，最多 ${MAX_COUPONS} 种，每种一张；受券模板的库存和每人限领数量约束（库存不足的不发，其余照发）。`}
          rules={[{ type: 'array', max: MAX_COUPONS, message: `最多选择 ${MAX_COUPONS} 种券` }]}
        >
          <TemplateSelect
            templates={templates}
            keep={initial.templateIds}
            mode="multiple"
            allowClear
            maxCount={MAX_COUPONS}
            placeholder="不发券（只发消息）"
            data-testid="automation-coupons"
          />
        </Form.Item>
        <Form.Item
          label="消息标题"
          name="title"
          rules={[{ required: true, whitespace: true, message: '请填写消息标题' }, placeholderRule]}
          extra="站内信的标题，也是微信订阅消息的「活动名称」（填入占位符后超过 20 个字的部分会被截断）。"
        >
          <Input maxLength={20} showCount onFocus={remember('title')} data-testid="automation-title" />
        </Form.Item>
        <Form.Item
          label="消息内容"
          name="body"
          rules={[{ required: true, whitespace: true, message: '请填写消息内容' }, placeholderRule]}
          style={{ marginBottom: 8 }}
        >
          <Input.TextArea maxLength={200} showCount rows={4} onFocus={remember('body')} data-testid="automation-body" />
        </Form.Item>
        <div style={{ marginBottom: 24 }} data-testid="automation-placeholders">
          <Typography.Text type="secondary" style={{ fontSize: 12, marginRight: 8 }}>
            插入占位符（点击插入到光标处，发送时按会员填入）：
          </Typography.Text>
          {a.placeholders.map((k) => (
            <Tooltip key={k} title={PLACEHOLDER_LABELS[k] ?? k}>
              <Tag
                color="geekblue"
                style={{ cursor: 'pointer', marginBottom: 4 }}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => insert(k)}
                data-testid={`placeholder-${k}`}
              >
                {`{${k}}`} {(PLACEHOLDER_LABELS[k] ?? k).replace(/（.*$/, '')}
              </Tag>
            </Tooltip>
          ))}
        </div>
        {WECHAT_ONLY_AUTOMATIONS.includes(a.kind) ? (
          <Form.Item label="微信订阅消息">
            <Typography.Text type="secondary" data-testid="automation-wechat-only">
              只发微信订阅消息，不发站内信：仅发给订阅了「{SUBSCRIPTION_PURPOSE_LABELS[wechatPurposeOf(a.kind)]}」的会员，每条用掉一次授权。
            </Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item
            label="同时发送微信订阅消息"
            name="wechat"
            valuePropName="checked"
            extra={`只发给授权过「${SUBSCRIPTION_PURPOSE_LABELS[wechatPurposeOf(a.kind)]}」订阅消息的会员（每次授权可发一条）；其他会员只收到站内信。`}
          >
            <Switch data-testid="automation-wechat" />
          </Form.Item>
        )}
        <Form.Item
          label="对照组占比"
          name="holdoutPct"
          rules={[{ required: true, message: '请填写对照组占比' }]}
          extra="对照组会员触发时不发送任何内容，用来在效果报表中衡量真实增量；按会员固定分组。"
        >
          <HoldoutInput />
        </Form.Item>
        <Form.Item label="归因窗口" required extra="每次触发后多少天内的消费计入这个自动化的效果。">
          <Space>
            <span>触发后</span>
            <Form.Item name="attributionDays" noStyle rules={[{ required: true, message: '请填写归因天数' }]}>
              <InputNumber min={1} max={90} precision={0} style={{ width: 90 }} aria-label="归因天数" />
            </Form.Item>
            <span>天</span>
          </Space>
        </Form.Item>
        <Space>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="automation-save">
            保存
          </Button>
          <Button
            disabled={!dirty || saving}
            onClick={() => {
              form.resetFields()
              setError(undefined)
            }}
          >
            撤销修改
          </Button>
          {dirty && (
            <Tag color="orange" data-testid="automation-dirty">
              有未保存的修改
            </Tag>
          )}
        </Space>
      </Form>
    </Aside>
  )
}
