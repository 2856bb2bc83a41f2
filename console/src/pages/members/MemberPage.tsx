/**
 * 会员详情: a member's profile (phone masked; the full number only with a reason, audited),
 * tier and balances, and their points ledger, purchases, coupons and notices, each paged on
 * the server. Admins adjust points; staff allowed to change a birthday do so with a reason.
 * A status match (身份匹配) approved at a store shows with its partner card and photo.
 */
import ArrowRightOutlined from '@ant-design/icons/ArrowRightOutlined'
import EyeOutlined from '@ant-design/icons/EyeOutlined'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import Alert from 'antd/es/alert'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import Card from 'antd/es/card'
import Descriptions from 'antd/es/descriptions'
import Image from 'antd/es/image'
import Progress from 'antd/es/progress'
import Segmented from 'antd/es/segmented'
import Space from 'antd/es/space'
import Statistic from 'antd/es/statistic'
import Table from 'antd/es/table'
import Tabs from 'antd/es/tabs'
import Tag from 'antd/es/tag'
import Tooltip from 'antd/es/tooltip'
import Typography from 'antd/es/typography'
import { type ReactNode, useState } from 'react'
import { useParams } from 'react-router'
import { api, isApiError, type ResponseOf } from '../../api/client'
import { mayCall } from '../../app/access'
import { useMe } from '../../app/useMe'
import PagedTable from '../../components/PagedTable'
import { EmptyState, QueryState } from '../../components/states'
import { count, date, dateTime, yuan } from '../../lib/format'
import { staffText, useStaffNames } from '../staff/useStaffNames'
import { useStoreName } from '../stores/useStores'
import { COUPON_SOURCES, COUPON_STATUS, GENDERS, isPendingTier, NOTICE_KINDS, POINTS_TYPES } from './labels'
import { AdjustPointsModal, BirthdayModal, RevealPhoneModal } from './MemberDialogs'
import TierTag from './TierTag'

type Profile = ResponseOf<'getMemberAdmin'>
type LedgerEntry = ResponseOf<'listMemberPointsAdmin'>['items'][number]
type Purchase = ResponseOf<'listMemberPurchasesAdmin'>['items'][number]
type Coupon = ResponseOf<'listMemberCouponsAdmin'>['items'][number]
type Notice = ResponseOf<'listMemberInboxAdmin'>['items'][number]
type StatusMatch = NonNullable<Profile['statusMatch']>
type CouponTab = 'usable' | 'used' | 'expired'
interface TierProgress {
  current: { name: string }
  next: { name: string } | null
  spendFen: number
  remainingFen: number
  percent: number
}

/** Long text that wraps inside a table cell instead of widening the table. */
const Wrap = ({ width, children }: { width: number; children: ReactNode }) => (
  <div style={{ maxWidth: width, whiteSpace: 'normal', wordBreak: 'break-word' }}>{children}</div>
)

const memberKey = (memberId: string) => ['member', memberId] as const

/** The tier progress, when the profile carries it. */
const progressOf = (p: Profile): TierProgress | undefined => (p as Profile & { tierProgress?: TierProgress }).tierProgress

function Balances({ member }: { member: Profile }) {
  const progress = progressOf(member)
  return (
    <div style={{ display: 'flex', gap: 16 }} data-testid="member-balances">
      <Card size="small" style={{ flex: 1 }}>
        <Statistic title="积分" value={member.points} formatter={(v) => count(Number(v))} data-testid="member-points" />
      </Card>
      <Card size="small" style={{ flex: 1 }}>
        <Statistic title="储值余额" value={member.storedValueFen} formatter={(v) => yuan(Number(v))} />
      </Card>
      <Card size="small" style={{ flex: 1.4 }}>
        <Statistic
          title="会员等级"
          value={member.tier.name}
          styles={isPendingTier(member.tier) ? { content: { color: 'rgba(0, 0, 0, 0.45)' } } : undefined}
        />
        {isPendingTier(member.tier) ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            已注册，尚未完成开卡消费
          </Typography.Text>
        ) : progress ? (
          progress.next ? (
            <>
              <Progress percent={progress.percent} size="small" showInfo={false} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                近 12 个月消费 {yuan(progress.spendFen)}，再消费 {yuan(progress.remainingFen)} 升级{progress.next.name}
              </Typography.Text>
            </>
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              已是最高等级
            </Typography.Text>
          )
        ) : null}
      </Card>
    </div>
  )
}

