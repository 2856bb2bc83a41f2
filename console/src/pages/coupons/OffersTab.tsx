/** 领券中心: the offers members see, with their window, status and claims; create, edit the window's end, pause and resume (confirmed). */
import PlusOutlined from '@ant-design/icons/PlusOutlined'
import { useQueryClient } from '@tanstack/react-query'
import type { AdminOffer } from '@huiyuan/shared/coupons/admin'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import Space from 'antd/es/space'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import { useState } from 'react'
import { api, errorText } from '../../api/client'
import PagedTable from '../../components/PagedTable'
import { dateTime, yuan } from '../../lib/format'
import { useTiers } from '../program/queries'
import OfferModal, { OFFERS_KEY, type OfferEdit } from './OfferModal'
import StockBar from './StockBar'
import { KIND_COLORS, KINDS } from './templateForm'

/** 领取中 / 未开始 / 已结束 / 已暂停 */
export const offerState = (o: AdminOffer, now = Date.now()): { label: string; color: string } => {
  if (o.status === 'paused') return { label: '已暂停', color: 'orange' }
  if (now < Date.parse(o.claimFrom)) return { label: '未开始', color: 'blue' }
  if (now > Date.parse(o.claimUntil)) return { label: '已结束', color: 'default' }
  return { label: '领取中', color: 'green' }
}

export default function OffersTab() {
  const { message, modal } = App.useApp()
  const queryClient = useQueryClient()
  const [edit, setEdit] = useState<OfferEdit | null>(null)
  const tiers = useTiers()
  const tierNames = (codes: string[]) =>
    codes.length === 0 ? '全部会员' : codes.map((c) => tiers.find((t) => t.code === c)?.name ?? c).join('、')

  const toggle = (o: AdminOffer) => {
    const pausing = o.status === 'active'
    modal.confirm({
      title: pausing ? `暂停领取「${o.title}」？` : `恢复领取「${o.title}」？`,
      content: pausing ? '暂停后会员在领券中心暂时无法领取；已领到的券不受影响，可照常使用。' : '恢复后会员可以在领取时间内继续领取。',
      okText: pausing ? '暂停' : '恢复',
      okButtonProps: pausing ? { danger: true } : {},
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.call('updateOffer', { params: { offerId: o.offerId }, body: { status: pausing ? 'paused' : 'active' } })
          message.success(pausing ? '已暂停领取' : '已恢复领取')
          void queryClient.invalidateQueries({ queryKey: OFFERS_KEY })
        } catch (e) {
          message.error(errorText(e))
        }
      },
    })
  }

  return (
    <>
      <PagedTable<AdminOffer>
        testId="offer-table"
        queryKey={OFFERS_KEY}
        fetchPage={(page) => api.call('listOffersAdmin', { query: page })}
        rowKey="offerId"
        emptyText="领券中心还没有活动"
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEdit({})} data-testid="new-offer">
            新建领券活动
          </Button>
        }
        csv={{
          fileName: '领券中心',
          columns: [
            { title: '活动编号', value: (o) => o.offerId },
            { title: '标题', value: (o) => o.title },
            { title: '券', value: (o) => o.summary },
            { title: '开始', value: (o) => dateTime(o.claimFrom) },
            { title: '截止', value: (o) => dateTime(o.claimUntil) },
            { title: '可领等级', value: (o) => tierNames(o.audienceTiers) },
            { title: '状态', value: (o) => offerState(o).label },
            { title: '已领取', value: (o) => o.claimed },
            { title: '已核销', value: (o) => o.redeemed },
            { title: '剩余库存', value: (o) => o.remainingStock ?? '不限' },
            { title: '优惠金额（元）', value: (o) => (o.discountFen / 100).toFixed(2) },
          ],
        }}
        columns={[
          {
            title: '活动',
            width: 240,
            render: (_, o) => (
              <Space orientation="vertical" size={0} style={{ width: 210 }}>
                <Typography.Text strong ellipsis={{ tooltip: o.title }}>
                  {o.title}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: o.description }}>
                  {o.description || '—'}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  可领：{tierNames(o.audienceTiers)}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '券',
            width: 170,
            render: (_, o) => (
              <Space orientation="vertical" size={2} style={{ width: 140 }}>
                <Tag color={KIND_COLORS[o.kind]}>{KINDS[o.kind]}</Tag>
                <span style={{ fontSize: 13 }}>{o.summary}</span>
              </Space>
            ),
          },
          {
            title: '领取时间与状态',
            width: 170,
            render: (_, o) => {
              const state = offerState(o)
              return (
                <Space orientation="vertical" size={2}>
                  <Tag color={state.color}>{state.label}</Tag>
                  <span style={{ fontSize: 12 }}>
                    {dateTime(o.claimFrom)}
                    <br />至 {dateTime(o.claimUntil)}
                  </span>
                </Space>
              )
            },
          },
          {
            title: '领取进度',
            width: 200,
            render: (_, o) => (
              <StockBar
                testId={`offer-stock-${o.offerId}`}
                total={o.totalStock}
                remaining={o.remainingStock}
                taken={o.claimed}
                takenLabel="本活动已领"
                used={o.redeemed}
                usedLabel="核销"
                note={o.discountFen > 0 ? `优惠 ${yuan(o.discountFen)}` : undefined}
              />
            ),
          },
          {
            title: '操作',
            width: 110,
            render: (_, o) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEdit({ offer: o })}>
                  编辑
                </Button>
                <Button type="link" size="small" danger={o.status === 'active'} onClick={() => toggle(o)}>
                  {o.status === 'active' ? '暂停' : '恢复'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <OfferModal edit={edit} onClose={() => setEdit(null)} />
    </>
  )
}
