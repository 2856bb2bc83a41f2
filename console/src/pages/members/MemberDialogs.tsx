/**
 * The member page's audited actions: see the full phone number (with a reason), adjust
 * points (admin, with a reason, confirmed before sending) and change the birthday (with a
 * reason). Each asks the API, which writes the audit entry.
 */
import Alert from 'antd/es/alert'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import DatePicker from 'antd/es/date-picker'
import Form from 'antd/es/form'
import Input from 'antd/es/input'
import InputNumber from 'antd/es/input-number'
import Modal from 'antd/es/modal'
import Radio from 'antd/es/radio'
import Space from 'antd/es/space'
import Typography from 'antd/es/typography'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { api, errorText, isApiError, type ResponseOf } from '../../api/client'
import { count } from '../../lib/format'
import { applyFieldErrors, useFormSubmit } from '../../lib/forms'

type Profile = ResponseOf<'getMemberAdmin'>

const MAX_ADJUST = 1_000_000

const reasonRules = [
  { required: true, whitespace: true, message: '请填写原因' },
  { min: 2, message: '原因至少 2 个字' },
  { max: 200, message: '原因最多 200 个字' },
]

function QuickReasons({ reasons, onPick }: { reasons: string[]; onPick: (r: string) => void }) {
  return (
    <Space wrap size={[8, 8]} style={{ marginBottom: 8 }}>
      <Typography.Text type="secondary">常用：</Typography.Text>
      {reasons.map((r) => (
        <Button key={r} size="small" onClick={() => onPick(r)}>
          {r}
        </Button>
      ))}
    </Space>
  )
}

const newKey = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `adj-${Date.now()}-${Math.random().toString(36).slice(2, 12)}`

