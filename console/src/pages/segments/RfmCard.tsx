/**
 * RFM 概览: members in each of the 8 RFM groups (and the prospects) with their average
 * 12-month spend, the 4-group pyramid, the thresholds in use and where they come from
 * (修改阈值; 恢复中位数 sends null), and how members moved between groups month to month.
 * The groups are refreshed nightly; an admin may refresh them now (a job: its progress shows
 * until it is done).
 */
import EditOutlined from '@ant-design/icons/EditOutlined'
import ReloadOutlined from '@ant-design/icons/ReloadOutlined'
import type { RfmGroup, RfmOverview } from '@huiyuan/shared/segments/schemas'
import { useQueryClient } from '@tanstack/react-query'
import Alert from 'antd/es/alert'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import Card from 'antd/es/card'
import Col from 'antd/es/col'
import Form from 'antd/es/form'
import InputNumber from 'antd/es/input-number'
import Modal from 'antd/es/modal'
import Progress from 'antd/es/progress'
import Row from 'antd/es/row'
import Space from 'antd/es/space'
import Table from 'antd/es/table'
import Tabs from 'antd/es/tabs'
import Tag from 'antd/es/tag'
import Tooltip from 'antd/es/tooltip'
import Typography from 'antd/es/typography'
import { FunnelChart } from 'echarts/charts'
import * as echarts from 'echarts/core'
import { useEffect, useMemo, useState } from 'react'
import { api, errorText, isApiError } from '../../api/client'
import { mayCall } from '../../app/access'
import { useMe } from '../../app/useMe'
import Chart from '../../components/Chart'
import { EmptyState, QueryState } from '../../components/states'
import { forForm } from '../../lib/fieldMessages'
import { count, dateTime, percent } from '../../lib/format'
import { applyFieldErrors } from '../../lib/forms'
import { fenOf, yuanOf } from '../../lib/money'
import {
  money,
  PYRAMID_COLORS,
  PYRAMID_GROUP_LABELS,
  PYRAMID_GROUPS,
  RFM_GROUP_COLORS,
  RFM_GROUP_LABELS,
  RFM_GROUPS,
  THRESHOLD_SOURCES,
} from './labels'
import { RFM_KEY, useJob, useRfm } from './queries'

// The pyramid is a funnel: registered here, so only this page loads it (components/Chart.tsx draws it).
echarts.use([FunnelChart])

const share = (n: number, of: number) => (of > 0 ? percent(n / of) : '—')

function GroupsChart({ rfm }: { rfm: RfmOverview }) {
  const option = useMemo(() => {
    const groups = RFM_GROUPS.map(
      (g) => rfm.groups.find((x) => x.group === g) ?? { group: g, members: 0, avgSpend12mFen: 0, avgPurchases12m: 0 },
    )
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: { dataIndex: number }[]) => {
          const g = groups[ps[0]?.dataIndex ?? 0]
          if (!g) return ''
          return [
            `<b>${RFM_GROUP_LABELS[g.group]}</b>`,
            `会员：${count(g.members)} 人（${share(g.members, rfm.members)}）`,
            `人均近12个月消费：${money(g.avgSpend12mFen)}`,
            `人均近12个月消费次数：${g.avgPurchases12m.toFixed(1)} 次`,
          ].join('<br/>')
        },
      },
      legend: {
        data: [{ name: '会员数', itemStyle: { color: '#cf1322' } }, { name: '人均近12个月消费（元）' }],
        top: 0,
      },
      grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: groups.map((g) => RFM_GROUP_LABELS[g.group]), axisLabel: { interval: 0, fontSize: 11 } },
      yAxis: [
        { type: 'value', name: '人', minInterval: 1 },
        { type: 'value', name: '元', splitLine: { show: false } },
      ],
      series: [
        {
          name: '会员数',
          type: 'bar',
          data: groups.map((g) => g.members),
          barMaxWidth: 32,
          itemStyle: { color: (p: { dataIndex: number }) => RFM_GROUP_COLORS[groups[p.dataIndex]?.group ?? 'prospect'] },
        },
        {
          name: '人均近12个月消费（元）',
          type: 'line',
          yAxisIndex: 1,
          // A group without members has no average: the line breaks there rather than dropping to 0.
          data: groups.map((g) => (g.members > 0 ? g.avgSpend12mFen / 100 : null)),
          connectNulls: false,
          itemStyle: { color: '#fa8c16' },
          symbolSize: 7,
        },
      ],
    }
  }, [rfm])
  return <Chart option={option} height={300} testId="chart-rfm-groups" />
}

