/**
 * 人群编辑器 (/segments/new, /segments/:segmentId): name, description and the conditions;
 * while editing, the live count of the conditions as they are (~800 ms after they hold
 * together), its progress when it runs as a job, and a masked sample. Saving a new segment
 * opens it at its own address; saving a change sends the version read, so a save over
 * someone else's is refused (人群已被他人修改). 预估人数 counts the saved segment and records
 * the count for the list.
 */
import ArrowLeftOutlined from '@ant-design/icons/ArrowLeftOutlined'
import type { Segment } from '@huiyuan/shared/segments/schemas'
import { useQueryClient } from '@tanstack/react-query'
import Alert from 'antd/es/alert'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import Card from 'antd/es/card'
import Form from 'antd/es/form'
import Input from 'antd/es/input'
import Popconfirm from 'antd/es/popconfirm'
import Space from 'antd/es/space'
import Tag from 'antd/es/tag'
import Tooltip from 'antd/es/tooltip'
import Typography from 'antd/es/typography'
import { useEffect, useMemo, useState } from 'react'
import { useLocation, useNavigate, useParams } from 'react-router'
import { ApiError, api, errorText, isApiError } from '../../api/client'
import { QueryState } from '../../components/states'
import { forForm } from '../../lib/fieldMessages'
import { count, dateTime, percent } from '../../lib/format'
import { applyFieldErrors } from '../../lib/forms'
import { PENDING_TIER_NAME } from '../members/labels'
import { useTiers } from '../program/queries'
import { useAllStores, useStoreName } from '../stores/useStores'
import ConditionBuilder from './ConditionBuilder'
import { CountCard, SampleCard } from './CountPanel'
import { checkDraft, type DraftGroup, errorsByRow, fromWire, type Issue, issueOfField, newGroup, toWire, wireKey } from './conditions'
import { type CountSource, SEGMENT_LIST_KEY, segmentKey, useCount, useSegment } from './queries'

interface Values {
  name: string
  description: string
}