export function RevealPhoneModal({
  member,
  open,
  onClose,
  onRevealed,
}: {
  member: Profile
  open: boolean
  onClose: () => void
  onRevealed: (mobile: string) => void
}) {
  const [form] = Form.useForm<{ reason: string }>()
  const { saving, error, submit } = useFormSubmit(form, async (v) => {
    const r = await api.call('revealMemberPhone', { params: { memberId: member.memberId }, body: { reason: v.reason.trim() } })
    onRevealed(r.mobile)
  })

  return (
    <Modal
      title="查看完整手机号"
      open={open}
      okText="查看"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Alert
          type="warning"
          showIcon
          title="查看会员完整手机号会记入审计日志"
          description="日志记录操作人、时间和您填写的原因。请仅在确有需要时查看，不要记录或外传。"
          style={{ marginBottom: 16 }}
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <QuickReasons reasons={['会员来电核对身份', '处理会员投诉', '联系会员配送']} onPick={(r) => form.setFieldsValue({ reason: r })} />
        <Form.Item name="reason" label={`查看「${member.name}」手机号的原因`} rules={reasonRules}>
          <Input.TextArea
            autoSize={{ minRows: 2 }}
            maxLength={200}
            showCount
            placeholder="如：会员来电核对身份"
            data-testid="reveal-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}

interface AdjustValues {
  direction: 'add' | 'deduct'
  points: number
  reason: string
}

export function AdjustPointsModal({
  member,
  open,
  onClose,
  onAdjusted,
}: {
  member: Profile
  open: boolean
  onClose: () => void
  onAdjusted: (balanceAfter: number) => void
}) {
  const [form] = Form.useForm<AdjustValues>()
  const { modal } = App.useApp()
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string>()
  // One key per adjustment the admin means: a retry after a lost answer applies it once.
  const [idempotencyKey, setIdempotencyKey] = useState(newKey)

  const send = async (v: AdjustValues) => {
    const points = v.direction === 'add' ? v.points : -v.points
    setSaving(true)
    setError(undefined)
    try {
      const r = await api.call('adjustPoints', {
        params: { memberId: member.memberId },
        body: { points, reason: v.reason.trim(), idempotencyKey },
      })
      setIdempotencyKey(newKey())
      form.resetFields()
      onAdjusted(r.entry.balanceAfter)
    } catch (e) {
      if (isApiError(e) && e.code === 'INSUFFICIENT_POINTS') {
        form.setFields([{ name: 'points', errors: [`积分不足：当前只有 ${count(member.points)} 分可扣减`] }])
      } else {
        setError(isApiError(e) && e.fields?.length ? applyFieldErrors(form, e) : errorText(e))
      }
    } finally {
      setSaving(false)
    }
  }

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined)
    if (!v) return
    const delta = v.direction === 'add' ? v.points : -v.points
    modal.confirm({
      title: `确认为「${member.name}」${v.direction === 'add' ? '增加' : '扣减'} ${count(v.points)} 积分？`,
      content: (
        <Space orientation="vertical" size={2}>
          <span>
            积分：{count(member.points)} → {count(member.points + delta)}
          </span>
          <span>原因：{v.reason.trim()}</span>
          <Typography.Text type="secondary">调整会计入积分明细并记入审计日志，不能撤销（可再做一笔反向调整）。</Typography.Text>
        </Space>
      ),
      okText: '确认调整',
      cancelText: '取消',
      onOk: () => send(v),
    })
  }

  return (
    <Modal
      title={`调整积分：${member.name}`}
      open={open}
      okText="下一步"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ direction: 'add' }}>
        <Typography.Paragraph type="secondary">
          当前积分 {count(member.points)} 分。手工调整仅用于补录或更正，需填写原因。
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form.Item name="direction" label="调整方向">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'add', label: '增加积分' },
              { value: 'deduct', label: '扣减积分' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="points"
          label="积分数"
          dependencies={['direction']}
          rules={[
            { required: true, message: '请输入要调整的积分数' },
            ({ getFieldValue }) => ({
              validator: (_, v: number | null | undefined) => {
                if (v === null || v === undefined) return Promise.resolve()
                if (!Number.isInteger(v) || v <= 0) return Promise.reject(new Error('请输入正整数'))
                if (v > MAX_ADJUST) return Promise.reject(new Error(`单次最多调整 ${count(MAX_ADJUST)} 分`))
                if (getFieldValue('direction') === 'deduct' && v > member.points)
                  return Promise.reject(new Error(`扣减后积分不能为负：当前只有 ${count(member.points)} 分`))
                return Promise.resolve()
              },
            }),
          ]}
        >
          <InputNumber
            min={1}
            max={MAX_ADJUST}
            precision={0}
            style={{ width: 220 }}
            suffix="分"
            placeholder="如 100"
            data-testid="adjust-points"
          />
        </Form.Item>
        <QuickReasons reasons={['补录漏记消费积分', '系统故障补偿', '客诉补偿']} onPick={(r) => form.setFieldsValue({ reason: r })} />
        <Form.Item name="reason" label="原因" rules={reasonRules}>
          <Input.TextArea
            autoSize={{ minRows: 2 }}
            maxLength={200}
            showCount
            placeholder="如：补录 11 月 20 日漏记的消费积分"
            data-testid="adjust-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}

export function BirthdayModal({
  member,
  open,
  onClose,
  onChanged,
}: {
  member: Profile
  open: boolean
  onClose: () => void
  onChanged: () => void
}) {
  const [form] = Form.useForm<{ birthday: Dayjs; reason: string }>()
  const { saving, error, submit } = useFormSubmit(
    form,
    async (v) => {
      await api.call('changeMemberBirthday', {
        params: { memberId: member.memberId },
        body: { birthday: v.birthday.format('YYYY-MM-DD'), reason: v.reason.trim() },
      })
      onChanged()
    },
    (e) => {
      const code = isApiError(e) ? e.code : ''
      if (code === 'UNDER_MINIMUM_AGE') {
        const age = (isApiError(e) && (e.details as { minimumAge?: number } | undefined)?.minimumAge) || undefined
        form.setFields([{ name: 'birthday', errors: [`会员须年满 ${age ?? 18} 周岁，请核对日期`] }])
        return undefined
      }
      if (code === 'BIRTHDAY_CHANGE_NOT_ALLOWED') {
        form.setFields([{ name: 'birthday', errors: ['生日不能改到本月或下个月（避免重复领取生日礼）'] }])
        return undefined
      }
      return applyFieldErrors(form, e)
    },
  )

  return (
    <Modal
      title={`修改生日：${member.name}`}
      open={open}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ birthday: member.birthday ? dayjs(member.birthday) : undefined }}
      >
        <Typography.Paragraph type="secondary">
          {member.birthdayCorrectedAt ? '会员已自行更正过一次生日，之后只能由门店或总部修改。' : '会员可以在小程序里自行更正一次生日。'}
          修改会记入审计日志。
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form.Item name="birthday" label="生日" rules={[{ required: true, message: '请选择生日' }]}>
          <DatePicker style={{ width: 220 }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="birthday-date" />
        </Form.Item>
        <QuickReasons reasons={['会员持身份证件更正', '入会时填写错误']} onPick={(r) => form.setFieldsValue({ reason: r })} />
        <Form.Item name="reason" label="原因" rules={reasonRules}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={200} showCount placeholder="如：会员持身份证件更正" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