/** The partner card a store manager checked, the tier it gave, who approved it where and when, and the card's photo. */
function StatusMatchCard({ match }: { match: StatusMatch }) {
  const me = useMe()
  const storeName = useStoreName()
  const staffNames = useStaffNames()
  return (
    <Card title="身份匹配" styles={{ body: { padding: '16px 24px' } }} data-testid="member-status-match">
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
        <div style={{ flex: 'none' }} data-testid="status-match-photo">
          {match.photo ? (
            <Image src={match.photo} alt="合作方会员卡照片" width={112} height={72} style={{ objectFit: 'cover', borderRadius: 4 }} />
          ) : (
            <div
              style={{
                width: 112,
                height: 72,
                borderRadius: 4,
                background: '#fafafa',
                border: '1px dashed #d9d9d9',
                display: 'flex',
                alignItems: 'center',
                justifyContent: 'center',
              }}
            >
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                未拍照
              </Typography.Text>
            </div>
          )}
        </div>
        <Descriptions
          column={4}
          size="small"
          style={{ flex: 1, minWidth: 0 }}
          items={[
            { key: 'partner', label: '合作方', children: match.partner },
            { key: 'partnerTier', label: '卡面等级', children: match.partnerTier ?? '—' },
            {
              key: 'partnerCardNo',
              label: '卡号',
              children: <Typography.Text style={{ fontFamily: 'monospace' }}>{match.partnerCardNo}</Typography.Text>,
            },
            { key: 'store', label: '办理门店', children: storeName(match.storeId) },
            {
              key: 'tier',
              label: '等级',
              children: (
                <Space size={4} data-testid="status-match-tiers">
                  <TierTag tier={match.from} />
                  <ArrowRightOutlined style={{ color: 'rgba(0, 0, 0, 0.45)', fontSize: 12 }} />
                  <TierTag tier={match.to} />
                </Space>
              ),
            },
            {
              key: 'approvedBy',
              label: '审批人',
              // The staff list is for admins; the match keeps the approver's name for everyone else.
              children: staffText(
                match.approvedBy,
                match.approvedByName ? new Map([...staffNames, [match.approvedBy, match.approvedByName]]) : staffNames,
                me.data,
              ),
            },
            { key: 'approvedAt', label: '办理时间', children: dateTime(match.approvedAt) },
          ]}
        />
      </div>
    </Card>
  )
}

function PointsTab({ memberId }: { memberId: string }) {
  return (
    <PagedTable<LedgerEntry>
      testId="member-points-ledger"
      queryKey={[...memberKey(memberId), 'points']}
      fetchPage={(page) => api.call('listMemberPointsAdmin', { params: { memberId }, query: page })}
      rowKey="entryId"
      emptyText="还没有积分变动"
      csv={{
        fileName: `积分明细-${memberId}`,
        columns: [
          { title: '时间', value: (e) => dateTime(e.createdAt) },
          { title: '类型', value: (e) => POINTS_TYPES[e.type]?.text ?? e.type },
          { title: '变动', value: (e) => e.delta },
          { title: '变动后余额', value: (e) => e.balanceAfter },
          { title: '说明', value: (e) => e.description },
          { title: '来源', value: (e) => e.sourceRef },
        ],
      }}
      columns={[
        { title: '时间', dataIndex: 'createdAt', width: 160, render: (v: string) => dateTime(v) },
        {
          title: '类型',
          dataIndex: 'type',
          render: (_, e) => <Tag color={POINTS_TYPES[e.type]?.color}>{POINTS_TYPES[e.type]?.text ?? e.type}</Tag>,
        },
        {
          title: '变动',
          dataIndex: 'delta',
          align: 'right',
          render: (v: number) => (
            <Typography.Text type={v < 0 ? 'danger' : 'success'} strong>
              {v > 0 ? `+${count(v)}` : count(v)}
            </Typography.Text>
          ),
        },
        { title: '变动后余额', dataIndex: 'balanceAfter', align: 'right', render: (v: number) => count(v) },
        { title: '说明', dataIndex: 'description', render: (v: string) => <Wrap width={240}>{v}</Wrap> },
        {
          title: '来源',
          dataIndex: 'sourceRef',
          render: (v: string) => (
            <Wrap width={200}>
              <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                {v}
              </Typography.Text>
            </Wrap>
          ),
        },
      ]}
    />
  )
}

