/**
 * A table that pages on the server: the API's opaque `nextCursor` drives 下一页, the cursors
 * already seen drive 上一页, and a change of filters (the query key) starts again at page
 * one. Loading, empty and error states are the table's own; 导出 CSV walks every page.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import Button from 'antd/es/button'
import message from 'antd/es/message'
import Select from 'antd/es/select'
import Space from 'antd/es/space'
import Table, { type TableProps } from 'antd/es/table'
import Typography from 'antd/es/typography'
import { type ReactNode, useEffect, useState } from 'react'
import { type CsvColumn, downloadCsv } from '../lib/csv'
import { EmptyState, ErrorState } from './states'

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface PagedTableProps<T> {
  /** What the rows depend on (filters included): a change returns to the first page. */
  queryKey: readonly unknown[]
  fetchPage: (page: { cursor?: string; limit: number }) => Promise<Page<T>>
  columns: TableProps<T>['columns']
  rowKey: keyof T & string
  emptyText?: string
  /** 导出 CSV: every page of the list, these columns. */
  csv?: { fileName: string; columns: CsvColumn<T>[] }
  toolbar?: ReactNode
  pageSize?: number
  testId?: string
  expandable?: TableProps<T>['expandable']
  /** Row events, e.g. a click that opens the row's page. */
  onRow?: TableProps<T>['onRow']
  /** Reads the page again every so often (ms, or false) given what it shows, e.g. while a row is in progress; quietly, without the spinner. */
  refetchInterval?: (page: Page<T> | undefined) => number | false
}

const MAX_EXPORT_ROWS = 10_000

export default function PagedTable<T extends object>(props: PagedTableProps<T>) {
  const [limit, setLimit] = useState(props.pageSize ?? 20)
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined])
  const [index, setIndex] = useState(0)
  const [exporting, setExporting] = useState<number | null>(null)
  const filterKey = JSON.stringify(props.queryKey)

  // biome-ignore lint/correctness/useExhaustiveDependencies: new filters start again at page one
  useEffect(() => {
    setCursors([undefined])
    setIndex(0)
  }, [filterKey, limit])

  const cursor = cursors[index]
  const query = useQuery({
    queryKey: [...props.queryKey, 'page', cursor ?? '', limit],
    queryFn: () => props.fetchPage({ ...(cursor ? { cursor } : {}), limit }),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => props.refetchInterval?.(q.state.data) ?? false,
  })
  const polling = Boolean(props.refetchInterval) && query.isRefetching && !query.isPlaceholderData

  const next = () => {
    const nextCursor = query.data?.nextCursor
    if (!nextCursor) return
    setCursors((c) => [...c.slice(0, index + 1), nextCursor])
    setIndex((i) => i + 1)
  }

  const exportAll = async () => {
    if (!props.csv) return
    const rows: T[] = []
    let c: string | undefined
    setExporting(0)
    try {
      do {
        const page = await props.fetchPage({ ...(c ? { cursor: c } : {}), limit: 100 })
        rows.push(...page.items)
        setExporting(rows.length)
        c = page.nextCursor ?? undefined
      } while (c && rows.length < MAX_EXPORT_ROWS)
      downloadCsv(props.csv.fileName, props.csv.columns, rows)
      message.success(`已导出 ${rows.length} 行${c ? `（最多导出 ${MAX_EXPORT_ROWS} 行）` : ''}`)
    } catch {
      message.error('导出失败，请稍后重试')
    } finally {
      setExporting(null)
    }
  }

  if (query.isError && !query.data) return <ErrorState error={query.error} retry={() => void query.refetch()} />

  return (
    <div data-testid={props.testId}>
      {(props.toolbar || props.csv) && (
        <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 12, gap: 12 }}>
          <div>{props.toolbar}</div>
          {props.csv && (
            <Button onClick={() => void exportAll()} loading={exporting !== null}>
              {exporting !== null ? `导出中… ${exporting} 行` : '导出 CSV'}
            </Button>
          )}
        </div>
      )}
      <Table<T>
        rowKey={props.rowKey}
        columns={props.columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching && !polling}
        pagination={false}
        expandable={props.expandable}
        onRow={props.onRow}
        locale={{ emptyText: query.isPending ? ' ' : <EmptyState text={props.emptyText ?? '暂无数据'} /> }}
        scroll={{ x: 'max-content' }}
      />
      <div style={{ display: 'flex', justifyContent: 'flex-end', alignItems: 'center', marginTop: 12 }}>
        <Space>
          <Typography.Text type="secondary">第 {index + 1} 页</Typography.Text>
          <Button disabled={index === 0} onClick={() => setIndex((i) => Math.max(0, i - 1))}>
            上一页
          </Button>
          <Button disabled={!query.data?.nextCursor || query.isFetching} onClick={next}>
            下一页
          </Button>
          <Select
            value={limit}
            onChange={setLimit}
            style={{ width: 110 }}
            options={[20, 50, 100].map((n) => ({ value: n, label: `${n} 条/页` }))}
          />
        </Space>
      </div>
    </div>
  )
}
