/** 券模板: every template with its value, validity, where and for whom, and its stock; create, edit what is safe, top up, put on offer. */
import PlusOutlined from '@ant-design/icons/PlusOutlined'
import type { AdminCouponTemplate } from '@huiyuan/shared/coupons/admin'
import Button from 'antd/es/button'
import Space from 'antd/es/space'
import Tag from 'antd/es/tag'
import Tooltip from 'antd/es/tooltip'
import Typography from 'antd/es/typography'
import { useState } from 'react'
import { api } from '../../api/client'
import PagedTable from '../../components/PagedTable'
import { date, yuan } from '../../lib/format'
import { useStores, useTiers } from '../program/queries'
import OfferModal, { type OfferEdit } from './OfferModal'
import StockBar from './StockBar'
import TemplateDrawer, { TEMPLATES_KEY } from './TemplateDrawer'
import TemplateEditModal, { type TemplateEdit } from './TemplateEditModal'
import { KIND_COLORS, KINDS, validityText } from './templateForm'

export default function TemplatesTab() {
  const [creating, setCreating] = useState(false)
  const [edit, setEdit] = useState<TemplateEdit | null>(null)
  const [offer, setOffer] = useState<OfferEdit | null>(null)
  const stores = useStores().data?.items ?? []
  const tiers = useTiers()
  const storeNames = (ids: string[]) =>
    ids.length === 0 ? '全部门店' : ids.map((id) => stores.find((s) => s.storeId === id)?.name ?? id).join('、')
  const tierNames = (codes: string[]) =>
    codes.length === 0 ? '全部等级' : codes.map((c) => tiers.find((t) => t.code === c)?.name ?? c).join('、')

  return (
    <>
      <PagedTable<AdminCouponTemplate>
        testId="template-table"
        queryKey={TEMPLATES_KEY}
        fetchPage={(page) => api.call('listCouponTemplates', { query: page })}
        rowKey="templateId"
        emptyText="还没有券模板，点击「新建券模板」创建第一张券"
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-template">
            新建券模板
          </Button>
        }
        csv={{
          fileName: '券模板',
          columns: [
            { title: '模板编号', value: (t) => t.templateId },
            { title: '名称', value: (t) => t.name },
            { title: '类型', value: (t) => KINDS[t.kind] },
            { title: '面额', value: (t) => t.summary },
            { title: '有效期', value: (t) => validityText(t.validity) },
            { title: '适用门店', value: (t) => storeNames(t.storeIds) },
            { title: '适用等级', value: (t) => tierNames(t.tierCodes) },
            { title: '发行总量', value: (t) => t.totalStock ?? '不限' },
            { title: '剩余', value: (t) => t.remainingStock ?? '不限' },
            { title: '已发放', value: (t) => t.issued },
            { title: '已核销', value: (t) => t.redeemed },
            { title: '优惠金额（元）', value: (t) => (t.discountFen / 100).toFixed(2) },
            { title: '每人限领', value: (t) => t.perMemberLimit },
            { title: '创建时间', value: (t) => date(t.createdAt) },
          ],
        }}
        columns={[
          {
            title: '券',
            width: 170,
            render: (_, t) => (
              <Space orientation="vertical" size={0} style={{ width: 150 }}>
                <Typography.Text strong ellipsis={{ tooltip: t.name }}>
                  {t.name}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: t.templateId }}>
                  {t.templateId}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '券面与有效期',
            width: 200,
            render: (_, t) => (
              <Space orientation="vertical" size={2} style={{ width: 170 }}>
                <Tag color={KIND_COLORS[t.kind]}>{KINDS[t.kind]}</Tag>
                <span style={{ fontSize: 13 }}>{t.summary}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {validityText(t.validity)}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '适用',
            width: 140,
            render: (_, t) => (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', width: 120 }}>
                {storeNames(t.storeIds)}
                <br />
                {tierNames(t.tierCodes)}
                <br />
                每人限领 {t.perMemberLimit} 张
              </Typography.Text>
            ),
          },
          {
            title: '库存',
            width: 196,
            render: (_, t) => (
              <Tooltip title={`优惠金额 ${yuan(t.discountFen)}`}>
                <div>
                  <StockBar
                    testId={`stock-${t.templateId}`}
                    total={t.totalStock}
                    remaining={t.remainingStock}
                    taken={t.issued}
                    takenLabel="已发"
                    used={t.redeemed}
                    usedLabel="核销"
                  />
                </div>
              </Tooltip>
            ),
          },
          {
            title: '操作',
            width: 170,
            render: (_, t) => (
              <Space size={0} wrap style={{ width: 150 }}>
                <Button type="link" size="small" onClick={() => setEdit({ template: t, mode: 'edit' })}>
                  编辑
                </Button>
                {t.totalStock !== null && (
                  <Button type="link" size="small" onClick={() => setEdit({ template: t, mode: 'stock' })}>
                    补充库存
                  </Button>
                )}
                <Button type="link" size="small" onClick={() => setOffer({ templateId: t.templateId })}>
                  投放
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <TemplateDrawer open={creating} onClose={() => setCreating(false)} />
      <TemplateEditModal edit={edit} onClose={() => setEdit(null)} />
      <OfferModal edit={offer} onClose={() => setOffer(null)} />
    </>
  )
}
