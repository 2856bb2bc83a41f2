/**
 * 员工: staff accounts with their roles, stores and status; a new account gets a one-time
 * binding code (text and QR) the employee enters in the mini-program's staff entry; roles
 * and stores change, and an account is disabled (refused on its next request) or enabled.
 */
import PlusOutlined from '@ant-design/icons/PlusOutlined'
import { useQueryClient } from '@tanstack/react-query'
import Alert from 'antd/es/alert'
import App from 'antd/es/app'
import Badge from 'antd/es/badge'
import Button, { type ButtonProps } from 'antd/es/button'
import Card from 'antd/es/card'
import Checkbox from 'antd/es/checkbox'
import Form from 'antd/es/form'
import Input from 'antd/es/input'
import Modal from 'antd/es/modal'
import QRCode from 'antd/es/qr-code'
import Select from 'antd/es/select'
import Space from 'antd/es/space'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import { useState } from 'react'
import { api, errorText, isApiError, type ResponseOf } from '../../api/client'
import { useMe } from '../../app/useMe'
import PagedTable from '../../components/PagedTable'
import { dateTime, ROLE_NAMES } from '../../lib/format'
import { applyFieldErrors, useFormSubmit } from '../../lib/forms'
import { useAllStores, useStoreName } from '../stores/useStores'

type Staff = ResponseOf<'listStaff'>['items'][number]
type Created = ResponseOf<'createStaff'>
type Role = Staff['roles'][number]

const ROLE_ORDER: Role[] = ['cashier', 'store_manager', 'marketer', 'admin']
const ROLE_HINTS: Record<Role, string> = {
  cashier: '小程序收银台：识别会员、记录消费、核销优惠券',
  store_manager: '所属门店的收银与管理，可登录控制台查看门店',
  marketer: '会员、优惠券、积分商城、报表（全部门店）',
  admin: '全部功能，含员工、门店、规则与审计（全部门店）',
}
const ROLE_COLORS: Record<Role, string> = { admin: 'red', marketer: 'purple', store_manager: 'blue', cashier: 'default' }
const STAFF_KEY = ['staff'] as const

/** Roles bound to stores need at least one; admins and marketers act for every store. */
const needsStores = (roles: Role[] | undefined) =>
  Boolean(roles?.some((r) => r === 'cashier' || r === 'store_manager') && !roles.includes('admin'))

/** The API's refusal in Chinese, including its refusal to let an admin lock themselves out. */
const staffErrorText = (e: unknown): string => {
  if (isApiError(e) && e.fields?.some((f) => f.code === 'self')) return '不能停用自己的账号，也不能取消自己的管理员角色'
  return errorText(e)
}

interface StaffFormValues {
  name?: string
  roles: Role[]
  storeIds: string[]
}

function StaffFields({ withName }: { withName: boolean }) {
  const stores = useAllStores()
  const roles = Form.useWatch('roles') as Role[] | undefined
  return (
    <>
      {withName && (
        <Form.Item
          name="name"
          label="姓名"
          rules={[
            { required: true, whitespace: true, message: '请输入员工姓名' },
            { max: 30, message: '姓名最多 30 个字' },
          ]}
        >
          <Input placeholder="如：王小明" maxLength={30} data-testid="staff-name" />
        </Form.Item>
      )}
      <Form.Item name="roles" label="角色" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个角色' }]}>
        <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {ROLE_ORDER.map((r) => (
            <Checkbox key={r} value={r} data-testid={`role-${r}`}>
              <Space size={8}>
                <span style={{ display: 'inline-block', minWidth: 56 }}>{ROLE_NAMES[r]}</span>
                <Typography.Text type="secondary">{ROLE_HINTS[r]}</Typography.Text>
              </Space>
            </Checkbox>
          ))}
        </Checkbox.Group>
      </Form.Item>
      <Form.Item
        name="storeIds"
        label="门店"
        dependencies={['roles']}
        extra={needsStores(roles) ? '收银员和店长只能操作所选门店' : '管理员和市场运营可操作全部门店，无需选择'}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, v: string[] | undefined) =>
              needsStores(getFieldValue('roles')) && !v?.length
                ? Promise.reject(new Error('收银员和店长至少需要一个门店'))
                : Promise.resolve(),
          }),
        ]}
      >
        <Select
          mode="multiple"
          placeholder={stores.isError ? '门店列表加载失败' : '选择门店'}
          loading={stores.isPending}
          optionFilterProp="label"
          data-testid="staff-stores"
          options={(stores.data ?? []).map((s) => ({
            value: s.storeId,
            label: `${s.storeId} ${s.name}${s.active ? '' : '（已关闭）'}`,
          }))}
        />
      </Form.Item>
    </>
  )
}

function CreateStaffModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (s: Created) => void }) {
  const [form] = Form.useForm<StaffFormValues>()
  const { saving, error, submit } = useFormSubmit(form, async (v) => {
    const created = await api.call('createStaff', { body: { name: v.name?.trim() ?? '', roles: v.roles, storeIds: v.storeIds ?? [] } })
    form.resetFields()
    onCreated(created)
  })

  return (
    <Modal
      title="新建员工"
      open={open}
      width={620}
      okText="创建并生成绑定码"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'staff-create-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" initialValues={{ roles: ['cashier'], storeIds: [] }} preserve={false}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <StaffFields withName />
      </Form>
    </Modal>
  )
}

function BindingCodeModal({ created, onClose }: { created: Created | null; onClose: () => void }) {
  const storeName = useStoreName()
  return (
    <Modal
      title="员工已创建"
      open={Boolean(created)}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      footer={<Button onClick={onClose}>完成</Button>}
    >
      {created && (
        <div data-testid="binding-result">
          <Alert
            type="info"
            showIcon
            title={`请把绑定码交给「${created.name}」本人，绑定码仅可使用一次，有效期至 ${dateTime(created.bindingCodeExpiresAt)}。`}
            style={{ marginBottom: 20 }}
          />
          <div style={{ display: 'flex', gap: 28, alignItems: 'center' }}>
            <div style={{ textAlign: 'center' }}>
              <QRCode value={created.bindingCode} size={180} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                绑定码二维码
              </Typography.Text>
            </div>
            <Space orientation="vertical" size={12} style={{ flex: 1 }}>
              <div>
                <Typography.Text type="secondary">绑定码</Typography.Text>
                <Typography.Paragraph
                  copyable={{ text: created.bindingCode, tooltips: ['复制', '已复制'] }}
                  style={{ fontSize: 28, fontFamily: 'monospace', letterSpacing: 4, margin: 0 }}
                  data-testid="binding-code"
                >
                  {created.bindingCode}
                </Typography.Paragraph>
              </div>
              <div>
                <Typography.Text type="secondary">角色与门店：</Typography.Text>
                {created.roles.map((r) => (
                  <Tag key={r} color={ROLE_COLORS[r]}>
                    {ROLE_NAMES[r]}
                  </Tag>
                ))}
                <Typography.Text>{created.storeIds.length ? created.storeIds.map(storeName).join('、') : '全部门店'}</Typography.Text>
              </div>
            </Space>
          </div>
          <div style={{ marginTop: 20, padding: '12px 16px', background: '#fafafa', borderRadius: 6 }}>
            <Typography.Text strong>绑定方法</Typography.Text>
            <ol style={{ margin: '8px 0 0', paddingLeft: 20, lineHeight: 1.9 }}>
              <li>员工用自己的微信打开会员小程序；</li>
              <li>进入「员工入口」；</li>
              <li>在小程序「员工入口」输入绑定码（或扫描上方二维码），完成绑定后即可使用。</li>
            </ol>
          </div>
        </div>
      )}
    </Modal>
  )
}

