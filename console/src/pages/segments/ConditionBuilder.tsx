/**
 * The condition builder: a group (全部满足 / 满足任一) of rows, each a condition — its field
 * picked in Chinese, then the field's own inputs — or a nested group (at most 3 deep).
 * The tree lives in the page's state (`DraftGroup`); errors arrive by row (`errorsByRow`).
 */
import DeleteOutlined from '@ant-design/icons/DeleteOutlined'
import PlusOutlined from '@ant-design/icons/PlusOutlined'
import type { SegmentField } from '@huiyuan/shared/segments/schemas'
import Button from 'antd/es/button'
import InputNumber from 'antd/es/input-number'
import Radio from 'antd/es/radio'
import Segmented from 'antd/es/segmented'
import Select from 'antd/es/select'
import Tooltip from 'antd/es/tooltip'
import Typography from 'antd/es/typography'
import type { CSSProperties, ReactNode } from 'react'
import {
  type CondValues,
  countConditions,
  type DraftCondition,
  type DraftGroup,
  type DraftNode,
  FIELD_SPECS,
  FIELDS,
  MAX_CONDITIONS,
  MAX_DEPTH,
  MAX_PER_GROUP,
  newCondition,
  newGroup,
  rowKey,
  updateAt,
} from './conditions'
import {
  AGE_BAND_LABELS,
  GENDER_LABELS,
  PYRAMID_GROUP_LABELS,
  PYRAMID_GROUPS,
  RFM_DIMENSIONS,
  RFM_GROUP_LABELS,
  RFM_GROUPS,
} from './labels'

export interface Option {
  value: string
  label: string
}

export interface BuilderProps {
  root: DraftGroup
  onChange: (update: (root: DraftGroup) => DraftGroup) => void
  /** Messages by row (`rowKey`), shown under the row. */
  errors: Map<string, string[]>
  tiers: Option[]
  stores: Option[]
  disabled?: boolean
}

const SECTIONS = [...new Set(FIELDS.map((f) => f.section))]
const FIELD_OPTIONS = SECTIONS.map((s) => ({
  label: s,
  title: s,
  options: FIELDS.filter((f) => f.section === s).map((f) => ({ value: f.field, label: f.label })),
}))

const fixedOptions = (field: SegmentField): Option[] | null => {
  switch (field) {
    case 'rfmGroup':
      return RFM_GROUPS.map((g) => ({ value: g, label: RFM_GROUP_LABELS[g] }))
    case 'pyramidGroup':
      return PYRAMID_GROUPS.map((g) => ({ value: g, label: PYRAMID_GROUP_LABELS[g] }))
    case 'ageBand':
      return Object.entries(AGE_BAND_LABELS).map(([value, label]) => ({ value, label }))
    case 'gender':
      return Object.entries(GENDER_LABELS).map(([value, label]) => ({ value, label }))
    default:
      return null
  }
}

const Text = ({ children }: { children: ReactNode }) => (
  <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
    {children}
  </Typography.Text>
)

