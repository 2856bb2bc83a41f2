/** 积分商城: the points-mall items with their stock and exchanges; create, edit the copy, top up stock, pause and resume (confirmed). */
import PlusOutlined from '@ant-design/icons/PlusOutlined'
import { useQueryClient } from '@tanstack/react-query'
import { useTemplateOptions } from '../coupons/TemplateSelect'
import type { AdminReward } from '@huiyuan/shared/coupons/admin'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import Card from 'antd/es/card'
import Space from 'antd/es/space'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import { useState } from 'react'
import { api, errorText } from '../../api/client'
import PagedTable from '../../components/PagedTable'
import { count, date } from '../../lib/format'
import StockBar from '../coupons/StockBar'
import RewardModal, { REWARDS_KEY, type RewardEdit } from './RewardModal'

export default function RewardsPage() {
  const { message, modal } = App.useApp()
  const queryClient = useQueryClient()
  const [edit, setEdit] = useState<RewardEdit | null>(null)
  const templates = useTemplateOptions()
  const templateName = (id: string | null) => (id ? templates.data?.items.find((t) => t.templateId === id)?.name : undefined)

  const toggle = (r: AdminReward) => {
    const pausing = r.status === 'active'
    modal.confirm({
      title: pausing ? `暂停兑换「${r.name}」？` : `恢复兑换「${r.name}」？`,
      content: pausing ? '暂停后会员在积分商城暂时无法兑换；已兑换的不受影响。' : '恢复后会员可以继续用积分兑换。',
      okText: pausing ? '暂停' : '恢复',
      okButtonProps: pausing ? { danger: true } : {},
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.call('updateReward', { params: { rewardId: r.rewardId }, body: { status: pausing ? 'paused' : 'active' } })
          message.success(pausing ? '已暂停兑换' : '已恢复兑换')
          void queryClient.invalidateQueries({ queryKey: REWARDS_KEY })
        } catch (e) {
          message.error(errorText(e))
        }
      },
    })
  }

  return (
    <Card title="积分商城">
      <PagedTable<AdminReward>
        testId="reward-table"
        queryKey={REWARDS_KEY}
        fetchPage={(page) => api.call('listRewardsAdmin', { query: page })}
        rowKey="rewardId"
        emptyText="积分商城还没有商品"
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEdit({ mode: 'create' })} data-testid="new-reward">
            新建积分商品
          </Button>
        }
        csv={{
          fileName: '积分商城',
          columns: [
            { title: '商品编号', value: (r) => r.rewardId },
            { title: '名称', value: (r) => r.name },
            { title: '说明', value: (r) => r.description },
            { title: '类型', value: (r) => (r.kind === 'coupon' ? '券' : '实物') },
            { title: '发放的券', value: (r) => templateName(r.templateId) ?? '' },
            { title: '所需积分', value: (r) => r.pointsCost },
            { title: '剩余库存', value: (r) => r.stock },
            { title: '已兑换', value: (r) => r.exchanged },
            { title: '累计消耗积分', value: (r) => r.pointsSpent },
            { title: '状态', value: (r) => (r.status === 'active' ? '兑换中' : '已暂停') },
            { title: '上架时间', value: (r) => date(r.createdAt) },
          ],
        }}
        columns={[
          {
            title: '商品',
            width: 210,
            render: (_, r) => (
              <Space orientation="vertical" size={0} style={{ width: 170 }}>
                <Typography.Text strong ellipsis={{ tooltip: r.name }}>
                  {r.name}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: r.description }}>
                  {r.description || '—'}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '兑换得到',
            width: 170,
            render: (_, r) =>
              r.kind === 'coupon' ? (
                <Space size={4} style={{ width: 140 }}>
                  <Tag color="red">券</Tag>
                  <Typography.Text style={{ fontSize: 13 }} ellipsis={{ tooltip: templateName(r.templateId) }}>
                    {templateName(r.templateId) ?? ''}
                  </Typography.Text>
                </Space>
              ) : (
                <Tag color="purple">实物礼品</Tag>
              ),
          },
          { title: '所需积分', width: 100, align: 'right', render: (_, r) => `${count(r.pointsCost)} 分` },
          {
            title: '库存',
            width: 210,
            render: (_, r) => (
              <StockBar
                testId={`reward-stock-${r.rewardId}`}
                total={r.stock + r.exchanged}
                remaining={r.stock}
                taken={r.exchanged}
                takenLabel="已兑换"
                note={r.pointsSpent > 0 ? `消耗 ${count(r.pointsSpent)} 积分` : undefined}
              />
            ),
          },
          {
            title: '状态',
            width: 90,
            render: (_, r) =>
              r.status === 'active' ? (
                r.stock > 0 ? (
                  <Tag color="green">兑换中</Tag>
                ) : (
                  <Tag color="red">已兑完</Tag>
                )
              ) : (
                <Tag color="orange">已暂停</Tag>
              ),
          },
          {
            title: '操作',
            width: 170,
            render: (_, r) => (
              <Space size={0} wrap style={{ width: 130 }}>
                <Button type="link" size="small" onClick={() => setEdit({ mode: 'edit', reward: r })}>
                  编辑
                </Button>
                <Button type="link" size="small" onClick={() => setEdit({ mode: 'stock', reward: r })}>
                  补充库存
                </Button>
                <Button type="link" size="small" danger={r.status === 'active'} onClick={() => toggle(r)}>
                  {r.status === 'active' ? '暂停' : '恢复'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <RewardModal edit={edit} onClose={() => setEdit(null)} />
    </Card>
  )
}
