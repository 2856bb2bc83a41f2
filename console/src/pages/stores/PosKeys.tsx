/**
 * POS 密钥: a store system's API keys. A new key's secret is shown once; 轮换 issues a new
 * key and lets the old one work for an overlap; 吊销 ends a key at once.
 */
import PlusOutlined from '@ant-design/icons/PlusOutlined'
import { useQueryClient } from '@tanstack/react-query'
import Alert from 'antd/es/alert'
import App from 'antd/es/app'
import Badge from 'antd/es/badge'
import Button, { type ButtonProps } from 'antd/es/button'
import Descriptions from 'antd/es/descriptions'
import Form from 'antd/es/form'
import InputNumber from 'antd/es/input-number'
import Modal from 'antd/es/modal'
import Popconfirm from 'antd/es/popconfirm'
import Space from 'antd/es/space'
import Typography from 'antd/es/typography'
import { useState } from 'react'
import { api, errorText, type ResponseOf } from '../../api/client'
import PagedTable from '../../components/PagedTable'
import { dateTime } from '../../lib/format'
import { useFormSubmit } from '../../lib/forms'
import type { AdminStore } from './useStores'

type PosKey = ResponseOf<'listPosKeys'>['items'][number]
type NewKey = ResponseOf<'createPosKey'> & { replaces?: string; overlapHours?: number }

const STATUS: Record<PosKey['status'], { text: string; badge: 'success' | 'default' | 'error' }> = {
  active: { text: '有效', badge: 'success' },
  expired: { text: '已过期', badge: 'default' },
  revoked: { text: '已吊销', badge: 'error' },
}

interface KeyFormValues {
  expiresInDays?: number | null
  overlapHours?: number | null
}

function NewKeyModal({
  store,
  replaces,
  open,
  onClose,
  onCreated,
}: {
  store: AdminStore
  replaces?: string
  open: boolean
  onClose: () => void
  onCreated: (k: NewKey) => void
}) {
  const [form] = Form.useForm<KeyFormValues>()
  const { saving, error, submit } = useFormSubmit(form, async (v) => {
    const overlapHours = v.overlapHours ?? 24
    const k = await api.call('createPosKey', {
      params: { storeId: store.storeId },
      body: {
        ...(v.expiresInDays ? { expiresInDays: v.expiresInDays } : {}),
        ...(replaces ? { replaces, overlapHours } : {}),
      },
    })
    onCreated({ ...k, ...(replaces ? { replaces, overlapHours } : {}) })
  })

  return (
    <Modal
      title={replaces ? `轮换密钥 ${replaces}` : `新建 POS 密钥：${store.name}`}
      open={open}
      okText={replaces ? '生成新密钥' : '创建密钥'}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'pos-key-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ overlapHours: 24 }}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        {replaces && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="生成新密钥后，旧密钥在过渡期内仍可使用，过渡期结束后自动失效。请在过渡期内把收银系统换成新密钥。"
          />
        )}
        <Form.Item name="expiresInDays" label="有效期（天）" extra="留空表示长期有效，直到吊销">
          <InputNumber min={1} max={3650} precision={0} placeholder="如 365" style={{ width: 200 }} suffix="天" />
        </Form.Item>
        {replaces && (
          <Form.Item
            name="overlapHours"
            label="旧密钥过渡期（小时）"
            rules={[{ required: true, message: '请填写过渡期，0 表示立即失效' }]}
            extra="0 表示旧密钥立即失效；最长 720 小时"
          >
            <InputNumber min={0} max={720} precision={0} style={{ width: 200 }} suffix="小时" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  )
}