function PyramidChart({ rfm }: { rfm: RfmOverview }) {
  const option = useMemo(() => {
    const layers = PYRAMID_GROUPS.map((g) => rfm.pyramid.find((x) => x.group === g) ?? { group: g, members: 0, avgSpend12mFen: 0 })
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { data: { name: string; members: number; avgSpend12mFen: number } }) =>
          `<b>${p.data.name}</b><br/>会员：${count(p.data.members)} 人（${share(p.data.members, rfm.members)}）<br/>人均近12个月消费：${money(p.data.avgSpend12mFen)}`,
      },
      series: [
        {
          name: '会员金字塔',
          type: 'funnel',
          // A pyramid of fixed layers, core at the apex: the layer's place sets its width (laid out
          // bottom up, the top layer narrowing to a point); the figures are in the labels.
          sort: 'ascending',
          min: 0,
          left: 8,
          top: 8,
          bottom: 8,
          width: '46%',
          minSize: '0%',
          maxSize: '100%',
          gap: 3,
          label: {
            position: 'right',
            formatter: (p: { data: { name: string; members: number } }) =>
              `{name|${p.data.name}}\n{value|${count(p.data.members)} 人 · ${share(p.data.members, rfm.members)}}`,
            rich: { name: { fontSize: 12, color: '#333', lineHeight: 18 }, value: { fontSize: 12, color: '#888', lineHeight: 16 } },
          },
          labelLine: { length: 12, lineStyle: { color: '#d9d9d9' } },
          data: layers.map((g, i) => ({
            name: PYRAMID_GROUP_LABELS[g.group],
            value: i + 1,
            members: g.members,
            avgSpend12mFen: g.avgSpend12mFen,
            itemStyle: { color: PYRAMID_COLORS[g.group] },
          })),
        },
      ],
    }
  }, [rfm])
  return <Chart option={option} height={300} testId="chart-rfm-pyramid" />
}

/** Members last month (rows) against this month (columns); the cells shaded by their share of the row. */
function MovementTable({ movement }: { movement: NonNullable<RfmOverview['movement']> }) {
  const cell = (from: RfmGroup, to: RfmGroup) => movement.moves.find((m) => m.from === from && m.to === to)?.members ?? 0
  const rowTotal = (from: RfmGroup) => movement.moves.filter((m) => m.from === from).reduce((n, m) => n + m.members, 0)
  const rows = RFM_GROUPS.map((from) => ({ from, total: rowTotal(from) }))
  return (
    <Table
      size="small"
      rowKey="from"
      data-testid="rfm-movement"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      bordered
      columns={[
        {
          title: `${movement.from} ＼ ${movement.to}`,
          dataIndex: 'from',
          fixed: 'left',
          render: (g: RfmGroup) => <Typography.Text strong>{RFM_GROUP_LABELS[g]}</Typography.Text>,
        },
        ...RFM_GROUPS.map((to) => ({
          title: RFM_GROUP_LABELS[to],
          key: to,
          align: 'right' as const,
          onCell: (r: { from: RfmGroup; total: number }) => {
            const n = cell(r.from, to)
            const ratio = r.total > 0 ? n / r.total : 0
            return {
              style: {
                background: n > 0 ? `rgba(200, 16, 46, ${(0.08 + ratio * 0.62).toFixed(2)})` : undefined,
                color: ratio > 0.55 ? '#fff' : undefined,
                fontWeight: r.from === to ? 600 : undefined,
              },
            }
          },
          render: (_: unknown, r: { from: RfmGroup; total: number }) => {
            const n = cell(r.from, to)
            return n === 0 ? (
              <span style={{ color: '#bfbfbf' }}>0</span>
            ) : (
              <Tooltip
                title={`上月「${RFM_GROUP_LABELS[r.from]}」→ 本月「${RFM_GROUP_LABELS[to]}」：${count(n)} 人（${share(n, r.total)}）`}
              >
                {count(n)}
              </Tooltip>
            )
          },
        })),
        { title: '上月合计', dataIndex: 'total', align: 'right' as const, render: (n: number) => count(n) },
      ]}
    />
  )
}

interface ThresholdValues {
  recencyDays: number | null
  frequency: number | null
  monetaryYuan: number | null
}

