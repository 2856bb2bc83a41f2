/**
 * 人群: the RFM picture of the member base, and the saved segments (last changed first) with
 * their last count; a row opens the builder, 删除 asks first.
 */
import PlusOutlined from '@ant-design/icons/PlusOutlined'
import type { Segment } from '@huiyuan/shared/segments/schemas'
import { useQueryClient } from '@tanstack/react-query'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import Card from 'antd/es/card'
import Popconfirm from 'antd/es/popconfirm'
import Space from 'antd/es/space'
import Typography from 'antd/es/typography'
import { useNavigate } from 'react-router'
import { api, errorText } from '../../api/client'
import PagedTable from '../../components/PagedTable'
import { count, dateTime, percent } from '../../lib/format'
import RfmCard from './RfmCard'
import { SEGMENT_LIST_KEY, segmentKey } from './queries'

const shareOf = (c: NonNullable<Segment['lastCount']>) => (c.members > 0 ? c.size / c.members : 0)

export default function SegmentsPage() {
  const navigate = useNavigate()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const open = (s: Segment) => navigate(`/segments/${encodeURIComponent(s.segmentId)}`)

  const remove = async (s: Segment) => {
    try {
      await api.call('deleteSegment', { params: { segmentId: s.segmentId } })
      queryClient.removeQueries({ queryKey: segmentKey(s.segmentId) })
      await queryClient.invalidateQueries({ queryKey: SEGMENT_LIST_KEY })
      message.success(`已删除人群「${s.name}」`)
    } catch (e) {
      message.error(errorText(e))
    }
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <RfmCard />
      <Card title="人群">
        <PagedTable<Segment>
          testId="segment-table"
          queryKey={SEGMENT_LIST_KEY}
          fetchPage={(page) => api.call('listSegments', { query: page })}
          rowKey="segmentId"
          emptyText="还没有人群，点击「新建人群」按条件圈选会员"
          onRow={(s) => ({ onClick: () => open(s), style: { cursor: 'pointer' } })}
          toolbar={
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/segments/new')} data-testid="new-segment">
              新建人群
            </Button>
          }
          csv={{
            fileName: '人群',
            columns: [
              { title: '人群编号', value: (s) => s.segmentId },
              { title: '名称', value: (s) => s.name },
              { title: '说明', value: (s) => s.description ?? '' },
              { title: '上次人数', value: (s) => s.lastCount?.size ?? '' },
              { title: '占比', value: (s) => (s.lastCount ? percent(shareOf(s.lastCount)) : '') },
              { title: '统计时间', value: (s) => (s.lastCount ? dateTime(s.lastCount.at) : '') },
              { title: '更新时间', value: (s) => dateTime(s.updatedAt) },
            ],
          }}
          columns={[
            {
              title: '人群',
              key: 'name',
              render: (_, s) => (
                <div style={{ maxWidth: 420 }}>
                  <Typography.Link strong onClick={() => open(s)}>
                    {s.name}
                  </Typography.Link>
                  {s.description && (
                    <Typography.Paragraph
                      type="secondary"
                      ellipsis={{ rows: 1, tooltip: s.description }}
                      style={{ margin: 0, fontSize: 12 }}
                    >
                      {s.description}
                    </Typography.Paragraph>
                  )}
                </div>
              ),
            },
            {
              title: '上次人数',
              key: 'lastCount',
              align: 'right',
              render: (_, s) =>
                s.lastCount ? (
                  <div data-testid="segment-last-count">
                    <Typography.Text strong>{count(s.lastCount.size)} 人</Typography.Text>
                    <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                      占 {percent(shareOf(s.lastCount))}
                    </Typography.Text>
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        统计于 {dateTime(s.lastCount.at)}
                      </Typography.Text>
                    </div>
                  </div>
                ) : (
                  <Typography.Text type="secondary">未统计</Typography.Text>
                ),
            },
            { title: '更新时间', dataIndex: 'updatedAt', render: (v: string) => dateTime(v) },
            {
              title: '操作',
              key: 'actions',
              width: 140,
              render: (_, s) => (
                // biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useKeyWithClickEvents: keeps the row's click (open) off the buttons
                <span onClick={(e) => e.stopPropagation()}>
                  <Button type="link" size="small" onClick={() => open(s)}>
                    编辑
                  </Button>
                  <Popconfirm
                    title={`删除人群「${s.name}」？`}
                    description="删除后无法恢复。"
                    okText="删除"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() => remove(s)}
                  >
                    <Button type="link" size="small" danger data-testid="delete-segment">
                      删除
                    </Button>
                  </Popconfirm>
                </span>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  )
}
