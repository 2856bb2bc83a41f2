/**
 * 新建活动 (/campaigns/new) and 编辑活动 (/campaigns/:campaignId/edit, a draft): a wizard of
 * six steps — 目标, 人群 (a saved segment and its count), 权益/消息 (a coupon or none, the
 * message, WeChat too, previewed as the member sees it), 时间与预算 (now, at a time, or
 * recurring — every day, week or month at a time, until a day or for good, in words with
 * its next three runs — the coupon budget, the attribution window; the program's quiet
 * hours and frequency cap explained), 对照组, 确认. Each step is checked by its own rules and the shared schema
 * before the next; entering 确认 saves the campaign as a draft (a change later updates it
 * on its version) so the API can estimate its reach. 确认发送 / 确认排期 asks first, then
 * launches it and opens its page.
 */
import ArrowLeftOutlined from '@ant-design/icons/ArrowLeftOutlined'
import InfoCircleOutlined from '@ant-design/icons/InfoCircleOutlined'
import ReloadOutlined from '@ant-design/icons/ReloadOutlined'
import type { Campaign, CampaignGoal } from '@huiyuan/shared/campaigns/schemas'
import type { AdminCouponTemplate } from '@huiyuan/shared/coupons/admin'
import type { Segment } from '@huiyuan/shared/segments/schemas'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import Alert from 'antd/es/alert'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import Card from 'antd/es/card'
import DatePicker from 'antd/es/date-picker'
import Form from 'antd/es/form'
import Input from 'antd/es/input'
import InputNumber from 'antd/es/input-number'
import Radio from 'antd/es/radio'
import Result from 'antd/es/result'
import Select from 'antd/es/select'
import Slider from 'antd/es/slider'
import Space from 'antd/es/space'
import Spin from 'antd/es/spin'
import Steps from 'antd/es/steps'
import Switch from 'antd/es/switch'
import Tag from 'antd/es/tag'
import TimePicker from 'antd/es/time-picker'
import Typography from 'antd/es/typography'
import dayjs from 'dayjs'
import { type ReactNode, useRef, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { ApiError, api, isApiError } from '../../api/client'
import { mayCall } from '../../app/access'
import { useMe } from '../../app/useMe'
import { ErrorState, Loading } from '../../components/states'
import { recheckErrors } from '../../lib/fieldMessages'
import { count, dateTime, percent, wechatTime } from '../../lib/format'
import { TemplateSelect, useTemplateOptions } from '../coupons/TemplateSelect'
import { applyFieldErrors } from '../../lib/forms'
import { PROGRAM_KEY } from '../program/queries'
import { CountCard } from '../segments/CountPanel'
import { SEGMENT_LIST_KEY, useCount } from '../segments/queries'
import { campaignErrorText } from './errors'
import { EstimateFigures, EstimateFunnel } from './Estimate'
import { CAMPAIGN_GOAL_LABELS, CAMPAIGN_GOALS, GOAL_HINTS, STATUS } from './labels'
import { MessagePreview } from './Previews'
import { CAMPAIGNS_KEY, changed, useCampaign } from './queries'
import { cadenceText, DEFAULT_TIME_ZONE, dateText, EVERY_LABELS, runTime, upcomingRuns, WEEKDAY_NAMES } from './recurrence'
import CampaignSummary, { RUN_EXPLAINED } from './Summary'
import {
  bodyOf,
  CONFIRM_STEP,
  DEFAULT_MARKETING_RULES,
  formPath,
  INITIAL,
  inQuietHours,
  NO_COUPON,
  STEPS,
  scheduleOf,
  schemaErrors,
  stepOf,
  type Values,
  valuesOf,
  wizardFields,
} from './wizard'

const estimateKey = (c: Campaign) => [...CAMPAIGNS_KEY, 'estimate', c.campaignId, c.version] as const

export default function CampaignWizardPage() {
  const { campaignId } = useParams()
  return campaignId ? <EditDraft campaignId={campaignId} /> : <Wizard key="new" campaign={null} />
}

/** A draft opened for editing; anything else is no longer editable. */
function EditDraft({ campaignId }: { campaignId: string }) {
  const navigate = useNavigate()
  const query = useCampaign(campaignId)
  // The campaign as first read decides (the wizard's own save or launch must not swap the page under it).
  const first = useRef<Campaign | null>(null)
  const [generation, setGeneration] = useState(0)
  if (query.data && !first.current) first.current = query.data
  const c = first.current
  if (!c) return query.isError ? <ErrorState error={query.error} retry={() => void query.refetch()} /> : <Loading rows={10} />
  if (c.status !== 'draft')
    return (
      <Card>
        <Result
          status="info"
          title="只有草稿可以编辑"
          subTitle={`活动「${c.name}」${STATUS[c.status].text}，设置已不能修改。`}
          extra={
            <Button type="primary" onClick={() => navigate(`/campaigns/${encodeURIComponent(c.campaignId)}`)}>
              查看活动
            </Button>
          }
        />
      </Card>
    )
  const reload = async () => {
    const r = await query.refetch()
    if (r.data) first.current = r.data
    setGeneration((g) => g + 1)
  }
  return <Wizard key={`${c.campaignId}:${generation}`} campaign={c} onReload={reload} />
}

// ── Step inputs ──────────────────────────────────────────────────────────────────────────

/** The goals as cards: the name and what it is for. */
function GoalCards({ value, onChange }: { value?: CampaignGoal; onChange?: (g: CampaignGoal) => void }) {
  return (
    <Radio.Group
      value={value}
      onChange={(e) => onChange?.(e.target.value)}
      style={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 12, width: '100%' }}
      data-testid="campaign-goal"
    >
      {CAMPAIGN_GOALS.map((g) => (
        <Radio
          key={g}
          value={g}
          style={{
            margin: 0,
            padding: '12px 14px',
            border: `1px solid ${value === g ? '#c8102e' : '#e5e6eb'}`,
            background: value === g ? '#fff1f0' : '#fff',
            borderRadius: 8,
            alignItems: 'flex-start',
          }}
        >
          <div style={{ fontWeight: 600 }}>{CAMPAIGN_GOAL_LABELS[g]}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {GOAL_HINTS[g]}
          </Typography.Text>
        </Radio>
      ))}
    </Radio.Group>
  )
}

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
        marks={{ 0: '0%', 5: '5%', 10: '10%', 20: '20%', 50: '50%' }}
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
          id="campaign_holdoutPct"
        />
        <Space.Addon>%</Space.Addon>
      </Space.Compact>
    </div>
  )
}