const ROW: CSSProperties = { display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap', flex: 1, minWidth: 0 }

/** The inputs of one condition, after its field. */
function ConditionInputs({
  cond,
  set,
  tiers,
  stores,
  invalid,
  disabled,
}: {
  cond: DraftCondition
  set: (patch: CondValues) => void
  tiers: Option[]
  stores: Option[]
  invalid: boolean
  disabled?: boolean
}) {
  if (!cond.field) return <Text>请先选择条件</Text>
  const spec = FIELD_SPECS[cond.field]
  const v = cond.v
  const status = invalid ? ('error' as const) : undefined
  const num = (key: 'min' | 'max' | 'days' | 'minPoints', props: Parameters<typeof InputNumber>[0]) => (
    <InputNumber
      value={v[key] ?? null}
      onChange={(n) => set({ [key]: typeof n === 'number' ? n : null })}
      status={status}
      disabled={disabled}
      {...props}
    />
  )

  switch (spec.input) {
    case 'multi': {
      const options =
        fixedOptions(cond.field) ??
        (cond.field === 'tier' ? tiers : cond.field === 'joinStore' || cond.field === 'favouriteStore' ? stores : [])
      return (
        <div style={ROW}>
          <Text>属于</Text>
          <Select
            mode="multiple"
            value={v.in ?? []}
            onChange={(vals: string[]) => set({ in: vals })}
            options={options}
            placeholder="请选择（可多选）"
            style={{ minWidth: 200, flex: 1, maxWidth: 420 }}
            maxTagCount="responsive"
            showSearch={{ optionFilterProp: 'label' }}
            status={status}
            disabled={disabled}
            aria-label={spec.label}
          />
        </div>
      )
    }
    case 'tags':
      return (
        <div style={ROW}>
          <Text>{cond.field === 'category' ? '近12个月买过' : '带有任一'}</Text>
          <Select
            mode="tags"
            value={v.in ?? []}
            onChange={(vals: string[]) => set({ in: vals.map((s) => s.trim()).filter(Boolean) })}
            tokenSeparators={[',', '，', ' ']}
            placeholder={cond.field === 'category' ? '输入品类后回车（任一）' : '输入标签后回车'}
            notFoundContent={null}
            open={false}
            suffixIcon={null}
            style={{ minWidth: 200, flex: 1, maxWidth: 420 }}
            status={status}
            disabled={disabled}
            aria-label={spec.label}
          />
        </div>
      )
    case 'score':
      return (
        <div style={ROW}>
          <Select
            value={v.dimension}
            onChange={(d: 'r' | 'f' | 'm') => set({ dimension: d })}
            options={Object.entries(RFM_DIMENSIONS).map(([value, label]) => ({ value, label }))}
            style={{ width: 124 }}
            disabled={disabled}
            aria-label="评分维度"
          />
          <Tooltip title="按五分位打分：5 分为最近、最频繁或金额最高的 20% 会员">
            <Text>评分</Text>
          </Tooltip>
          {num('min', { min: 1, max: 5, precision: 0, style: { width: 64 }, 'aria-label': '最低分' })}
          <Text>至</Text>
          {num('max', { min: 1, max: 5, precision: 0, style: { width: 64 }, 'aria-label': '最高分' })}
          <Text>分</Text>
        </div>
      )
    case 'days':
      return (
        <div style={ROW}>
          <Text>{cond.field === 'sleeping' ? '已连续' : '最近'}</Text>
          {num('days', { min: 1, max: 3650, precision: 0, style: { width: 100 }, suffix: '天', 'aria-label': '天数' })}
          <Text>{spec.daysText?.replace(/^天/, '')}</Text>
        </div>
      )
    case 'birthday':
      return (
        <div style={ROW}>
          <Radio.Group
            optionType="button"
            value={v.thisMonth ? 'month' : 'days'}
            onChange={(e) => set({ thisMonth: e.target.value === 'month' })}
            options={[
              { value: 'month', label: '本月生日' },
              { value: 'days', label: '未来 N 天内' },
            ]}
            disabled={disabled}
          />
          {!v.thisMonth && (
            <>
              {num('days', { min: 0, max: 366, precision: 0, style: { width: 96 }, suffix: '天', 'aria-label': '天数' })}
              <Tooltip title="含今天">
                <Text>内过生日</Text>
              </Tooltip>
            </>
          )}
        </div>
      )
    case 'pointsExpiring':
      return (
        <div style={ROW}>
          {num('days', { min: 1, max: 366, precision: 0, style: { width: 96 }, suffix: '天', 'aria-label': '天数' })}
          <Text>内过期的积分 ≥</Text>
          {num('minPoints', { min: 1, precision: 0, style: { width: 110 }, suffix: '分', 'aria-label': '积分数' })}
        </div>
      )
    case 'yesNo':
      return (
        <div style={ROW}>
          <Radio.Group
            optionType="button"
            value={v.yes ?? true}
            onChange={(e) => set({ yes: e.target.value as boolean })}
            options={[
              { value: true, label: '是' },
              { value: false, label: '否' },
            ]}
            disabled={disabled}
            aria-label={spec.label}
          />
        </div>
      )
    case 'moneyRange':
      return (
        <div style={ROW}>
          {num('min', {
            min: 0,
            max: 100_000_000,
            precision: 2,
            prefix: '¥',
            placeholder: '不限',
            style: { width: 150 },
            'aria-label': '最低金额',
          })}
          <Text>至</Text>
          {num('max', {
            min: 0,
            max: 100_000_000,
            precision: 2,
            prefix: '¥',
            placeholder: '不限',
            style: { width: 150 },
            'aria-label': '最高金额',
          })}
        </div>
      )
    case 'countRange':
      return (
        <div style={ROW}>
          {num('min', { min: 0, precision: 0, placeholder: '不限', suffix: spec.unit, style: { width: 130 }, 'aria-label': '最低值' })}
          <Text>至</Text>
          {num('max', { min: 0, precision: 0, placeholder: '不限', suffix: spec.unit, style: { width: 130 }, 'aria-label': '最高值' })}
        </div>
      )
  }
}

const Errors = ({ messages }: { messages: string[] | undefined }) =>
  messages && messages.length > 0 ? (
    <div className="hy-segment-error" data-testid="condition-error" style={{ color: '#ff4d4f', fontSize: 12, marginTop: 4 }}>
      {messages.join('；')}
    </div>
  ) : null

function GroupEditor(props: BuilderProps & { group: DraftGroup; path: number[]; depth: number }) {
  const { group, path, depth, onChange, errors, disabled } = props
  const total = countConditions(props.root)
  const full = group.items.length >= MAX_PER_GROUP || total >= MAX_CONDITIONS
  const update = (at: number[], fn: (n: DraftNode) => DraftNode | null) => onChange((r) => updateAt(r, at, fn))
  const nested = path.length > 0
  const accent = group.op === 'and' ? '#c8102e' : '#fa8c16'

  return (
    <div
      data-testid={nested ? 'condition-group' : 'segment-conditions'}
      style={{
        border: '1px solid #f0f0f0',
        borderLeft: `3px solid ${accent}`,
        borderRadius: 6,
        padding: '12px 12px 12px 14px',
        background: depth % 2 === 0 ? '#fafafa' : '#fff',
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 12 }}>
        <Segmented<'and' | 'or'>
          size="small"
          value={group.op}
          onChange={(op) => update(path, (g) => ({ ...(g as DraftGroup), op }))}
          options={[
            { value: 'and', label: '全部满足' },
            { value: 'or', label: '满足任一' },
          ]}
          disabled={disabled}
          data-testid="group-op"
        />
        <Text>以下条件</Text>
        {nested && (
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            onClick={() => update(path, () => null)}
            disabled={disabled}
            style={{ marginLeft: 'auto' }}
          >
            删除条件组
          </Button>
        )}
      </div>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
        {group.items.length === 0 && (
          <Typography.Text type="secondary" style={{ padding: '4px 0' }}>
            还没有条件，点击「添加条件」开始
          </Typography.Text>
        )}
        {group.items.map((node, i) => {
          const at = [...path, i]
          const connector = (
            <div style={{ width: 24, flex: 'none', paddingTop: 5, textAlign: 'center', color: accent, fontSize: 12, fontWeight: 600 }}>
              {i === 0 ? '' : group.op === 'and' ? '且' : '或'}
            </div>
          )
          if (node.type === 'group')
            return (
              <div key={node.key} style={{ display: 'flex', gap: 8 }}>
                {connector}
                <div style={{ flex: 1, minWidth: 0 }}>
                  <GroupEditor {...props} group={node} path={at} depth={depth + 1} />
                  <Errors messages={errors.get(rowKey(at))} />
                </div>
              </div>
            )
          const rowErrors = errors.get(rowKey(at))
          return (
            <div key={node.key} data-testid="condition-row" style={{ display: 'flex', gap: 8 }}>
              {connector}
              <div style={{ flex: 1, minWidth: 0 }}>
                <div style={{ display: 'flex', alignItems: 'flex-start', gap: 8 }}>
                  <Select<SegmentField>
                    value={node.field ?? undefined}
                    placeholder="选择条件"
                    onChange={(field) => update(at, (n) => ({ ...newCondition(field), key: n.key }))}
                    options={FIELD_OPTIONS}
                    showSearch={{ optionFilterProp: 'label' }}
                    labelRender={(p) => (p.value ? (FIELD_SPECS[p.value as SegmentField]?.short ?? p.label) : p.label)}
                    style={{ width: 168, flex: 'none' }}
                    status={rowErrors && !node.field ? 'error' : undefined}
                    disabled={disabled}
                    aria-label="条件"
                    data-testid="condition-field"
                    popupMatchSelectWidth={232}
                    listHeight={360}
                  />
                  <ConditionInputs
                    cond={node}
                    set={(patch) => update(at, (n) => ({ ...(n as DraftCondition), v: { ...(n as DraftCondition).v, ...patch } }))}
                    tiers={props.tiers}
                    stores={props.stores}
                    invalid={Boolean(rowErrors && node.field)}
                    disabled={disabled}
                  />
                  <Tooltip title="删除条件">
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      onClick={() => update(at, () => null)}
                      disabled={disabled}
                      aria-label="删除条件"
                      style={{ flex: 'none' }}
                    />
                  </Tooltip>
                </div>
                <Errors messages={rowErrors} />
              </div>
            </div>
          )
        })}
      </div>
      <div style={{ display: 'flex', gap: 8, marginTop: 12, marginLeft: 32 }}>
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() => update(path, (g) => ({ ...(g as DraftGroup), items: [...(g as DraftGroup).items, newCondition()] }))}
          disabled={disabled || full}
        >
          添加条件
        </Button>
        {depth < MAX_DEPTH && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() =>
              update(path, (g) => ({
                ...(g as DraftGroup),
                items: [...(g as DraftGroup).items, newGroup(group.op === 'and' ? 'or' : 'and')],
              }))
            }
            disabled={disabled || full}
          >
            添加条件组
          </Button>
        )}
        {full && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            每组最多 {MAX_PER_GROUP} 个条件，全部最多 {MAX_CONDITIONS} 个
          </Typography.Text>
        )}
      </div>
    </div>
  )
}

export default function ConditionBuilder(props: BuilderProps) {
  return (
    <div>
      <GroupEditor {...props} group={props.root} path={[]} depth={1} />
      <Errors messages={props.errors.get(rowKey([]))} />
    </div>
  )
}
