/** 修改记录: each saved version of the rules — who, when, and every changed setting before and after (coupon templates by name). */
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import Card from 'antd/es/card'
import Table from 'antd/es/table'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import { api, type ResponseOf } from '../../api/client'
import PagedTable from '../../components/PagedTable'
import { dateTime } from '../../lib/format'
import { pathLabel, valueText } from './labels'
import { useTemplateName } from './templateNames'

type Version = ResponseOf<'listProgramVersions'>['items'][number]
type Change = Version['changes'][number]

export const VERSIONS_KEY = ['program', 'versions'] as const

export default function VersionsCard({ rules }: { rules: ProgramRules }) {
  const templateName = useTemplateName()
  const change = (c: Change) =>
    `${pathLabel(c.path, rules)}：${valueText(c.path, c.before, templateName)} → ${valueText(c.path, c.after, templateName)}`
  return (
    <Card title="修改记录" data-testid="program-versions">
      <PagedTable<Version>
        queryKey={VERSIONS_KEY}
        fetchPage={(page) => api.call('listProgramVersions', { query: page })}
        rowKey="version"
        pageSize={20}
        emptyText="规则还没有被修改过"
        csv={{
          fileName: '积分与等级-修改记录',
          columns: [
            { title: '版本', value: (v) => v.version },
            { title: '时间', value: (v) => dateTime(v.updatedAt) },
            { title: '修改人', value: (v) => v.updatedBy?.name ?? '系统' },
            {
              title: '修改内容',
              value: (v) => v.changes.map(change).join('；'),
            },
          ],
        }}
        expandable={{
          expandedRowRender: (v) => (
            <Table<Change>
              size="small"
              rowKey="path"
              pagination={false}
              dataSource={v.changes}
              columns={[
                { title: '设置', width: 280, render: (_, c) => pathLabel(c.path, rules) },
                {
                  title: '修改前',
                  render: (_, c) => <Typography.Text delete>{valueText(c.path, c.before, templateName)}</Typography.Text>,
                },
                {
                  title: '修改后',
                  render: (_, c) => <Typography.Text type="success">{valueText(c.path, c.after, templateName)}</Typography.Text>,
                },
              ]}
            />
          ),
          rowExpandable: (v) => v.changes.length > 0,
        }}
        columns={[
          { title: '版本', dataIndex: 'version', width: 80, render: (v: number) => <Tag>v{v}</Tag> },
          { title: '时间', dataIndex: 'updatedAt', width: 170, render: (v: string) => dateTime(v) },
          { title: '修改人', width: 140, render: (_, v) => v.updatedBy?.name ?? <Typography.Text type="secondary">系统</Typography.Text> },
          {
            title: '修改内容',
            render: (_, v) => {
              const shown = v.changes.slice(0, 3).map(change)
              return (
                <Typography.Text ellipsis style={{ maxWidth: 720 }}>
                  {shown.join('；')}
                  {v.changes.length > 3 ? ` 等 ${v.changes.length} 项` : ''}
                </Typography.Text>
              )
            },
          },
        ]}
      />
    </Card>
  )
}
