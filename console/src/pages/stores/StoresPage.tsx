/**
 * 门店: the program's stores, open and closed (a store manager sees their own). Admins open,
 * edit, close and reopen stores; each store's drawer has its join QR (print-ready PNG) and,
 * for admins, the store system's POS keys.
 */
import PlusOutlined from '@ant-design/icons/PlusOutlined'
import { useQueryClient } from '@tanstack/react-query'
import Alert from 'antd/es/alert'
import App from 'antd/es/app'
import Button, { type ButtonProps } from 'antd/es/button'
import Card from 'antd/es/card'
import Descriptions from 'antd/es/descriptions'
import Drawer from 'antd/es/drawer'
import Form from 'antd/es/form'
import Input from 'antd/es/input'
import Modal from 'antd/es/modal'
import Space from 'antd/es/space'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import { useState } from 'react'
import { api, errorText, isApiError } from '../../api/client'
import { mayCall } from '../../app/access'
import { useMe } from '../../app/useMe'
import PagedTable from '../../components/PagedTable'
import { dateTime } from '../../lib/format'
import { applyFieldErrors, useFormSubmit } from '../../lib/forms'
import JoinCode from './JoinCode'
import PosKeys from './PosKeys'
import { type AdminStore, STORES_KEY } from './useStores'

const STORE_ID = /^[A-Z][A-Z0-9]{1,19}$/

const StoreStatus = ({ active }: { active: boolean }) => (active ? <Tag color="green">营业中</Tag> : <Tag>已关闭</Tag>)

interface StoreFormValues {
  storeId: string
  name: string
  city: string
  address: string
}

