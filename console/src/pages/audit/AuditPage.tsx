/** 审计日志: every admin write and every read of personal data, by day, actor, action or member, with each change's diff. */
import Card from 'antd/es/card'
import DatePicker from 'antd/es/date-picker'
import Descriptions from 'antd/es/descriptions'
import Input from 'antd/es/input'
import Select from 'antd/es/select'
import Space from 'antd/es/space'
import Table from 'antd/es/table'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { Link } from 'react-router'
import { api, type ResponseOf } from '../../api/client'
import PagedTable from '../../components/PagedTable'
import { dateTime, ROLE_NAMES } from '../../lib/format'
import { PENDING_TIER_NAME } from '../members/labels'
import { useTiers } from '../program/queries'
import { staffText, useStaffNames } from '../staff/useStaffNames'
import { useStoreName } from '../stores/useStores'

type Entry = ResponseOf<'listAudit'>['items'][number]

const ACTIONS: Record<string, string> = {
  'member.search': '搜索会员',
  'member.view': '查看会员',
  'member.revealPhone': '查看完整手机号',
  'member.birthday': '修改会员生日',
  'member.viewPoints': '查看会员积分明细',
  'member.viewPurchases': '查看会员消费记录',
  'member.viewCoupons': '查看会员优惠券',
  'member.viewInbox': '查看会员消息',
  'member.statusMatch': '身份匹配',
  'points.adjust': '手工调整积分',
  'staff.create': '新建员工',
  'staff.update': '修改员工',
  'store.create': '新建门店',
  'store.update': '修改门店',
  'store.close': '关闭门店',
  'store.reopen': '恢复营业',
  'enrolment.create': '新建团体码',
  'enrolment.disable': '停用团体码',
  'enrolment.enable': '启用团体码',
  'posKey.create': '新建 POS 密钥',
  'posKey.rotate': '轮换 POS 密钥',
  'posKey.revoke': '吊销 POS 密钥',
  'program.update': '修改积分与等级规则',
  'couponTemplate.create': '新建优惠券模板',
  'couponTemplate.update': '修改优惠券模板',
  'offer.create': '上架领券活动',
  'offer.update': '修改领券活动',
  'reward.create': '新建积分商城商品',
  'reward.update': '修改积分商城商品',
  'console.approve': '扫码登录控制台',
}

/** Chinese labels for the details an entry records. */
const DETAIL_LABELS: Record<string, string> = {
  reason: '原因',
  by: '搜索方式',
  from: '原值',
  to: '新值',
  points: '积分',
  keyId: '密钥 ID',
  replaces: '替换的密钥',
  expiresAt: '到期时间',
  version: '规则版本',
  roles: '角色',
  storeIds: '门店',
  disabled: '停用',
  active: '营业中',
  name: '名称',
  city: '城市',
  address: '地址',
  storeId: '门店编号',
  client: '登录设备',
  ticket: '登录票据',
}

/** Labels an action gives its details in place of the general ones. */
const ACTION_DETAIL_LABELS: Record<string, Record<string, string>> = {
  'member.statusMatch': {
    partner: '合作方',
    partnerCardNo: '合作方卡号',
    from: '原等级',
    to: '匹配等级',
    storeId: '办理门店',
    photo: '卡面照片',
  },
}

const SEARCH_BY: Record<string, string> = { card: '卡号', phone: '手机号', name: '姓名' }

interface Change {
  path: string
  before: unknown
  after: unknown
}

const show = (v: unknown): string => {
  if (v === undefined || v === null) return '—'
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (Array.isArray(v)) return v.length === 0 ? '（无）' : v.map((x) => (typeof x === 'string' ? (ROLE_NAMES[x] ?? x) : show(x))).join('、')
  return typeof v === 'string' ? v : JSON.stringify(v)
}