function ThresholdsModal({ rfm, open, onClose }: { rfm: RfmOverview; open: boolean; onClose: () => void }) {
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<ThresholdValues>()
  const [error, setError] = useState<string>()
  const [saving, setSaving] = useState<'save' | 'median' | null>(null)

  useEffect(() => {
    if (!open) return
    setError(undefined)
    form.setFieldsValue({
      recencyDays: rfm.thresholds.recencyDays,
      frequency: rfm.thresholds.frequency,
      monetaryYuan: yuanOf(rfm.thresholds.monetaryFen),
    })
  }, [open, rfm, form])

  const send = async (thresholds: RfmOverview['thresholds'] | null) => {
    setSaving(thresholds ? 'save' : 'median')
    setError(undefined)
    try {
      const next = await api.call('updateRfmThresholds', { body: { thresholds } })
      queryClient.setQueryData(RFM_KEY, next)
      message.success(thresholds ? '已保存 RFM 阈值' : '已恢复为中位数阈值')
      onClose()
    } catch (e) {
      if (isApiError(e) && e.code === 'VALIDATION_FAILED')
        setError(
          applyFieldErrors(
            form,
            forForm(e, (f) => f.replace(/monetaryFen$/, 'monetaryYuan')),
            'thresholds',
          ),
        )
      else setError(errorText(e))
    } finally {
      setSaving(null)
    }
  }

  const save = async () => {
    const v = await form.validateFields().catch(() => null)
    if (!v) return
    await send({
      recencyDays: v.recencyDays ?? Number.NaN,
      frequency: v.frequency ?? Number.NaN,
      monetaryFen: fenOf(v.monetaryYuan) ?? Number.NaN,
    })
  }

  const median = rfm.medians
  return (
    <Modal
      title="修改 RFM 阈值"
      open={open}
      onCancel={onClose}
      forceRender
      footer={
        <div style={{ display: 'flex', justifyContent: 'space-between' }}>
          <Tooltip title={median ? '按近12个月有消费会员的中位数划分高低' : '还没有足够的消费数据，将使用默认阈值'}>
            <Button onClick={() => void send(null)} loading={saving === 'median'} disabled={saving !== null} data-testid="rfm-use-median">
              恢复中位数
            </Button>
          </Tooltip>
          <Space>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" onClick={() => void save()} loading={saving === 'save'} disabled={saving !== null}>
              保存
            </Button>
          </Space>
        </div>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">
        R、F、M 各按阈值分为高、低两档，组合成 8 个 RFM 分组。当前使用：{THRESHOLD_SOURCES[rfm.source].text}。
      </Typography.Paragraph>
      <Form<ThresholdValues> form={form} name="rfm" layout="horizontal" labelCol={{ flex: '110px' }} colon={false}>
        <Form.Item
          label="R 天数"
          name="recencyDays"
          rules={[{ required: true, message: '请填写天数' }]}
          extra={`最近一次消费在此天数以内为 R 高${median ? `（中位数 ${median.recencyDays} 天）` : ''}`}
        >
          <InputNumber min={1} max={3650} precision={0} suffix="天" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item
          label="F 次数"
          name="frequency"
          rules={[{ required: true, message: '请填写次数' }]}
          extra={`近12个月消费达到此次数为 F 高${median ? `（中位数 ${median.frequency} 次）` : ''}`}
        >
          <InputNumber min={1} max={10_000} precision={0} suffix="次" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item
          label="M 金额"
          name="monetaryYuan"
          rules={[{ required: true, message: '请填写金额' }]}
          extra={`近12个月消费达到此金额为 M 高${median ? `（中位数 ${money(median.monetaryFen)}）` : ''}`}
        >
          <InputNumber min={0.01} max={10_000_000} precision={2} prefix="¥" style={{ width: 180 }} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** 立即刷新 (admin): starts the refresh, polls it, and reads the overview again when it is done. */
function useRefresh() {
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [jobId, setJobId] = useState<string | null>(null)
  const [starting, setStarting] = useState(false)
  const job = useJob(jobId)
  const status = job.data?.status
  useEffect(() => {
    if (!jobId || !status || status === 'running') return
    if (status === 'done') {
      message.success('RFM 分组已刷新')
      void queryClient.invalidateQueries({ queryKey: RFM_KEY })
    } else message.error('RFM 刷新失败，请稍后重试')
    setJobId(null)
  }, [jobId, status, message, queryClient])
  useEffect(() => {
    if (job.isError) {
      message.error(errorText(job.error))
      setJobId(null)
    }
  }, [job.isError, job.error, message])
  const start = async () => {
    setStarting(true)
    try {
      const started = await api.call('startJob', { body: { kind: 'rfm-refresh' } })
      if (started.status === 'running') setJobId(started.jobId)
      else {
        message.success('RFM 分组已刷新')
        void queryClient.invalidateQueries({ queryKey: RFM_KEY })
      }
    } catch (e) {
      message.error(errorText(e))
    } finally {
      setStarting(false)
    }
  }
  const running = jobId !== null
  const progress = job.data?.progress
  return { start, starting, running, progress }
}

export default function RfmCard() {
  const rfm = useRfm()
  const me = useMe().data
  const mayRefresh = mayCall(me, 'startJob')
  const [editing, setEditing] = useState(false)
  const refresh = useRefresh()

  const refreshButton = (label: string, type: 'link' | 'primary' = 'link') => (
    <Button
      type={type}
      size="small"
      icon={<ReloadOutlined />}
      loading={refresh.starting}
      disabled={refresh.running}
      onClick={() => void refresh.start()}
      data-testid="rfm-refresh"
    >
      {label}
    </Button>
  )

  return (
    <Card
      title="RFM 概览"
      data-testid="rfm-card"
      styles={{ body: { paddingTop: 8 } }}
      extra={
        rfm.data && (
          <Space size={12} wrap>
            <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="rfm-thresholds">
              阈值：R ≤ {rfm.data.thresholds.recencyDays} 天 · F ≥ {rfm.data.thresholds.frequency} 次 · M ≥{' '}
              {money(rfm.data.thresholds.monetaryFen)}
            </Typography.Text>
            <Tag color={THRESHOLD_SOURCES[rfm.data.source].color} data-testid="rfm-source">
              {THRESHOLD_SOURCES[rfm.data.source].text}
            </Tag>
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="rfm-edit-thresholds">
              修改阈值
            </Button>
            {mayRefresh && rfm.data.computedAt && refreshButton('立即刷新')}
          </Space>
        )
      }
    >
      <QueryState query={rfm} rows={8}>
        {(r) => (
          <>
            {refresh.running && (
              <div data-testid="rfm-refresh-progress" style={{ margin: '8px 0 12px' }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  正在刷新 RFM 分组
                  {refresh.progress ? `：已完成 ${refresh.progress.done} / ${refresh.progress.total} 个分片` : '…'}
                </Typography.Text>
                <Progress
                  percent={
                    refresh.progress && refresh.progress.total > 0 ? Math.floor((refresh.progress.done / refresh.progress.total) * 100) : 0
                  }
                  status="active"
                  size="small"
                />
              </div>
            )}
            {!r.computedAt && !refresh.running && (
              <Alert
                type="info"
                showIcon
                data-testid="rfm-not-computed"
                style={{ margin: '8px 0 12px' }}
                title="RFM 分组每晚自动刷新，目前还没有刷新过"
                description={mayRefresh ? '可以立即刷新，刷新完成后这里显示最新分组。' : '下面的分组可能不是最新的；管理员可以立即刷新。'}
                action={mayRefresh ? refreshButton('立即刷新', 'primary') : undefined}
              />
            )}
            <Tabs
              items={[
                {
                  key: 'groups',
                  label: 'RFM 分组',
                  children: (
                    <Row gutter={24}>
                      <Col span={14}>
                        <Typography.Text strong style={{ fontSize: 13 }}>
                          8 个 RFM 分组（及新客/潜客）
                        </Typography.Text>
                        {r.members === 0 ? <EmptyState text="还没有会员" /> : <GroupsChart rfm={r} />}
                      </Col>
                      <Col span={10}>
                        <Typography.Text strong style={{ fontSize: 13 }}>
                          会员金字塔
                        </Typography.Text>
                        {r.members === 0 ? <EmptyState text="还没有会员" /> : <PyramidChart rfm={r} />}
                      </Col>
                    </Row>
                  ),
                },
                {
                  key: 'movement',
                  label: 'RFM 迁移',
                  children: r.movement ? (
                    <>
                      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                        行：{r.movement.from} 所在分组；列：{r.movement.to} 所在分组。颜色越深，该组会员去往该列的比例越高。
                      </Typography.Paragraph>
                      <MovementTable movement={r.movement} />
                    </>
                  ) : (
                    <div data-testid="rfm-movement-empty" style={{ padding: '24px 0' }}>
                      <EmptyState text="下月起可查看会员在各组之间的迁移" />
                    </div>
                  ),
                },
              ]}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="rfm-computed-at">
              共 {count(r.members)} 名会员 · {r.computedAt ? `分组更新于 ${dateTime(r.computedAt)}` : '分组尚未刷新'}
            </Typography.Text>
            <ThresholdsModal rfm={r} open={editing} onClose={() => setEditing(false)} />
          </>
        )}
      </QueryState>
    </Card>
  )
}
