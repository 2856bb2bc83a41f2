/** 优惠券: the coupon templates and the offer centre (领券中心), each a tab (kept in the address: ?tab=offers). */
import Card from 'antd/es/card'
import Tabs from 'antd/es/tabs'
import { useSearchParams } from 'react-router'
import OffersTab from './OffersTab'
import TemplatesTab from './TemplatesTab'

export default function CouponsPage() {
  const [params, setParams] = useSearchParams()
  const tab = params.get('tab') === 'offers' ? 'offers' : 'templates'
  return (
    <Card title="优惠券" styles={{ body: { paddingTop: 8 } }}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'offers' ? { tab: 'offers' } : {}, { replace: true })}
        items={[
          { key: 'templates', label: '券模板', children: <TemplatesTab /> },
          { key: 'offers', label: '领券中心', children: <OffersTab /> },
        ]}
      />
    </Card>
  )
}