/** A value that settles `ms` after it last changed (typing does not start a count per key). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(t)
  }, [value, ms])
  return settled
}

export default function SegmentPage() {
  const { segmentId } = useParams()
  return segmentId ? <SavedSegment segmentId={segmentId} /> : <SegmentEditor key="new" segment={null} />
}

function SavedSegment({ segmentId }: { segmentId: string }) {
  const query = useSegment(segmentId)
  // A reload after a conflict starts the editor again from the newest version: the one the
  // refetch read (the query's own data reaches this component only after its promise resolved).
  const [generation, setGeneration] = useState(0)
  const [fresh, setFresh] = useState<Segment>()
  const reload = async () => {
    setFresh((await query.refetch()).data)
    setGeneration((g) => g + 1)
  }
  return (
    <QueryState query={query} rows={10}>
      {(s) => (
        <SegmentEditor key={`${segmentId}:${generation}`} segment={fresh && fresh.version > s.version ? fresh : s} onReload={reload} />
      )}
    </QueryState>
  )
}

function SegmentEditor({ segment, onReload }: { segment: Segment | null; onReload?: () => Promise<void> }) {
  const navigate = useNavigate()
  const location = useLocation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  /** The version the draft started from (or this page saved last): an update sends its version. */
  const [base, setBase] = useState<Segment | null>(segment)
  const [root, setRoot] = useState<DraftGroup>(() => (segment ? fromWire(segment.definition) : newGroup('and')))
  const [checked, setChecked] = useState(false)
  const [serverIssues, setServerIssues] = useState<Issue[]>([])
  const [error, setError] = useState<string>()
  const [conflict, setConflict] = useState(false)
  const [saving, setSaving] = useState(false)
  const [deleting, setDeleting] = useState(false)
  /** 预估人数 of the saved segment (also right after a save). */
  const [segmentRun, setSegmentRun] = useState<number | null>(() =>
    (location.state as { countNow?: boolean } | null)?.countNow ? Date.now() : null,
  )
  const tiers = useTiers()
  const stores = useAllStores().data ?? []
  const storeName = useStoreName()
  const values = Form.useWatch((v: Values) => v, form)

  // The count asked for by the save that opened this page runs once, not again on a reload.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on opening
  useEffect(() => {
    if ((location.state as { countNow?: boolean } | null)?.countNow) navigate(location.pathname, { replace: true, state: null })
  }, [])

  const check = useMemo(() => checkDraft(root), [root])
  const draftKey = check.definition ? JSON.stringify(check.definition) : null
  const settledKey = useSettled(draftKey, 800)
  const definitionChanged = !base || JSON.stringify(toWire(root)) !== wireKey(base.definition)
  const dirty =
    definitionChanged ||
    (values !== undefined && ((values.name ?? '').trim() !== base.name || (values.description ?? '').trim() !== (base.description ?? '')))

  const onCounted = () => {
    if (!base) return
    void queryClient.invalidateQueries({ queryKey: SEGMENT_LIST_KEY })
    void queryClient.invalidateQueries({ queryKey: segmentKey(base.segmentId) })
  }
  const segmentSource: CountSource | null =
    base && segmentRun !== null && !definitionChanged
      ? {
          key: ['segment', base.segmentId, segmentRun],
          start: () => api.call('previewSegment', { params: { segmentId: base.segmentId } }),
        }
      : null
  const liveSource: CountSource | null =
    settledKey && settledKey === draftKey
      ? { key: ['definition', settledKey], start: () => api.call('previewDefinition', { body: { definition: JSON.parse(settledKey) } }) }
      : null
  const source = segmentSource ?? liveSource
  const counting = useCount(source, segmentSource ? onCounted : undefined)
  // While the conditions settle, the last count shows dimmed under 正在计算.
  const state = !source && draftKey ? ({ status: 'starting' } as const) : counting.state
  const sample = counting.state.status === 'done' ? counting.state.count.sample : (counting.last?.sample ?? null)

  const errors = useMemo(
    () => errorsByRow(root, [...(checked ? check.issues : []), ...serverIssues]),
    [root, checked, check.issues, serverIssues],
  )

  const change = (update: (r: DraftGroup) => DraftGroup) => {
    setRoot(update)
    setServerIssues([])
  }

  const save = async () => {
    setChecked(true)
    setError(undefined)
    setServerIssues([])
    const v = await form.validateFields().catch(() => null)
    if (!v || !check.definition) return
    const body = { name: v.name.trim(), description: (v.description ?? '').trim(), definition: check.definition }
    setSaving(true)
    try {
      if (!base) {
        const saved = await api.call('createSegment', { body })
        queryClient.setQueryData(segmentKey(saved.segmentId), saved)
        void queryClient.invalidateQueries({ queryKey: SEGMENT_LIST_KEY })
        message.success(`已创建人群「${saved.name}」`)
        navigate(`/segments/${encodeURIComponent(saved.segmentId)}`, { replace: true, state: { countNow: true } })
      } else {
        const saved = await api.call('updateSegment', {
          params: { segmentId: base.segmentId },
          body: { ...body, version: base.version },
        })
        queryClient.setQueryData(segmentKey(saved.segmentId), saved)
        void queryClient.invalidateQueries({ queryKey: SEGMENT_LIST_KEY })
        setBase(saved)
        setSegmentRun(Date.now())
        message.success(`已保存人群「${saved.name}」`)
      }
    } catch (e) {
      if (isApiError(e) && e.code === 'VERSION_CONFLICT') setConflict(true)
      else if (isApiError(e) && e.code === 'VALIDATION_FAILED' && e.fields?.length) {
        const inDefinition = e.fields.filter((f) => f.field === 'definition' || f.field.startsWith('definition.'))
        const others = e.fields.filter((f) => !inDefinition.includes(f))
        setServerIssues(inDefinition.map((f) => issueOfField(f.field, f.message, f.code)))
        const rest =
          others.length > 0 ? applyFieldErrors(form, forForm(new ApiError(e.code, e.status, e.message, others, e.details))) : undefined
        setError(rest ?? (inDefinition.length > 0 ? '条件有误，请按提示修改' : undefined))
      } else setError(errorText(e))
    } finally {
      setSaving(false)
    }
  }

  const remove = async () => {
    if (!base) return
    setDeleting(true)
    try {
      await api.call('deleteSegment', { params: { segmentId: base.segmentId } })
      queryClient.removeQueries({ queryKey: segmentKey(base.segmentId) })
      void queryClient.invalidateQueries({ queryKey: SEGMENT_LIST_KEY })
      message.success(`已删除人群「${base.name}」`)
      navigate('/segments')
    } catch (e) {
      message.error(errorText(e))
    } finally {
      setDeleting(false)
    }
  }

  const last = segment?.lastCount ?? null
  const tierOptions = tiers.map((t) => ({ value: t.code, label: t.name }))
  const storeOptions = stores.map((s) => ({ value: s.storeId, label: `${s.name}（${s.storeId}）${s.active ? '' : '·已关闭'}` }))

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {conflict && (
        <Alert
          type="error"
          showIcon
          data-testid="version-conflict"
          title="人群已被他人修改"
          description="你打开这个人群之后，已有人保存了新的内容。重新加载最新内容后再修改（本页未保存的修改会丢失）。"
          action={
            <Button type="primary" danger onClick={() => void onReload?.()}>
              重新加载
            </Button>
          }
        />
      )}
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
        <Card
          style={{ flex: 1, minWidth: 0 }}
          title={
            <Space size={12}>
              <Button
                type="text"
                size="small"
                icon={<ArrowLeftOutlined />}
                onClick={() => navigate('/segments')}
                aria-label="返回人群列表"
              />
              <span>{base ? `编辑人群：${base.name}` : '新建人群'}</span>
              {base && dirty && <Tag color="orange">未保存</Tag>}
            </Space>
          }
          extra={
            <Space>
              {base && (
                <Popconfirm
                  title={`删除人群「${base.name}」？`}
                  description="删除后无法恢复。"
                  okText="删除"
                  okButtonProps={{ danger: true, loading: deleting }}
                  cancelText="取消"
                  onConfirm={() => remove()}
                >
                  <Button danger>删除</Button>
                </Popconfirm>
              )}
              <Button
                type="primary"
                loading={saving}
                disabled={conflict || (base !== null && !dirty)}
                onClick={() => void save()}
                data-testid="save-segment"
              >
                保存
              </Button>
            </Space>
          }
        >
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="segment-error" />}
          {checked && !check.definition && !error && (
            <Alert
              type="warning"
              showIcon
              title="条件还不完整，请按提示修改"
              style={{ marginBottom: 16 }}
              data-testid="segment-incomplete"
            />
          )}
          <Form<Values>
            form={form}
            name="segment"
            layout="vertical"
            initialValues={{ name: segment?.name ?? '', description: segment?.description ?? '' }}
            style={{ display: 'flex', gap: 16 }}
          >
            <Form.Item
              label="人群名称"
              name="name"
              rules={[{ required: true, whitespace: true, message: '请填写人群名称' }]}
              style={{ flex: '0 0 320px' }}
            >
              <Input maxLength={40} showCount placeholder="如：高消费银卡会员" />
            </Form.Item>
            <Form.Item label="说明" name="description" style={{ flex: 1 }}>
              <Input maxLength={200} placeholder="选填：这个人群用来做什么" />
            </Form.Item>
          </Form>
          <div style={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', marginBottom: 8 }}>
            <Typography.Text strong>筛选条件</Typography.Text>
            {last && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="last-count">
                上次统计：{count(last.size)} 人（占 {percent(last.members > 0 ? last.size / last.members : 0)}）· {dateTime(last.at)}
              </Typography.Text>
            )}
          </div>
          <ConditionBuilder root={root} onChange={change} errors={errors} tiers={tierOptions} stores={storeOptions} />
        </Card>
        <div style={{ width: 380, flex: 'none', position: 'sticky', top: 16 }}>
          <CountCard
            title={segmentSource ? '预估人数（已保存的条件）' : '预估人数'}
            state={state}
            last={counting.last}
            retry={counting.retry}
            idleText="条件填写完整后，这里显示符合条件的会员人数"
            extra={
              base ? (
                <Tooltip title={definitionChanged ? '条件有修改，请先保存' : '按已保存的条件统计，结果记入人群列表'}>
                  <Button size="small" disabled={definitionChanged} onClick={() => setSegmentRun(Date.now())} data-testid="count-segment">
                    预估人数
                  </Button>
                </Tooltip>
              ) : null
            }
          />
        </div>
      </div>
      <SampleCard
        sample={sample}
        tierName={(code) => (code === '' ? PENDING_TIER_NAME : (tiers.find((t) => t.code === code)?.name ?? code))}
        storeName={(id) => {
          const name = storeName(id)
          return name === id ? id : `${name}（${id}）`
        }}
      />
    </Space>
  )
}