function StoreFormModal({
  store,
  open,
  onClose,
  onSaved,
}: {
  /** The store to edit; none: a new store. */
  store?: AdminStore
  open: boolean
  onClose: () => void
  onSaved: (s: AdminStore) => void
}) {
  const [form] = Form.useForm<StoreFormValues>()
  const { saving, error, submit } = useFormSubmit(
    form,
    async (v) => {
      const saved = store
        ? await api.call('updateStore', { params: { storeId: store.storeId }, body: { name: v.name, city: v.city, address: v.address } })
        : await api.call('createStore', { body: v })
      onSaved(saved)
    },
    (e) => {
      if (!isApiError(e) || e.code !== 'STORE_EXISTS') return applyFieldErrors(form, e)
      form.setFields([{ name: 'storeId', errors: ['门店编号已存在，请换一个'] }])
      return undefined
    },
  )

  const text = (label: string, max: number) => [
    { required: true, whitespace: true, message: `请输入${label}` },
    { max, message: `${label}最多 ${max} 个字` },
  ]

  return (
    <Modal
      title={store ? `编辑门店：${store.name}` : '新建门店'}
      open={open}
      okText={store ? '保存' : '创建门店'}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
      okButtonProps={{ 'data-testid': 'store-submit' } as ButtonProps}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={store ? { storeId: store.storeId, name: store.name, city: store.city, address: store.address } : undefined}
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form.Item
          name="storeId"
          label="门店编号"
          normalize={(v: string | undefined) => v?.toUpperCase().trim()}
          extra={
            store
              ? '门店编号创建后不能修改（它印在入会二维码里）'
              : '大写字母开头，2–20 位大写字母或数字，如 S004；印在入会二维码里，创建后不能修改'
          }
          rules={
            store
              ? []
              : [
                  { required: true, message: '请输入门店编号' },
                  { pattern: STORE_ID, message: '门店编号须以大写字母开头，由 2–20 位大写字母或数字组成，如 S004' },
                ]
          }
        >
          <Input disabled={Boolean(store)} placeholder="如 S004" maxLength={20} data-testid="store-id" />
        </Form.Item>
        <Form.Item name="name" label="门店名称" rules={text('门店名称', 40)}>
          <Input placeholder="如 徐家汇店" maxLength={40} data-testid="store-name" />
        </Form.Item>
        <Form.Item name="city" label="城市" rules={text('城市', 20)}>
          <Input placeholder="如 上海" maxLength={20} data-testid="store-city" />
        </Form.Item>
        <Form.Item name="address" label="地址" rules={text('地址', 120)}>
          <Input.TextArea
            placeholder="如 上海市徐汇区肇嘉浜路 1111 号"
            maxLength={120}
            autoSize={{ minRows: 2 }}
            data-testid="store-address"
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function StoreDrawer({ store, onClose, canKeys }: { store: AdminStore | null; onClose: () => void; canKeys: boolean }) {
  return (
    <Drawer
      title={store ? `${store.name}（${store.storeId}）` : ''}
      open={Boolean(store)}
      onClose={onClose}
      size={760}
      destroyOnHidden
      data-testid="store-drawer"
    >
      {store && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions
            size="small"
            bordered
            column={2}
            items={[
              { key: 'id', label: '门店编号', children: store.storeId },
              { key: 'status', label: '状态', children: <StoreStatus active={store.active} /> },
              { key: 'name', label: '名称', children: store.name },
              { key: 'city', label: '城市', children: store.city },
              { key: 'address', label: '地址', span: 2, children: store.address },
              { key: 'updated', label: '最近修改', span: 2, children: dateTime(store.updatedAt) },
            ]}
          />
          <Card size="small" title="入会二维码">
            <JoinCode store={store} />
          </Card>
          {canKeys && (
            <Card size="small" title="POS 密钥" extra={<Typography.Text type="secondary">门店收银系统调用接口的签名密钥</Typography.Text>}>
              <PosKeys store={store} />
            </Card>
          )}
        </Space>
      )}
    </Drawer>
  )
}

export default function StoresPage() {
  const me = useMe()
  const queryClient = useQueryClient()
  const { message, modal } = App.useApp()
  const [editing, setEditing] = useState<{ store?: AdminStore } | null>(null)
  const [viewing, setViewing] = useState<AdminStore | null>(null)
  const canWrite = mayCall(me.data, 'createStore')
  const canKeys = mayCall(me.data, 'listPosKeys')
  const ownStoresOnly = !me.data?.roles.some((r) => r === 'admin' || r === 'marketer')
  const refresh = () => queryClient.invalidateQueries({ queryKey: STORES_KEY })

  const setActive = async (s: AdminStore, active: boolean) => {
    try {
      const saved = await api.call('updateStore', { params: { storeId: s.storeId }, body: { active } })
      message.success(active ? `「${s.name}」已恢复营业` : `「${s.name}」已关闭`)
      if (viewing?.storeId === s.storeId) setViewing(saved)
      await refresh()
    } catch (e) {
      message.error(errorText(e))
    }
  }

  const confirmClose = (s: AdminStore) =>
    modal.confirm({
      title: `关闭门店「${s.name}」？`,
      content: (
        <Space orientation="vertical" size={4}>
          <span>关闭后，该门店不能再办理入会，收银台也不能再记录消费。</span>
          <span>会员的会员卡、积分和储值余额都不受影响，可在其他门店照常使用。</span>
          <span>之后可随时恢复营业。</span>
        </Space>
      ),
      okText: '关闭门店',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => setActive(s, false),
    })

  return (
    <Card
      title="门店"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="store-create">
            新建门店
          </Button>
        )
      }
    >
      {ownStoresOnly && <Alert type="info" showIcon title="仅显示您负责的门店" style={{ marginBottom: 16 }} />}
      <PagedTable<AdminStore>
        testId="stores-table"
        queryKey={[...STORES_KEY, 'list']}
        fetchPage={(page) => api.call('listStoresAdmin', { query: page })}
        rowKey="storeId"
        emptyText={ownStoresOnly ? '您还没有负责的门店' : '还没有门店，点击右上角「新建门店」'}
        csv={{
          fileName: '门店',
          columns: [
            { title: '门店编号', value: (s) => s.storeId },
            { title: '名称', value: (s) => s.name },
            { title: '城市', value: (s) => s.city },
            { title: '地址', value: (s) => s.address },
            { title: '状态', value: (s) => (s.active ? '营业中' : '已关闭') },
          ],
        }}
        columns={[
          { title: '门店编号', dataIndex: 'storeId', width: 110 },
          {
            title: '名称',
            dataIndex: 'name',
            render: (_, s) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => setViewing(s)}>
                {s.name}
              </Button>
            ),
          },
          { title: '城市', dataIndex: 'city', width: 100 },
          {
            title: '地址',
            dataIndex: 'address',
            render: (v: string) => (
              <Typography.Text style={{ maxWidth: 360 }} ellipsis={{ tooltip: v }}>
                {v}
              </Typography.Text>
            ),
          },
          { title: '状态', dataIndex: 'active', width: 100, render: (_, s) => <StoreStatus active={s.active} /> },
          {
            title: '操作',
            key: 'actions',
            fixed: 'right',
            render: (_, s) => (
              <Space size={0} data-testid={`store-actions-${s.storeId}`}>
                <Button type="link" onClick={() => setViewing(s)}>
                  {canKeys ? '二维码与密钥' : '入会二维码'}
                </Button>
                {canWrite && (
                  <>
                    <Button type="link" onClick={() => setEditing({ store: s })}>
                      编辑
                    </Button>
                    {s.active ? (
                      <Button type="link" danger onClick={() => confirmClose(s)}>
                        关闭门店
                      </Button>
                    ) : (
                      <Button type="link" onClick={() => void setActive(s, true)}>
                        恢复营业
                      </Button>
                    )}
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      <StoreFormModal
        store={editing?.store}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={(s) => {
          message.success(editing?.store ? `已保存「${s.name}」` : `已创建门店「${s.name}」`)
          setEditing(null)
          if (viewing?.storeId === s.storeId) setViewing(s)
          void refresh()
        }}
      />
      <StoreDrawer store={viewing} onClose={() => setViewing(null)} canKeys={canKeys} />
    </Card>
  )
}
