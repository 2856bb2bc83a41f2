/** A report's table (the rows are all in the report, so it pages in the browser) with its 导出 CSV. */
import DownloadOutlined from '@ant-design/icons/DownloadOutlined'
import Button from 'antd/es/button'
import Table, { type TableProps } from 'antd/es/table'
import Typography from 'antd/es/typography'
import { type CsvColumn, downloadCsv } from '../../lib/csv'
import { EmptyState } from '../../components/states'

export default function ReportTable<T extends object>({
  title,
  rows,
  columns,
  csv,
  rowKey,
  testId,
  emptyText = '这段时间没有数据',
}: {
  title: string
  rows: T[]
  columns: TableProps<T>['columns']
  csv: { fileName: string; columns: CsvColumn<T>[] }
  /** A field, or a function for rows whose field may be empty. */
  rowKey: (keyof T & string) | ((row: T) => string)
  testId?: string
  emptyText?: string
}) {
  return (
    <div data-testid={testId}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', margin: '8px 0 12px' }}>
        <Typography.Text strong>{title}</Typography.Text>
        <Button icon={<DownloadOutlined />} onClick={() => downloadCsv(csv.fileName, csv.columns, rows)} disabled={rows.length === 0}>
          导出 CSV
        </Button>
      </div>
      <Table<T>
        size="small"
        rowKey={rowKey}
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 31 ? { pageSize: 31, showSizeChanger: false } : false}
        locale={{ emptyText: <EmptyState text={emptyText} /> }}
        scroll={{ x: 'max-content' }}
      />
    </div>
  )
}