function EditStaffModal({ staff, onClose, onSaved }: { staff: Staff | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<StaffFormValues>()
  const { message } = App.useApp()
  const { saving, error, submit } = useFormSubmit(
    form,
    async (v) => {
      if (!staff) return
      await api.call('updateStaff', { params: { staffId: staff.staffId }, body: { roles: v.roles, storeIds: v.storeIds ?? [] } })
      message.success(`已更新「${staff.name}」的角色和门店，下一次操作起生效`)
      onSaved()
    },
    (e) => (isApiError(e) && e.fields?.some((f) => f.code === 'self') ? staffErrorText(e) : applyFieldErrors(form, e)),
  )

  return (
    <Modal
      title={staff ? `修改角色和门店：${staff.name}` : ''}
      open={Boolean(staff)}
      width={620}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {staff && (
        <Form form={form} layout="vertical" initialValues={{ roles: staff.roles, storeIds: staff.storeIds }} preserve={false}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <StaffFields withName={false} />
        </Form>
      )}
    </Modal>
  )
}

export default function StaffPage() {
  const me = useMe()
  const queryClient = useQueryClient()
  const storeName = useStoreName()
  const { message, modal } = App.useApp()
  const [creating, setCreating] = useState(false)
  const [created, setCreated] = useState<Created | null>(null)
  const [editing, setEditing] = useState<Staff | null>(null)
  const refresh = () => queryClient.invalidateQueries({ queryKey: STAFF_KEY })

  const setDisabled = async (s: Staff, disabled: boolean) => {
    try {
      await api.call('updateStaff', { params: { staffId: s.staffId }, body: { disabled } })
      message.success(disabled ? `已停用「${s.name}」` : `已启用「${s.name}」`)
      await refresh()
    } catch (e) {
      message.error(staffErrorText(e))
    }
  }

  const confirmDisable = (s: Staff) =>
    modal.confirm({
      title: `停用员工「${s.name}」？`,
      content: '停用后该员工下一次操作即被拒绝（收银台和控制台都无法再使用），可随时重新启用。',
      okText: '停用',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => setDisabled(s, true),
    })

  return (
    <Card
      title="员工"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="staff-create">
          新建员工
        </Button>
      }
    >
      <PagedTable<Staff>
        testId="staff-table"
        queryKey={STAFF_KEY}
        fetchPage={(page) => api.call('listStaff', { query: page })}
        rowKey="staffId"
        emptyText="还没有员工账号，点击右上角「新建员工」"
        csv={{
          fileName: '员工',
          columns: [
            { title: '员工编号', value: (s) => s.staffId },
            { title: '姓名', value: (s) => s.name },
            { title: '角色', value: (s) => s.roles.map((r) => ROLE_NAMES[r] ?? r).join('、') },
            { title: '门店', value: (s) => (s.storeIds.length ? s.storeIds.map(storeName).join('、') : '全部门店') },
            { title: '绑定', value: (s) => (s.bound ? '已绑定' : '待绑定') },
            { title: '状态', value: (s) => (s.disabled ? '已停用' : '正常') },
            { title: '创建时间', value: (s) => dateTime(s.createdAt) },
          ],
        }}
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            render: (_, s) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>
                  {s.name}
                  {s.staffId === me.data?.staffId && <Tag style={{ marginLeft: 8 }}>我</Tag>}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.staffId}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '角色',
            dataIndex: 'roles',
            render: (_, s) =>
              s.roles.map((r) => (
                <Tag key={r} color={ROLE_COLORS[r]}>
                  {ROLE_NAMES[r] ?? r}
                </Tag>
              )),
          },
          {
            title: '门店',
            dataIndex: 'storeIds',
            render: (_, s) =>
              s.storeIds.length ? (
                <Typography.Text style={{ maxWidth: 280 }} ellipsis={{ tooltip: s.storeIds.map(storeName).join('、') }}>
                  {s.storeIds.map(storeName).join('、')}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">全部门店</Typography.Text>
              ),
          },
          {
            title: '微信绑定',
            dataIndex: 'bound',
            render: (_, s) =>
              s.bound ? <Typography.Text>已绑定</Typography.Text> : <Typography.Text type="warning">待绑定</Typography.Text>,
          },
          {
            title: '状态',
            dataIndex: 'disabled',
            render: (_, s) => (s.disabled ? <Badge status="default" text="已停用" /> : <Badge status="success" text="正常" />),
          },
          { title: '创建时间', dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
          {
            title: '操作',
            key: 'actions',
            fixed: 'right',
            render: (_, s) => (
              <Space size={0} data-testid={`staff-actions-${s.staffId}`}>
                <Button type="link" onClick={() => setEditing(s)}>
                  修改角色/门店
                </Button>
                {s.disabled ? (
                  <Button type="link" onClick={() => void setDisabled(s, false)}>
                    启用
                  </Button>
                ) : (
                  <Button type="link" danger onClick={() => confirmDisable(s)}>
                    停用
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <CreateStaffModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(s) => {
          setCreating(false)
          setCreated(s)
          void refresh()
        }}
      />
      <BindingCodeModal created={created} onClose={() => setCreated(null)} />
      <EditStaffModal
        staff={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null)
          void refresh()
        }}
      />
    </Card>
  )
}