function SecretModal({ created, onClose }: { created: NewKey | null; onClose: () => void }) {
  return (
    <Modal
      title="密钥已创建"
      open={Boolean(created)}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      width={640}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose} data-testid="pos-secret-close">
          我已保存密钥
        </Button>
      }
    >
      {created && (
        <div data-testid="pos-secret-modal">
          <Alert
            type="warning"
            showIcon
            title="密钥只显示这一次"
            description="关闭此窗口后任何人（包括管理员）都无法再次查看。请立即复制并配置到门店收银系统；不要通过聊天工具或邮件发送。"
            style={{ marginBottom: 16 }}
          />
          <Descriptions
            column={1}
            bordered
            size="small"
            styles={{ label: { width: 120 } }}
            items={[
              { key: 'id', label: '密钥 ID', children: <Typography.Text copyable>{created.keyId}</Typography.Text> },
              {
                key: 'secret',
                label: '密钥',
                children: (
                  <Typography.Text
                    copyable={{ text: created.secret, tooltips: ['复制密钥', '已复制'] }}
                    style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
                    data-testid="pos-secret"
                  >
                    {created.secret}
                  </Typography.Text>
                ),
              },
              { key: 'expires', label: '到期时间', children: created.expiresAt ? dateTime(created.expiresAt) : '长期有效（直到吊销）' },
              ...(created.replaces
                ? [
                    {
                      key: 'replaces',
                      label: '替换的旧密钥',
                      children: `${created.replaces}（${created.overlapHours ? `${created.overlapHours} 小时后失效` : '已立即失效'}）`,
                    },
                  ]
                : []),
            ]}
          />
        </div>
      )}
    </Modal>
  )
}

export default function PosKeys({ store }: { store: AdminStore }) {
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const [creating, setCreating] = useState<{ replaces?: string } | null>(null)
  const [created, setCreated] = useState<NewKey | null>(null)
  const key = ['stores', store.storeId, 'pos-keys'] as const
  const refresh = () => queryClient.invalidateQueries({ queryKey: key })

  const revoke = async (k: PosKey) => {
    try {
      await api.call('revokePosKey', { params: { storeId: store.storeId, keyId: k.keyId } })
      message.success(`已吊销密钥 ${k.keyId}`)
      await refresh()
    } catch (e) {
      message.error(errorText(e))
    }
  }

  return (
    <>
      <PagedTable<PosKey>
        testId="pos-keys"
        queryKey={key}
        fetchPage={(page) => api.call('listPosKeys', { params: { storeId: store.storeId }, query: page })}
        rowKey="keyId"
        pageSize={20}
        emptyText="还没有 POS 密钥"
        toolbar={
          <Button icon={<PlusOutlined />} onClick={() => setCreating({})} disabled={!store.active} data-testid="pos-key-create">
            新建密钥
          </Button>
        }
        columns={[
          { title: '密钥 ID', dataIndex: 'keyId', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          {
            title: '状态',
            dataIndex: 'status',
            render: (_, k) => <Badge status={STATUS[k.status].badge} text={STATUS[k.status].text} />,
          },
          { title: '创建时间', dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
          { title: '到期时间', dataIndex: 'expiresAt', render: (_, k) => (k.expiresAt ? dateTime(k.expiresAt) : '长期有效') },
          { title: '吊销时间', dataIndex: 'revokedAt', render: (_, k) => (k.revokedAt ? dateTime(k.revokedAt) : '—') },
          {
            title: '操作',
            key: 'actions',
            render: (_, k) =>
              k.status === 'active' ? (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setCreating({ replaces: k.keyId })}>
                    轮换
                  </Button>
                  <Popconfirm
                    title={`吊销密钥 ${k.keyId}？`}
                    description="吊销后，使用该密钥的收银系统请求立即被拒绝，且无法恢复。"
                    okText="吊销"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() => revoke(k)}
                  >
                    <Button type="link" size="small" danger data-testid={`pos-key-revoke-${k.keyId}`}>
                      吊销
                    </Button>
                  </Popconfirm>
                </Space>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
        ]}
      />
      <NewKeyModal
        store={store}
        replaces={creating?.replaces}
        open={creating !== null}
        onClose={() => setCreating(null)}
        onCreated={(k) => {
          setCreating(null)
          setCreated(k)
          void refresh()
        }}
      />
      <SecretModal created={created} onClose={() => setCreated(null)} />
    </>
  )
}
