/**
 * 预览: what a purchase would earn under the rules as the form has them now (saved or
 * not), computed by the API with the till's own earning code.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import Alert from 'antd/es/alert'
import Card from 'antd/es/card'
import DatePicker from 'antd/es/date-picker'
import Descriptions from 'antd/es/descriptions'
import Form from 'antd/es/form'
import Input from 'antd/es/input'
import InputNumber from 'antd/es/input-number'
import Select from 'antd/es/select'
import Skeleton from 'antd/es/skeleton'
import Typography from 'antd/es/typography'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useState } from 'react'
import { api, type BodyOf, errorText } from '../../api/client'
import { count, yuan } from '../../lib/format'
import { fenOf, times } from '../../lib/money'

interface Inputs {
  amountYuan: number | null
  tierCode?: string
  storeId?: string
  date: Dayjs | null
  birthday: Dayjs | null
  category: string
}

/** A value that settles `ms` after it last changed (typing does not send a request per key). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(t)
  }, [value, ms])
  return settled
}

const chineseDay = (d: Dayjs) => `${d.month() + 1}月${d.date()}日`

export default function PreviewCard({
  draft,
  draftInvalid,
  stores,
}: {
  /** The rules as the form has them. */
  draft: ProgramRules
  /** The draft does not hold together yet (no preview until it does). */
  draftInvalid: boolean
  stores: { storeId: string; name: string }[]
}) {
  const tiers = draft.tiers
  const [inputs, setInputs] = useState<Inputs>({
    amountYuan: 128,
    tierCode: undefined,
    storeId: 'S001',
    date: dayjs(),
    birthday: null,
    category: '',
  })
  const tierCode = inputs.tierCode && tiers.some((t) => t.code === inputs.tierCode) ? inputs.tierCode : (tiers[1] ?? tiers[0])?.code
  const storeId = inputs.storeId && stores.some((s) => s.storeId === inputs.storeId) ? inputs.storeId : stores[0]?.storeId
  const amountFen = fenOf(inputs.amountYuan)

  const body: BodyOf<'previewEarning'> | null =
    !draftInvalid && tierCode && storeId && amountFen && amountFen > 0 && inputs.date
      ? {
          rules: draft,
          amountFen,
          tierCode,
          storeId,
          date: inputs.date.format('YYYY-MM-DD'),
          ...(inputs.birthday ? { birthday: inputs.birthday.format('YYYY-MM-DD') } : {}),
          ...(inputs.category.trim()
            ? { items: [{ sku: 'PREVIEW', name: '预览商品', category: inputs.category.trim(), unitPriceFen: amountFen, qty: 1 }] }
            : {}),
        }
      : null
  const settled = useSettled(body, 300)
  const key = JSON.stringify(settled)
  const preview = useQuery({
    queryKey: ['program', 'preview', key],
    queryFn: () => api.call('previewEarning', { body: settled! }),
    enabled: settled !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  })

  const set = (patch: Partial<Inputs>) => setInputs((i) => ({ ...i, ...patch }))
  const result = preview.data
  const store = stores.find((s) => s.storeId === result?.storeId)
  const memberDay = result?.points.multipliers.some((m) => m.kind === 'member_day')
  const fenPerPoint = draft.earning.fenPerPoint

  return (
    <Card
      title="预览"
      size="small"
      data-testid="earning-preview"
      extra={<Typography.Text type="secondary">按未保存的规则计算</Typography.Text>}
    >
      <Form layout="vertical" size="middle" component="div">
        <Form.Item label="消费金额" style={{ marginBottom: 12 }}>
          <InputNumber
            prefix="¥"
            min={0.01}
            precision={2}
            value={inputs.amountYuan}
            onChange={(v) => set({ amountYuan: v })}
            style={{ width: '100%' }}
            aria-label="预览消费金额"
            id="preview-amount"
          />
        </Form.Item>
        <div style={{ display: 'flex', gap: 8 }}>
          <Form.Item label="会员等级" style={{ flex: 1, marginBottom: 12 }}>
            <Select
              value={tierCode}
              onChange={(v) => set({ tierCode: v })}
              options={tiers.filter((t) => t.code).map((t) => ({ value: t.code, label: t.name || t.code }))}
              aria-label="预览会员等级"
              id="preview-tier"
            />
          </Form.Item>
          <Form.Item label="门店" style={{ flex: 1.4, marginBottom: 12 }}>
            <Select
              value={storeId}
              onChange={(v) => set({ storeId: v })}
              options={stores.map((s) => ({ value: s.storeId, label: `${s.storeId} ${s.name}` }))}
              aria-label="预览门店"
              id="preview-store"
            />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 8 }}>
          <Form.Item label="消费日期" style={{ flex: 1, marginBottom: 12 }}>
            <DatePicker
              value={inputs.date}
              onChange={(d) => set({ date: d })}
              allowClear={false}
              style={{ width: '100%' }}
              id="preview-date"
            />
          </Form.Item>
          <Form.Item label="会员生日（可选）" style={{ flex: 1, marginBottom: 12 }}>
            <DatePicker value={inputs.birthday} onChange={(d) => set({ birthday: d })} style={{ width: '100%' }} id="preview-birthday" />
          </Form.Item>
        </div>
        <Form.Item label="商品品类（可选）" style={{ marginBottom: 12 }}>
          <Input
            value={inputs.category}
            onChange={(e) => set({ category: e.target.value })}
            placeholder="如 服饰，用于品类活动"
            maxLength={60}
          />
        </Form.Item>
      </Form>

      {draftInvalid ? (
        <Alert type="warning" showIcon title="规则还有错误，修正后即可预览" />
      ) : !body ? (
        <Alert type="info" showIcon title="填写消费金额、等级、门店和日期" />
      ) : preview.isError ? (
        <Alert type="error" showIcon title={errorText(preview.error)} />
      ) : !result ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        <div data-testid="preview-result" style={{ opacity: preview.isFetching ? 0.6 : 1, transition: 'opacity .2s' }}>
          <Typography.Paragraph style={{ fontSize: 15, marginBottom: 12 }} data-testid="preview-sentence">
            一笔 {yuan(result.amountFen)} 的消费，{result.tier.name}会员，
            {memberDay ? `会员日（${chineseDay(dayjs(result.date))}）` : chineseDay(dayjs(result.date))}在 {store?.name ?? result.storeId} →{' '}
            <Typography.Text strong style={{ fontSize: 20, color: '#c8102e' }} data-testid="preview-points">
              积 {count(result.points.totalPoints)} 分
            </Typography.Text>
          </Typography.Paragraph>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              {
                key: 'base',
                label: '基础积分',
                children: `${count(result.points.basePoints)} 分${fenPerPoint ? `（${yuan(result.amountFen)} ÷ ${yuan(fenPerPoint)}）` : ''}`,
              },
              ...result.points.multipliers.map((m, i) => ({
                key: `m${i}`,
                label: m.name,
                children: `${times(m.multiplierBp)}${m.appliesToFen !== result.amountFen ? `（作用于 ${yuan(m.appliesToFen)}）` : ''}`,
              })),
              { key: 'total', label: '合计', children: <Typography.Text strong>{count(result.points.totalPoints)} 分</Typography.Text> },
            ]}
          />
        </div>
      )}
    </Card>
  )
}