function PurchaseDetail({ purchase }: { purchase: Purchase }) {
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {purchase.items.length > 0 ? (
        <Table
          size="small"
          rowKey={(i) => `${i.sku}-${i.unitPriceFen}`}
          pagination={false}
          dataSource={purchase.items}
          columns={[
            { title: '商品', render: (_, i) => i.name ?? i.sku },
            { title: '货号', dataIndex: 'sku' },
            { title: '品牌', dataIndex: 'brand', render: (v?: string) => v ?? '—' },
            { title: '品类', dataIndex: 'category', render: (v?: string) => v ?? '—' },
            { title: '单价', dataIndex: 'unitPriceFen', align: 'right', render: (v: number) => yuan(v) },
            { title: '数量', dataIndex: 'qty', align: 'right' },
            { title: '小计', align: 'right', render: (_, i) => yuan(i.unitPriceFen * i.qty) },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">收银台未上传商品明细</Typography.Text>
      )}
      {purchase.refunds.length > 0 && (
        <Descriptions
          size="small"
          bordered
          column={1}
          title="退款"
          items={purchase.refunds.map((r) => ({
            key: r.refundId,
            label: dateTime(r.at),
            children: `${yuan(r.amountFen)}（退款单 ${r.refundId}）`,
          }))}
        />
      )}
    </Space>
  )
}

function PurchasesTab({ memberId }: { memberId: string }) {
  const storeName = useStoreName()
  return (
    <PagedTable<Purchase>
      testId="member-purchases"
      queryKey={[...memberKey(memberId), 'purchases']}
      fetchPage={(page) => api.call('listMemberPurchasesAdmin', { params: { memberId }, query: page })}
      rowKey="orderId"
      emptyText="还没有消费记录"
      expandable={{ expandedRowRender: (p) => <PurchaseDetail purchase={p} /> }}
      csv={{
        fileName: `消费记录-${memberId}`,
        columns: [
          { title: '时间', value: (p) => dateTime(p.at) },
          { title: '门店', value: (p) => storeName(p.storeId) },
          { title: '订单号', value: (p) => p.orderId },
          { title: '金额（元）', value: (p) => (p.amountFen / 100).toFixed(2) },
          { title: '积分', value: (p) => p.points },
          { title: '已退款（元）', value: (p) => (p.refundedFen / 100).toFixed(2) },
          { title: '扣回积分', value: (p) => p.pointsReversed },
          { title: '商品', value: (p) => p.items.map((i) => `${i.name ?? i.sku}×${i.qty}`).join('；') },
        ],
      }}
      columns={[
        { title: '时间', dataIndex: 'at', width: 160, render: (v: string) => dateTime(v) },
        { title: '门店', dataIndex: 'storeId', render: (v: string) => storeName(v) },
        { title: '订单号', dataIndex: 'orderId', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
        { title: '商品', render: (_, p) => (p.items.length ? `${p.items.reduce((n, i) => n + i.qty, 0)} 件` : '—') },
        { title: '金额', dataIndex: 'amountFen', align: 'right', render: (v: number) => yuan(v) },
        { title: '积分', dataIndex: 'points', align: 'right', render: (v: number) => `+${count(v)}` },
        {
          title: '退款',
          dataIndex: 'refundedFen',
          render: (_, p) =>
            p.refundedFen === 0 ? (
              <Typography.Text type="secondary">—</Typography.Text>
            ) : (
              <Tooltip title={`扣回 ${count(p.pointsReversed)} 积分`}>
                <Tag color={p.refundedFen >= p.amountFen ? 'red' : 'orange'}>
                  {p.refundedFen >= p.amountFen ? '全额退款' : '部分退款'} {yuan(p.refundedFen)}
                </Tag>
              </Tooltip>
            ),
        },
      ]}
    />
  )
}

function CouponsTab({ memberId }: { memberId: string }) {
  const storeName = useStoreName()
  const [status, setStatus] = useState<CouponTab>('usable')
  return (
    <PagedTable<Coupon>
      testId="member-coupons"
      queryKey={[...memberKey(memberId), 'coupons', status]}
      fetchPage={(page) => api.call('listMemberCouponsAdmin', { params: { memberId }, query: { status, ...page } })}
      rowKey="code"
      emptyText={status === 'usable' ? '没有可用的优惠券' : status === 'used' ? '没有已使用的优惠券' : '没有已过期的优惠券'}
      toolbar={
        <Segmented<CouponTab>
          value={status}
          onChange={setStatus}
          options={[
            { value: 'usable', label: '可使用' },
            { value: 'used', label: '已使用' },
            { value: 'expired', label: '已过期' },
          ]}
        />
      }
      columns={[
        { title: '券码', dataIndex: 'code', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
        { title: '名称', dataIndex: 'name' },
        { title: '内容', dataIndex: 'summary' },
        {
          title: '状态',
          dataIndex: 'status',
          render: (_, c) => <Tag color={COUPON_STATUS[c.status]?.color}>{COUPON_STATUS[c.status]?.text ?? c.status}</Tag>,
        },
        { title: '来源', dataIndex: 'source', render: (v: string) => COUPON_SOURCES[v] ?? v },
        { title: '领取时间', dataIndex: 'issuedAt', render: (v: string) => dateTime(v) },
        { title: '有效期至', dataIndex: 'validUntil', render: (v: string) => dateTime(v) },
        {
          title: '核销',
          dataIndex: 'redeemedAt',
          render: (_, c) => (c.redeemedAt ? `${dateTime(c.redeemedAt)} ${c.redeemedStoreId ? storeName(c.redeemedStoreId) : ''}` : '—'),
        },
      ]}
    />
  )
}

function InboxTab({ memberId }: { memberId: string }) {
  return (
    <PagedTable<Notice>
      testId="member-inbox"
      queryKey={[...memberKey(memberId), 'inbox']}
      fetchPage={(page) => api.call('listMemberInboxAdmin', { params: { memberId }, query: page })}
      rowKey="noticeId"
      emptyText="还没有消息通知"
      columns={[
        { title: '时间', dataIndex: 'createdAt', width: 160, render: (v: string) => dateTime(v) },
        {
          title: '类型',
          dataIndex: 'kind',
          width: 130,
          render: (v: string) => <Tag color={v === 'marketing' ? 'magenta' : 'blue'}>{NOTICE_KINDS[v] ?? v}</Tag>,
        },
        { title: '标题', dataIndex: 'title', render: (v: string) => <Wrap width={200}>{v}</Wrap> },
        { title: '内容', dataIndex: 'body', render: (v: string) => <Wrap width={400}>{v}</Wrap> },
      ]}
    />
  )
}

function MemberProfile({ member }: { member: Profile }) {
  const me = useMe()
  const queryClient = useQueryClient()
  const storeName = useStoreName()
  const { message } = App.useApp()
  const [revealed, setRevealed] = useState<string>()
  const [dialog, setDialog] = useState<'reveal' | 'adjust' | 'birthday' | null>(null)
  const canReveal = mayCall(me.data, 'revealMemberPhone') && !member.erased
  const canAdjust = mayCall(me.data, 'adjustPoints') && !member.erased
  const canBirthday = mayCall(me.data, 'changeMemberBirthday') && !member.erased
  const refresh = () => queryClient.invalidateQueries({ queryKey: memberKey(member.memberId) })

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space size={12}>
            <span data-testid="member-name">{member.erased ? '已注销会员' : member.name}</span>
            <TierTag tier={member.tier} testId="member-tier" />
            {member.erased && <Tag>已注销</Tag>}
          </Space>
        }
        extra={
          <Space>
            {canAdjust && (
              <Button type="primary" onClick={() => setDialog('adjust')} data-testid="adjust-open">
                调整积分
              </Button>
            )}
            {canBirthday && (
              <Button onClick={() => setDialog('birthday')} data-testid="birthday-open">
                修改生日
              </Button>
            )}
          </Space>
        }
      >
        {member.erased && (
          <Alert type="info" showIcon title="该会员已注销账户：个人信息已删除，只保留法律和财务要求的记录。" style={{ marginBottom: 16 }} />
        )}
        <Space orientation="vertical" size={20} style={{ width: '100%' }}>
          <Balances member={member} />
          <Descriptions
            column={3}
            size="small"
            items={[
              {
                key: 'card',
                label: '卡号',
                children: <Typography.Text style={{ fontFamily: 'monospace' }}>{member.cardNo}</Typography.Text>,
              },
              {
                key: 'mobile',
                label: '手机号',
                children: revealed ? (
                  <Space size={8}>
                    <Typography.Text strong data-testid="member-mobile">
                      {revealed}
                    </Typography.Text>
                    <Tag color="orange">已记入审计日志</Tag>
                    <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setRevealed(undefined)}>
                      隐藏
                    </Button>
                  </Space>
                ) : (
                  <Space size={8}>
                    <Typography.Text data-testid="member-mobile">{member.mobile}</Typography.Text>
                    {canReveal && (
                      <Button size="small" icon={<EyeOutlined />} onClick={() => setDialog('reveal')} data-testid="reveal-open">
                        查看完整号码
                      </Button>
                    )}
                  </Space>
                ),
              },
              { key: 'gender', label: '性别', children: GENDERS[member.gender] ?? member.gender },
              {
                key: 'birthday',
                label: '生日',
                children: (
                  <span data-testid="member-birthday">
                    {member.birthday ?? '—'}
                    {member.birthdayCorrectedAt && (
                      <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                        会员已于 {date(member.birthdayCorrectedAt)} 自行更正
                      </Typography.Text>
                    )}
                  </span>
                ),
              },
              { key: 'store', label: '入会门店', children: storeName(member.joinStoreId) },
              { key: 'joined', label: '入会时间', children: dateTime(member.joinedAt) },
              {
                key: 'consent',
                label: '营销授权',
                children: member.marketingConsent ? <Tag color="green">已同意</Tag> : <Tag>未同意</Tag>,
              },
              { key: 'id', label: '会员编号', children: <Typography.Text type="secondary">{member.memberId}</Typography.Text> },
            ]}
          />
        </Space>
      </Card>
      {member.statusMatch && <StatusMatchCard match={member.statusMatch} />}
      <Card styles={{ body: { paddingTop: 8 } }}>
        <Tabs
          items={[
            { key: 'points', label: '积分明细', children: <PointsTab memberId={member.memberId} /> },
            { key: 'purchases', label: '消费记录', children: <PurchasesTab memberId={member.memberId} /> },
            { key: 'coupons', label: '优惠券', children: <CouponsTab memberId={member.memberId} /> },
            { key: 'inbox', label: '消息通知', children: <InboxTab memberId={member.memberId} /> },
          ]}
          tabBarExtraContent={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              查看会员记录会记入审计日志
            </Typography.Text>
          }
        />
      </Card>
      <RevealPhoneModal
        member={member}
        open={dialog === 'reveal'}
        onClose={() => setDialog(null)}
        onRevealed={(mobile) => {
          setRevealed(mobile)
          setDialog(null)
        }}
      />
      <AdjustPointsModal
        member={member}
        open={dialog === 'adjust'}
        onClose={() => setDialog(null)}
        onAdjusted={(balance) => {
          setDialog(null)
          message.success(`积分已调整，当前积分 ${count(balance)}`)
          void refresh()
        }}
      />
      <BirthdayModal
        member={member}
        open={dialog === 'birthday'}
        onClose={() => setDialog(null)}
        onChanged={() => {
          setDialog(null)
          message.success('生日已修改')
          void refresh()
        }}
      />
    </Space>
  )
}

export default function MemberPage() {
  const { memberId = '' } = useParams()
  const profile = useQuery({
    queryKey: [...memberKey(memberId), 'profile'],
    queryFn: () => api.call('getMemberAdmin', { params: { memberId } }),
    enabled: memberId.length > 0,
  })

  if (profile.isError && isApiError(profile.error) && profile.error.status === 404) {
    return (
      <Card>
        <EmptyState text="没有这个会员（会员编号有误，或链接已失效）" />
      </Card>
    )
  }
  return (
    <QueryState query={profile} rows={10}>
      {(m) => <MemberProfile member={m} />}
    </QueryState>
  )
}
