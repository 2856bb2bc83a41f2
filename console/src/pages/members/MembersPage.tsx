/**
 * 会员: find members by card number, phone or the start of a name (one box, as the API
 * takes `q`); phones masked; a row opens the member's profile. Each search is audited.
 */
import SearchOutlined from '@ant-design/icons/SearchOutlined'
import Alert from 'antd/es/alert'
import Card from 'antd/es/card'
import Input from 'antd/es/input'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import { useNavigate, useSearchParams } from 'react-router'
import { api, type ResponseOf } from '../../api/client'
import PagedTable from '../../components/PagedTable'
import { EmptyState } from '../../components/states'
import { dateTime } from '../../lib/format'
import { useStoreName } from '../stores/useStores'

type Row = ResponseOf<'searchMembers'>['items'][number]

/** What the box holds, as the API will read it. */
const kindOf = (q: string): string =>
  /^\d{10}$/.test(q) ? '卡号' : /^1\d{10}$/.test(q) ? '手机号' : /^\d+$/.test(q) ? '卡号或手机号（位数不完整）' : '姓名开头'

export default function MembersPage() {
  const navigate = useNavigate()
  const storeName = useStoreName()
  const [params, setParams] = useSearchParams()
  const q = params.get('q')?.trim() ?? ''

  const search = (value: string) => {
    const v = value.trim()
    setParams(v ? { q: v } : {}, { replace: false })
  }

  return (
    <Card title="会员">
      <div style={{ display: 'flex', alignItems: 'center', gap: 16, marginBottom: 16 }}>
        <Input.Search
          key={q}
          defaultValue={q}
          placeholder="输入卡号（10 位）、手机号（11 位）或姓名开头"
          allowClear
          enterButton={
            <>
              <SearchOutlined /> 搜索
            </>
          }
          size="large"
          maxLength={40}
          onSearch={search}
          style={{ maxWidth: 560 }}
          data-testid="member-search"
        />
        <Typography.Text type="secondary">手机号以掩码显示；每次搜索都会记入审计日志。</Typography.Text>
      </div>
      {q.length === 0 ? (
        <div style={{ padding: '48px 0' }}>
          <EmptyState text="输入卡号、手机号或姓名开头，查找会员" />
        </div>
      ) : (
        <>
          <Alert type="info" showIcon={false} title={`按${kindOf(q)}搜索「${q}」`} style={{ marginBottom: 12 }} />
          <PagedTable<Row>
            testId="members-table"
            queryKey={['members', 'search', q]}
            fetchPage={(page) => api.call('searchMembers', { query: { q, ...page } })}
            rowKey="memberId"
            emptyText="没有找到匹配的会员，请核对卡号或手机号"
            onRow={(r) => ({ onClick: () => navigate(`/members/${encodeURIComponent(r.memberId)}`), style: { cursor: 'pointer' } })}
            columns={[
              {
                title: '卡号',
                dataIndex: 'cardNo',
                render: (v: string) => <Typography.Text style={{ fontFamily: 'monospace' }}>{v}</Typography.Text>,
              },
              {
                title: '姓名',
                dataIndex: 'name',
                render: (_, r) => (
                  <Typography.Link onClick={() => navigate(`/members/${encodeURIComponent(r.memberId)}`)}>
                    {r.erased ? '（已注销）' : r.name}
                  </Typography.Link>
                ),
              },
              { title: '手机号', dataIndex: 'mobile' },
              { title: '入会门店', dataIndex: 'joinStoreId', render: (v: string) => storeName(v) },
              { title: '入会时间', dataIndex: 'joinedAt', render: (v: string) => dateTime(v) },
              { title: '状态', dataIndex: 'erased', render: (_, r) => (r.erased ? <Tag>已注销</Tag> : <Tag color="green">正常</Tag>) },
            ]}
          />
        </>
      )}
    </Card>
  )
}
