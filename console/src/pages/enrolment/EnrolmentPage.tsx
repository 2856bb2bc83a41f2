/**
 * 团体办理 (PRODUCT.md §1): enrolment codes for organisations. Each code's QR opens its
 * store's join page; members joining with it are tagged with the organisation and start at
 * its tier, up to its places and within its dates. Admins create, stop (confirmed) and
 * restart codes; marketers read the list and print the QRs.
 */
import PlusOutlined from '@ant-design/icons/PlusOutlined'
import { useQueryClient } from '@tanstack/react-query'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import Card from 'antd/es/card'
import Popconfirm from 'antd/es/popconfirm'
import Progress from 'antd/es/progress'
import Space from 'antd/es/space'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import { useState } from 'react'
import { api, errorText } from '../../api/client'
import { mayCall } from '../../app/access'
import { useMe } from '../../app/useMe'
import PagedTable from '../../components/PagedTable'
import { count, dateTime } from '../../lib/format'
import { staffText, useStaffNames } from '../staff/useStaffNames'
import { useStoreName } from '../stores/useStores'
import CreateCodeModal from './CreateCodeModal'
import EnrolmentQrModal, { type EnrolmentCode } from './EnrolmentQr'
import { STATUS } from './labels'

export const ENROLMENT_KEY = ['enrolment-codes'] as const

function Usage({ c }: { c: EnrolmentCode }) {
  const percent = c.maxUses > 0 ? Math.min(100, Math.floor((c.used * 100) / c.maxUses)) : 0
  return (
    <div style={{ width: 110 }} data-testid={`enrolment-usage-${c.code}`}>
      <div style={{ fontSize: 12 }}>
        <b>{count(c.used)}</b>/{count(c.maxUses)}
      </div>
      <Progress
        percent={percent}
        showInfo={false}
        size="small"
        status={c.used >= c.maxUses ? 'exception' : 'normal'}
        style={{ margin: 0 }}
      />
    </div>
  )
}

export default function EnrolmentPage() {
  const me = useMe()
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const [creating, setCreating] = useState(false)
  const [showing, setShowing] = useState<EnrolmentCode | null>(null)
  const canWrite = mayCall(me.data, 'createEnrolmentCode')
  const canToggle = mayCall(me.data, 'updateEnrolmentCode')
  const storeName = useStoreName()
  const staffNames = useStaffNames()
  const refresh = () => queryClient.invalidateQueries({ queryKey: ENROLMENT_KEY })

  const setDisabled = async (c: EnrolmentCode, disabled: boolean) => {
    try {
      await api.call('updateEnrolmentCode', { params: { code: c.code }, body: { disabled } })
      message.success(disabled ? `已停用「${c.organisation}」的团体码` : `已启用「${c.organisation}」的团体码`)
      await refresh()
    } catch (e) {
      message.error(errorText(e))
    }
  }

  return (
    <Card
      title="团体办理"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="enrolment-create">
            新建团体码
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        为合作组织（企业、工会、社团）生成团体码：成员扫码入会后标记为该组织，并直接享有设定的起始等级；名额用完或过期后自动失效。
      </Typography.Paragraph>
      <PagedTable<EnrolmentCode>
        testId="enrolment-table"
        queryKey={[...ENROLMENT_KEY, 'list']}
        fetchPage={(page) => api.call('listEnrolmentCodes', { query: page })}
        rowKey="code"
        emptyText={canWrite ? '还没有团体码，新建一个发给合作组织' : '还没有团体码'}
        csv={{
          fileName: '团体码',
          columns: [
            { title: '组织', value: (c) => c.organisation },
            { title: '团体码', value: (c) => c.code },
            { title: '起始等级', value: (c) => c.tier.name },
            { title: '入会门店', value: (c) => storeName(c.storeId) },
            { title: '已用', value: (c) => String(c.used) },
            { title: '名额', value: (c) => String(c.maxUses) },
            { title: '开始日期', value: (c) => c.validFrom },
            { title: '结束日期', value: (c) => c.validUntil },
            { title: '状态', value: (c) => STATUS[c.status].text },
          ],
        }}
        columns={[
          {
            title: '组织',
            dataIndex: 'organisation',
            render: (v: string) => (
              <Typography.Text strong style={{ maxWidth: 200 }} ellipsis={{ tooltip: v }}>
                {v}
              </Typography.Text>
            ),
          },
          {
            title: '团体码',
            dataIndex: 'code',
            render: (v: string) => (
              <Typography.Text code copyable={{ text: v, tooltips: ['复制团体码', '已复制'] }}>
                {v}
              </Typography.Text>
            ),
          },
          { title: '起始等级', key: 'tier', render: (_, c) => c.tier.name },
          { title: '入会门店', dataIndex: 'storeId', render: (v: string) => storeName(v) },
          { title: '已用/名额', key: 'usage', render: (_, c) => <Usage c={c} /> },
          {
            title: '有效期',
            key: 'validity',
            render: (_, c) => (
              <Space orientation="vertical" size={0} style={{ whiteSpace: 'nowrap' }}>
                <span>{c.validFrom}</span>
                <Typography.Text type="secondary">至 {c.validUntil}</Typography.Text>
              </Space>
            ),
          },
          {
            title: '状态',
            dataIndex: 'status',
            render: (_, c) => (
              <Tag color={STATUS[c.status].color} data-testid={`enrolment-status-${c.code}`}>
                {STATUS[c.status].text}
              </Tag>
            ),
          },
          {
            title: '创建人/时间',
            key: 'created',
            render: (_, c) => (
              <Space orientation="vertical" size={0} style={{ whiteSpace: 'nowrap' }}>
                <span>{staffText(c.createdBy, staffNames, me.data)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dateTime(c.createdAt)}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'actions',
            fixed: 'right',
            render: (_, c) => (
              <Space size={0} data-testid={`enrolment-actions-${c.code}`}>
                <Button type="link" size="small" onClick={() => setShowing(c)}>
                  二维码
                </Button>
                {canToggle &&
                  (c.disabled ? (
                    <Button type="link" size="small" onClick={() => void setDisabled(c, false)}>
                      启用
                    </Button>
                  ) : (
                    <Popconfirm
                      title={`停用「${c.organisation}」的团体码？`}
                      description="停用后，扫这个码或填写团体码都不能再入会；已入会的会员不受影响。之后可以再启用。"
                      okText="停用"
                      okButtonProps={{ danger: true }}
                      cancelText="取消"
                      onConfirm={() => setDisabled(c, true)}
                    >
                      <Button type="link" size="small" danger>
                        停用
                      </Button>
                    </Popconfirm>
                  ))}
              </Space>
            ),
          },
        ]}
      />
      <CreateCodeModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          message.success(`已为「${c.organisation}」创建团体码 ${c.code}`)
          setCreating(false)
          setShowing(c)
          void refresh()
        }}
      />
      <EnrolmentQrModal code={showing} storeName={showing ? storeName(showing.storeId) : ''} onClose={() => setShowing(null)} />
    </Card>
  )
}