/** A step's layout: its inputs, and beside them what explains or previews them. */
const StepBody = ({ children, aside }: { children: ReactNode; aside?: ReactNode }) => (
  <div style={{ display: 'flex', gap: 24, alignItems: 'flex-start' }}>
    <div style={{ flex: 1, minWidth: 0, maxWidth: aside ? 640 : 860 }}>{children}</div>
    {aside && <div style={{ width: 380, flex: 'none' }}>{aside}</div>}
  </div>
)

const Hint = ({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) => (
  <Alert type="info" showIcon icon={<InfoCircleOutlined />} title={title} description={children} data-testid={testId} />
)

// ── The wizard ───────────────────────────────────────────────────────────────────────────

function Wizard({ campaign, onReload }: { campaign: Campaign | null; onReload?: () => Promise<void> }) {
  const navigate = useNavigate()
  const { message, modal } = App.useApp()
  const queryClient = useQueryClient()
  const me = useMe()
  const [form] = Form.useForm<Values>()
  const [step, setStep] = useState(0)
  /** The campaign as saved (a draft): an update sends its version. */
  const [draft, setDraft] = useState<Campaign | null>(campaign)
  /** The request last saved, to save again only what changed. */
  const [savedKey, setSavedKey] = useState<string | null>(() => (campaign ? JSON.stringify(bodyOf(valuesOf(campaign))) : null))
  const [error, setError] = useState<string>()
  const [conflict, setConflict] = useState(false)
  const [busy, setBusy] = useState<'next' | 'draft' | 'launch' | null>(null)
  const values = Form.useWatch((v: Values) => v, { form, preserve: true }) as Partial<Values>

  const segments = useQuery({
    queryKey: [...SEGMENT_LIST_KEY, 'options'],
    queryFn: () => api.call('listSegments', { query: { limit: 100 } }),
  })
  const templates = useTemplateOptions()
  const program = useQuery({
    queryKey: PROGRAM_KEY,
    queryFn: () => api.call('getProgram'),
    enabled: mayCall(me.data, 'getProgram'),
  })
  const marketing = program.data?.rules.marketing ?? DEFAULT_MARKETING_RULES
  const timeZone = program.data?.rules.timeZone ?? DEFAULT_TIME_ZONE

  const segmentId = values.segmentId
  const segment: Segment | undefined = segments.data?.items.find((s) => s.segmentId === segmentId)
  const counting = useCount(
    segmentId ? { key: ['segment', segmentId, 'campaign'], start: () => api.call('previewSegment', { params: { segmentId } }) } : null,
    () => void queryClient.invalidateQueries({ queryKey: SEGMENT_LIST_KEY }),
  )
  const size = counting.state.status === 'done' ? counting.state.count.size : (counting.last?.size ?? segment?.lastCount?.size ?? null)

  const templateId = values.templateId
  const template: AdminCouponTemplate | null =
    (templateId && templateId !== NO_COUPON && templates.data?.items.find((t) => t.templateId === templateId)) || null
  const hasCoupon = Boolean(templateId && templateId !== NO_COUPON)

  const currentKey = JSON.stringify(bodyOf(values))
  const upToDate = draft !== null && savedKey === currentKey
  const estimate = useQuery({
    queryKey: draft ? estimateKey(draft) : [...CAMPAIGNS_KEY, 'estimate', 'none'],
    queryFn: () => api.call('estimateCampaign', { params: { campaignId: draft?.campaignId ?? '' } }),
    enabled: step === CONFIRM_STEP && upToDate,
    staleTime: 30_000,
    retry: false,
  })

  // ── Checking, saving, launching ──

  const recheck = () => {
    if (!form.getFieldsError().some((f) => f.errors.length > 0)) return
    void recheckErrors(form, schemaErrors(form.getFieldsValue(true)))
  }

  /** A step's own rules, then the shared schema over its fields; the errors in place. */
  const checkStep = async (i: number): Promise<boolean> => {
    const names = STEPS[i]?.fields ?? []
    if (names.length === 0) return true
    const ok = await form.validateFields(names).then(
      () => true,
      () => false,
    )
    const flagged = new Set(
      form
        .getFieldsError(names)
        .filter((f) => f.errors.length > 0)
        .map((f) => String(f.name[0])),
    )
    const issues = schemaErrors(form.getFieldsValue(true)).filter((f) => (names as string[]).includes(f.field) && !flagged.has(f.field))
    const byField = new Map<string, string[]>()
    for (const f of issues) byField.set(f.field, [...(byField.get(f.field) ?? []), f.message])
    if (byField.size > 0) form.setFields([...byField].map(([name, errors]) => ({ name: name as keyof Values, errors })))
    return ok && byField.size === 0
  }

  const failed = (e: unknown) => {
    if (isApiError(e) && e.code === 'VERSION_CONFLICT') {
      setConflict(true)
      return
    }
    if (isApiError(e) && e.code === 'VALIDATION_FAILED' && e.fields?.length) {
      const steps = e.fields.map((f) => stepOf(formPath(f.field)))
      setStep(Math.min(...steps))
      setError(applyFieldErrors(form, new ApiError(e.code, e.status, e.message, wizardFields(e.fields), e.details)))
      return
    }
    setError(campaignErrorText(e))
  }

  /** The campaign as the form has it, saved as a draft (created the first time, then updated on its version). */
  const save = async (): Promise<Campaign | null> => {
    const body = bodyOf(form.getFieldsValue(true))
    const key = JSON.stringify(body)
    if (draft && savedKey === key) return draft
    try {
      const saved = draft
        ? await api.call('updateCampaign', { params: { campaignId: draft.campaignId }, body: { ...body, version: draft.version } })
        : await api.call('createCampaign', { body })
      setDraft(saved)
      setSavedKey(key)
      changed(queryClient, saved)
      return saved
    } catch (e) {
      failed(e)
      return null
    }
  }

  const goTo = async (target: number) => {
    setError(undefined)
    if (target <= step) {
      setStep(target)
      return
    }
    setBusy('next')
    try {
      for (let i = step; i < target; i++) {
        if (!(await checkStep(i))) {
          setStep(i)
          return
        }
      }
      if (target === CONFIRM_STEP && !(await save())) return
      setStep(target)
    } finally {
      setBusy(null)
    }
  }

  const open = (c: Campaign) => navigate(`/campaigns/${encodeURIComponent(c.campaignId)}`)

  const saveDraft = async () => {
    setError(undefined)
    setBusy('draft')
    try {
      const saved = await save()
      if (!saved) return
      message.success(`已保存草稿「${saved.name}」`)
      open(saved)
    } finally {
      setBusy(null)
    }
  }

  const launch = async () => {
    setError(undefined)
    // A time chosen a while ago may have passed meanwhile.
    if (!(await checkStep(3))) {
      setStep(3)
      return
    }
    setBusy('launch')
    let saved: Campaign | null = null
    let reach: number | null = null
    try {
      saved = await save()
      if (!saved) return
      const c = saved
      reach = await queryClient
        .fetchQuery({
          queryKey: estimateKey(c),
          queryFn: () => api.call('estimateCampaign', { params: { campaignId: c.campaignId } }),
          staleTime: 30_000,
        })
        .then(
          (e) => e.reach,
          () => null,
        )
    } finally {
      setBusy(null)
    }
    if (!saved) return
    const c = saved
    const now = c.schedule.type === 'now'
    const who = reach === null ? '人群中的会员' : `约 ${count(reach)} 位会员`
    const first = c.schedule.type === 'recurring' ? upcomingRuns(c.schedule, new Date(), 1, timeZone)[0] : undefined
    modal.confirm({
      title: now ? '确认发送？' : '确认排期？',
      content:
        c.schedule.type === 'now'
          ? `发送后无法撤回，确定向${who}发送？`
          : c.schedule.type === 'at'
            ? `将于 ${dateTime(c.schedule.at)} 自动发送，发送后无法撤回。确定向${who}排期发送？`
            : `将按「${cadenceText(c.schedule)}」周期发送${first ? `，首次 ${runTime(first, timeZone)}` : ''}；每次发送给当时人群中的会员${reach === null ? '' : `（按现在的人群约 ${count(reach)} 位）`}，发送后无法撤回。确定排期？`,
      okText: now ? '确认发送' : '确认排期',
      cancelText: '再想想',
      okButtonProps: { id: 'campaign-launch-ok' },
      onOk: async () => {
        try {
          const launched = await api.call('launchCampaign', { params: { campaignId: c.campaignId } })
          message.success(now ? `活动「${launched.name}」已开始发送` : `活动「${launched.name}」已排期`)
          open(launched)
          changed(queryClient, launched)
        } catch (e) {
          setError(campaignErrorText(e))
        }
      },
    })
  }

  // ── What the steps show ──

  const segmentOptions = [
    ...(segments.data?.items ?? []).map((s) => ({ value: s.segmentId, label: s.name, segment: s })),
    // A draft's segment beyond the first page of segments (or deleted since).
    ...(campaign && !segments.data?.items.some((s) => s.segmentId === campaign.segmentId)
      ? [{ value: campaign.segmentId, label: campaign.segmentName ?? `人群 ${campaign.segmentId}（已删除）`, segment: undefined }]
      : []),
  ]
  const schedule = scheduleOf(values)
  /** 周期发送: the next three runs, as the API will compute them (on the program's clock). */
  const upcoming = schedule.type === 'recurring' ? upcomingRuns(schedule, new Date(), 3, timeZone) : []
  const upcomingText =
    schedule.type !== 'recurring'
      ? null
      : upcoming.length > 0
        ? `下次：${upcoming.map((d) => runTime(d, timeZone)).join('、')}${upcoming.length < 3 ? '（之后结束）' : ''}`
        : '结束日期之前没有可以发送的时间'
  const firstRun = upcoming[0]
  const when =
    values.when === 'at' && values.at
      ? `${values.at.month() + 1}月${values.at.date()}日 ${values.at.format('HH:mm')}`
      : firstRun
        ? runTime(firstRun, timeZone)
        : '刚刚'
  const quietFrom = marketing.quietHours.from
  const quietTo = marketing.quietHours.to
  const sendAt = values.when === 'at' ? (values.at ?? null) : values.when === 'recurring' ? (firstRun ? dayjs(firstRun) : null) : dayjs()
  const quietNow = sendAt ? inQuietHours(sendAt, marketing.quietHours) : false
  const holdout = values.holdoutPct ?? 0
  const now = (values.when ?? 'now') === 'now'

  const steps: ReactNode[] = [
    // 目标
    <StepBody key="goal">
      <Form.Item label="活动名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写活动名称' }]}>
        <Input maxLength={40} showCount placeholder="如：沉睡会员双十二唤醒" style={{ maxWidth: 480 }} />
      </Form.Item>
      <Form.Item label="活动目标" name="goal" rules={[{ required: true, message: '请选择活动目标' }]} extra="目标用于归类和对比活动效果。">
        <GoalCards />
      </Form.Item>
    </StepBody>,

    // 人群
    <StepBody
      key="segment"
      aside={
        <CountCard
          title="人群人数"
          state={counting.state}
          last={counting.last}
          retry={counting.retry}
          idleText="选择人群后，这里显示人群的人数"
        />
      }
    >
      <Form.Item
        label="目标人群"
        required
        extra={
          <span>
            活动发送时按人群条件冻结名单，之后新符合条件的会员不会收到。没有合适的人群？
            <Link to="/segments/new" target="_blank" data-testid="new-segment-link">
              去新建人群
            </Link>
          </span>
        }
      >
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="segmentId" noStyle rules={[{ required: true, message: '请选择人群' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={segments.isPending}
              placeholder="搜索并选择已保存的人群"
              options={segmentOptions}
              notFoundContent={segments.isPending ? <Spin size="small" /> : '没有找到人群'}
              optionRender={(o) => {
                const s = (o.data as { segment?: Segment }).segment
                return (
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }}>
                    <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{o.label}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
                      {s?.lastCount ? `上次 ${count(s.lastCount.size)} 人` : '未统计'}
                    </Typography.Text>
                  </div>
                )
              }}
              data-testid="campaign-segment"
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Button icon={<ReloadOutlined />} onClick={() => void segments.refetch()} aria-label="刷新人群列表" title="刷新人群列表" />
        </Space.Compact>
      </Form.Item>
      {segment && (
        <div style={{ marginTop: -8 }} data-testid="segment-info">
          {segment.description && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
              {segment.description}
            </Typography.Paragraph>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {segment.lastCount
              ? `上次统计：${count(segment.lastCount.size)} 人（占 ${percent(segment.lastCount.members > 0 ? segment.lastCount.size / segment.lastCount.members : 0)}）· ${dateTime(segment.lastCount.at)}`
              : '这个人群还没有统计过人数'}
          </Typography.Text>
        </div>
      )}
    </StepBody>,

    // 权益/消息
    <StepBody
      key="message"
      aside={
        <Card size="small" title="会员收到的内容">
          <MessagePreview
            title={values.title ?? ''}
            body={values.body ?? ''}
            wechat={Boolean(values.wechat)}
            template={template}
            when={when}
            sendTime={sendAt ? wechatTime(sendAt.toDate()) : ''}
          />
        </Card>
      }
    >
      <Form.Item label="优惠券" name="templateId" extra="券直接放入会员的券包；每人一张，受券模板的库存和每人限领数量约束。">
        <TemplateSelect
          templates={templates}
          lead={{ value: NO_COUPON, label: '不发券（只发消息）' }}
          keep={campaign?.offer ? [campaign.offer.templateId] : []}
          data-testid="campaign-coupon"
        />
      </Form.Item>
      <Form.Item
        label="消息标题"
        name="title"
        rules={[{ required: true, whitespace: true, message: '请填写消息标题' }]}
        extra="站内信的标题，也是微信订阅消息的「标题」字段（微信限 20 个字）。"
      >
        <Input maxLength={20} showCount placeholder="如：好久不见，送你一张券" />
      </Form.Item>
      <Form.Item label="消息内容" name="body" rules={[{ required: true, whitespace: true, message: '请填写消息内容' }]}>
        <Input.TextArea maxLength={200} showCount rows={4} placeholder="如：满100减20券已放入券包，14 天内到店使用。" />
      </Form.Item>
      <Form.Item
        label="同时发送微信订阅消息"
        name="wechat"
        valuePropName="checked"
        extra="只发给授权过订阅消息的会员（每次授权可发一条）；其他会员只收到站内信。"
      >
        <Switch data-testid="campaign-wechat" />
      </Form.Item>
    </StepBody>,

    // 时间与预算
    <StepBody
      key="schedule"
      aside={
        <Hint title={program.data ? '营销规则（积分与等级 · 营销消息）' : '营销规则（默认值）'} testId="campaign-rules">
          <ul style={{ paddingLeft: 18, margin: '4px 0 0' }}>
            <li>
              免打扰时段 {quietFrom}–{quietTo}：此时段内的消息会等到 {quietTo} 再发出，不会丢弃。
            </li>
            <li>频次上限：每位会员任意 7 天内最多收到 {marketing.maxMessagesPer7Days} 条营销消息，已达上限的会员本次不发送。</li>
            <li>未同意接收营销信息的会员不会收到。</li>
          </ul>
        </Hint>
      }
    >
      <Form.Item label="发送时间" name="when">
        <Radio.Group
          optionType="button"
          options={[
            { value: 'now', label: '立即发送' },
            { value: 'at', label: '定时发送' },
            { value: 'recurring', label: '周期发送' },
          ]}
          data-testid="campaign-when"
        />
      </Form.Item>
      {values.when === 'recurring' && (
        <>
          <Form.Item label="重复" required>
            <Space wrap>
              <Form.Item name="every" noStyle>
                <Radio.Group
                  optionType="button"
                  options={(['day', 'week', 'month'] as const).map((e) => ({ value: e, label: EVERY_LABELS[e] }))}
                  data-testid="campaign-every"
                />
              </Form.Item>
              {values.every === 'week' && (
                <Form.Item name="weekday" noStyle rules={[{ required: true, message: '请选择星期几' }]}>
                  <Select
                    options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: `星期${WEEKDAY_NAMES[d]}` }))}
                    style={{ width: 110 }}
                    aria-label="星期几"
                    data-testid="campaign-weekday"
                  />
                </Form.Item>
              )}
              {values.every === 'month' && (
                <Form.Item name="dayOfMonth" noStyle rules={[{ required: true, message: '请选择每月几号' }]}>
                  <Select
                    options={Array.from({ length: 28 }, (_, i) => ({ value: i + 1, label: `${i + 1} 日` }))}
                    style={{ width: 100 }}
                    aria-label="每月几号"
                    data-testid="campaign-day-of-month"
                  />
                </Form.Item>
              )}
              <Form.Item name="time" noStyle rules={[{ required: true, message: '请选择发送时间' }]}>
                <TimePicker format="HH:mm" needConfirm={false} placeholder="发送时间" aria-label="发送时间" style={{ width: 120 }} />
              </Form.Item>
            </Space>
          </Form.Item>
          {values.every === 'month' && (
            <Typography.Paragraph type="secondary" style={{ marginTop: -16, fontSize: 12 }}>
              只能选 1–28 日，保证每个月都有这一天。
            </Typography.Paragraph>
          )}
          <Form.Item
            label="结束日期"
            name="until"
            extra="不选则一直按周期发送，直到取消活动；结束日期当天仍会发送。"
            dependencies={['every', 'weekday', 'dayOfMonth', 'time']}
            rules={[
              {
                validator: () => {
                  const r = scheduleOf(form.getFieldsValue(true))
                  return r.type !== 'recurring' || !r.time || upcomingRuns(r, new Date(), 1, timeZone).length > 0
                    ? Promise.resolve()
                    : Promise.reject(new Error('结束日期早于第一次发送，请选择更晚的日期'))
                },
              },
            ]}
          >
            <DatePicker allowClear placeholder="不结束" disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: 240 }} />
          </Form.Item>
          {schedule.type === 'recurring' && schedule.time && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="recurring-preview"
              title={
                <span>
                  <b>{cadenceText(schedule)}</b>
                  {schedule.until ? `，至 ${dateText(schedule.until)}` : '，不结束'}
                  {upcomingText ? `；${upcomingText}` : ''}
                </span>
              }
              description={RUN_EXPLAINED}
            />
          )}
        </>
      )}
      {values.when === 'at' && (
        <Form.Item
          label="定时"
          name="at"
          rules={[
            { required: true, message: '请选择发送时间' },
            {
              validator: (_, v: dayjs.Dayjs | null) =>
                !v || v.isAfter(dayjs()) ? Promise.resolve() : Promise.reject(new Error('发送时间须晚于现在')),
            },
          ]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            placeholder="选择发送时间"
            style={{ width: 240 }}
          />
        </Form.Item>
      )}
      {quietNow && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="quiet-hours-warning"
          title={`${now ? '现在' : values.when === 'recurring' ? '发送时间' : '所选时间'}处于免打扰时段（${quietFrom}–${quietTo}），消息将在 ${quietTo} 开始发出。`}
        />
      )}
      {hasCoupon && (
        <Form.Item label="最多发券数量" extra="不填则只受券模板库存限制；达到数量后的会员只收到消息（记为「预算用尽」）。">
          <Space>
            <Form.Item name="maxCoupons" noStyle>
              <InputNumber min={1} max={10_000_000} precision={0} placeholder="不限" style={{ width: 160 }} aria-label="最多发券数量" />
            </Form.Item>
            <span>张</span>
          </Space>
        </Form.Item>
      )}
      <Form.Item label="归因窗口" required extra="发送后多少天内的消费计入活动效果（实验组和对照组按同一窗口比较）。">
        <Space>
          <span>发送后</span>
          <Form.Item name="attributionDays" noStyle rules={[{ required: true, message: '请填写归因天数' }]}>
            <InputNumber min={1} max={90} precision={0} style={{ width: 90 }} aria-label="归因天数" />
          </Form.Item>
          <span>天</span>
        </Space>
      </Form.Item>
    </StepBody>,

    // 对照组
    <StepBody
      key="holdout"
      aside={
        <Hint title="为什么要对照组">
          对照组会员不会收到任何内容，用来衡量活动带来的真实增量：报表比较两组在归因窗口内的消费，差额才是活动的功劳。会员按固定规则随机分组，结果可复现。
        </Hint>
      }
    >
      <Form.Item label="对照组占比" name="holdoutPct" rules={[{ required: true, message: '请填写对照组占比' }]}>
        <HoldoutInput />
      </Form.Item>
      <div data-testid="holdout-split">
        {size !== null ? (
          <Typography.Text>
            按人群 {count(size)} 人计：实验组约 <b>{count(Math.round(size * (1 - holdout / 100)))}</b> 人，对照组约{' '}
            <b>{count(Math.round((size * holdout) / 100))}</b> 人。
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">人群人数统计后显示两组的人数。</Typography.Text>
        )}
      </div>
      {holdout === 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title="不设对照组：人群中的会员都会收到，但报表无法计算增量效果。"
          data-testid="no-holdout-warning"
        />
      )}
    </StepBody>,

    // 确认
    <div key="confirm">
      <CampaignSummary
        testId="campaign-summary"
        onEdit={(i) => void goTo(i)}
        s={{
          name: values.name ?? '',
          goal: values.goal,
          segment: (
            <span>
              {segment?.name ?? campaign?.segmentName ?? segmentId ?? '—'}
              {size !== null && (
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                  {count(size)} 人
                </Typography.Text>
              )}
            </span>
          ),
          offer: hasCoupon ? (template ? `${template.name}（${template.summary}）` : (campaign?.offer?.name ?? templateId)) : null,
          maxCoupons: values.maxCoupons ?? null,
          title: values.title ?? '',
          body: values.body ?? '',
          wechat: Boolean(values.wechat),
          schedule,
          upcoming: upcomingText,
          attributionDays: values.attributionDays ?? 14,
          holdoutPct: holdout,
        }}
      />
      <Card
        size="small"
        title="预计触达"
        style={{ marginTop: 16 }}
        extra={
          draft && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              已保存为草稿 · 按当前的人群、同意营销和频次上限预估
            </Typography.Text>
          )
        }
      >
        {!upToDate || estimate.isPending ? (
          <div style={{ display: 'flex', alignItems: 'center', gap: 8, padding: 16 }}>
            <Spin size="small" />
            <Typography.Text type="secondary">正在预估…</Typography.Text>
          </div>
        ) : estimate.isError ? (
          <Alert
            type="error"
            showIcon
            title="预估失败"
            description={campaignErrorText(estimate.error)}
            action={
              <Button size="small" onClick={() => void estimate.refetch()}>
                重试
              </Button>
            }
          />
        ) : (
          <div style={{ display: 'flex', gap: 24, alignItems: 'center' }}>
            <div style={{ flex: '1 1 0', minWidth: 0 }}>
              <EstimateFigures estimate={estimate.data} />
            </div>
            <div style={{ flex: '0 0 460px' }}>
              <EstimateFunnel estimate={estimate.data} />
            </div>
          </div>
        )}
      </Card>
    </div>,
  ]

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {conflict && (
        <Alert
          type="error"
          showIcon
          data-testid="version-conflict"
          title="活动已被他人修改"
          description="你打开这个活动之后，已有人保存了新的设置。重新加载最新设置后再修改（本页未保存的修改会丢失）。"
          action={
            onReload && (
              <Button type="primary" danger onClick={() => void onReload()}>
                重新加载
              </Button>
            )
          }
        />
      )}
      <Card
        title={
          <Space size={12}>
            <Button
              type="text"
              size="small"
              icon={<ArrowLeftOutlined />}
              onClick={() => (draft ? open(draft) : navigate('/campaigns'))}
              aria-label={draft ? '返回活动' : '返回活动列表'}
            />
            <span>{campaign ? `编辑活动：${campaign.name}` : '新建营销活动'}</span>
            {draft && (
              <Tag color={upToDate ? 'default' : 'orange'} data-testid="draft-state">
                {upToDate ? '草稿已保存' : '有未保存的修改'}
              </Tag>
            )}
          </Space>
        }
      >
        <Steps
          current={step}
          onChange={(i) => void goTo(i)}
          items={STEPS.map((s) => ({ title: s.title }))}
          style={{ marginBottom: 28 }}
          data-testid="campaign-steps"
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="campaign-error" />}
        <Form<Values>
          form={form}
          name="campaign"
          layout="vertical"
          initialValues={campaign ? valuesOf(campaign) : INITIAL}
          onValuesChange={recheck}
          onFinish={() => undefined}
        >
          {steps.map((s, i) => (
            // Every step stays mounted (hidden), so its fields keep their values and rules.
            // biome-ignore lint/suspicious/noArrayIndexKey: the steps are fixed and in order
            <div key={i} style={{ display: i === step ? 'block' : 'none' }} data-testid={`campaign-step-${i}`}>
              {s}
            </div>
          ))}
        </Form>
        <div
          style={{
            display: 'flex',
            justifyContent: 'space-between',
            borderTop: '1px solid #f0f0f0',
            paddingTop: 16,
            marginTop: 8,
          }}
        >
          <Button disabled={step === 0} onClick={() => void goTo(step - 1)}>
            上一步
          </Button>
          {step < CONFIRM_STEP ? (
            <Button type="primary" loading={busy === 'next'} onClick={() => void goTo(step + 1)} data-testid="campaign-next">
              {step === CONFIRM_STEP - 1 ? '下一步：确认' : '下一步'}
            </Button>
          ) : (
            <Space>
              <Button
                loading={busy === 'draft'}
                disabled={busy !== null && busy !== 'draft'}
                onClick={() => void saveDraft()}
                data-testid="campaign-save-draft"
              >
                保存草稿
              </Button>
              <Button
                type="primary"
                loading={busy === 'launch'}
                disabled={conflict || (busy !== null && busy !== 'launch')}
                onClick={() => void launch()}
                data-testid="campaign-launch"
              >
                {now ? '确认发送' : '确认排期'}
              </Button>
            </Space>
          )}
        </div>
      </Card>
    </Space>
  )
}