/** The changes an entry records: a list of {path, before, after}, or a before/after pair of objects. */
const changesOf = (details: Record<string, unknown>): Change[] => {
  if (Array.isArray(details.changes)) return details.changes as Change[]
  const before = details.before as Record<string, unknown> | undefined
  const after = details.after as Record<string, unknown> | undefined
  if (before && after && typeof before === 'object' && typeof after === 'object') {
    return [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      .map((k) => ({ path: k, before: before[k], after: after[k] }))
  }
  return []
}

const SUBJECT_KINDS: Record<string, string> = {
  member: '会员',
  staff: '员工',
  store: '门店',
  template: '优惠券模板',
  offer: '领券活动',
  reward: '积分商城商品',
}

/** Who acted: a staff member by name, or the identity the API names (a store system, the system). */
const actorText = (actor: string, names: ReadonlyMap<string, string>): string => {
  if (actor.startsWith('staff:')) return staffText(actor, names)
  if (actor.startsWith('pos:')) return `收银系统 ${actor.slice(4)}`
  return actor
}

/** What was acted on, in words. */
const subjectText = (subject: string, names: ReadonlyMap<string, string>): string => {
  if (subject === 'members') return '会员搜索'
  if (subject === 'program') return '积分与等级规则'
  const [kind, ...rest] = subject.split(':')
  const id = rest.join(':')
  if (!id || !kind || !SUBJECT_KINDS[kind]) return subject
  return kind === 'staff' && names.has(id) ? `员工 ${names.get(id)}（${id}）` : `${SUBJECT_KINDS[kind]} ${id}`
}

function Subject({ subject, names }: { subject: string; names: ReadonlyMap<string, string> }) {
  const text = subjectText(subject, names)
  if (!subject.startsWith('member:')) return text
  return <Link to={`/members/${encodeURIComponent(subject.slice('member:'.length))}`}>{text}</Link>
}

/** A detail's value in words: the codes some actions record (tiers, stores, a photo taken) by name. */
const useDetailText = () => {
  const tiers = useTiers()
  const storeName = useStoreName()
  const tierName = (code: string) => (code === '' ? PENDING_TIER_NAME : (tiers.find((t) => t.code === code)?.name ?? code))
  return (action: string, key: string, v: unknown): string => {
    if (key === 'by') return SEARCH_BY[String(v)] ?? show(v)
    if (action === 'member.statusMatch') {
      if ((key === 'from' || key === 'to') && typeof v === 'string') return tierName(v)
      if (key === 'storeId' && typeof v === 'string') return storeName(v)
      if (key === 'photo') return v ? '已拍照' : '未拍照'
    }
    return show(v)
  }
}

function Details({ entry }: { entry: Entry }) {
  const detailText = useDetailText()
  const labels = ACTION_DETAIL_LABELS[entry.action] ?? {}
  const changes = changesOf(entry.details)
  // An action with its own labels lists its details in their order; others as recorded.
  const order = Object.keys(labels)
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length)
  const rest = Object.entries(entry.details)
    .filter(([k]) => !['changes', 'before', 'after'].includes(k))
    .sort(([a], [b]) => rank(a) - rank(b))
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {changes.length > 0 && (
        <Table<Change>
          size="small"
          rowKey="path"
          pagination={false}
          dataSource={changes}
          columns={[
            { title: '字段', dataIndex: 'path', render: (v: string) => DETAIL_LABELS[v] ?? v },
            { title: '修改前', render: (_, c) => <Typography.Text delete>{show(c.before)}</Typography.Text> },
            { title: '修改后', render: (_, c) => <Typography.Text type="success">{show(c.after)}</Typography.Text> },
          ]}
        />
      )}
      {rest.length > 0 && (
        <Descriptions
          size="small"
          column={2}
          bordered
          items={rest.map(([k, v]) => ({
            key: k,
            label: labels[k] ?? DETAIL_LABELS[k] ?? k,
            children: detailText(entry.action, k, v),
          }))}
        />
      )}
    </Space>
  )
}

export default function AuditPage() {
  const names = useStaffNames()
  const [day, setDay] = useState<Dayjs | null>(dayjs())
  const [actor, setActor] = useState('')
  const [action, setAction] = useState('')
  const [memberId, setMemberId] = useState('')
  const filters = {
    ...(day ? { date: day.format('YYYY-MM-DD') } : {}),
    ...(actor ? { actor } : {}),
    ...(action ? { action } : {}),
    ...(memberId ? { memberId } : {}),
  }

  return (
    <Card title="审计日志">
      <PagedTable<Entry>
        testId="audit-table"
        queryKey={['audit', filters]}
        fetchPage={(page) => api.call('listAudit', { query: { ...filters, ...page } })}
        rowKey="eventId"
        emptyText="这一天没有审计记录"
        toolbar={
          <Space wrap>
            <DatePicker value={day} onChange={setDay} allowClear placeholder="全部日期" />
            <Select
              placeholder="全部操作人"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              value={actor || undefined}
              onChange={(v?: string) => setActor(v ?? '')}
              style={{ width: 220 }}
              options={[...names].map(([id, name]) => ({ value: `staff:${id}`, label: `${name}（${id}）` }))}
              data-testid="audit-actor"
            />
            <Select
              placeholder="全部操作"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              value={action || undefined}
              onChange={(v?: string) => setAction(v ?? '')}
              style={{ width: 220 }}
              options={Object.entries(ACTIONS).map(([value, label]) => ({ value, label }))}
              data-testid="audit-action"
            />
            <Input.Search placeholder="会员 ID" allowClear onSearch={setMemberId} style={{ width: 200 }} />
          </Space>
        }
        csv={{
          fileName: `审计日志-${day?.format('YYYY-MM-DD') ?? '全部'}`,
          columns: [
            { title: '时间', value: (e) => dateTime(e.at) },
            { title: '操作人', value: (e) => actorText(e.actor, names) },
            { title: '操作', value: (e) => ACTIONS[e.action] ?? e.action },
            { title: '对象', value: (e) => subjectText(e.subject, names) },
            { title: '详情', value: (e) => JSON.stringify(e.details) },
          ],
        }}
        expandable={{ expandedRowRender: (e) => <Details entry={e} />, rowExpandable: (e) => Object.keys(e.details).length > 0 }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => dateTime(v) },
          { title: '操作人', dataIndex: 'actor', render: (v: string) => actorText(v, names) },
          { title: '操作', dataIndex: 'action', render: (v: string) => <Tag>{ACTIONS[v] ?? v}</Tag> },
          { title: '对象', dataIndex: 'subject', render: (v: string) => <Subject subject={v} names={names} /> },
        ]}
      />
    </Card>
  )
}
