/** Loading, empty and error states, in Chinese, the same on every page. */
import Button from 'antd/es/button'
import Empty from 'antd/es/empty'
import Result from 'antd/es/result'
import Skeleton from 'antd/es/skeleton'
import type { ReactNode } from 'react'
import { errorText } from '../api/client'

export const Loading = ({ rows = 6 }: { rows?: number }) => <Skeleton active paragraph={{ rows }} />

export const EmptyState = ({ text = '暂无数据', children }: { text?: string; children?: ReactNode }) => (
  <Empty description={text}>{children}</Empty>
)

export const ErrorState = ({ error, retry }: { error: unknown; retry?: () => void }) => (
  <Result
    status="warning"
    title="加载失败"
    subTitle={errorText(error)}
    extra={
      retry ? (
        <Button type="primary" onClick={retry}>
          重试
        </Button>
      ) : undefined
    }
  />
)

/** The state of a query: its loading, error or content. */
export function QueryState<T>({
  query,
  children,
  rows,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown }
  children: (data: T) => ReactNode
  rows?: number
}) {
  if (query.isPending) return <Loading rows={rows} />
  if (query.isError || query.data === undefined) return <ErrorState error={query.error} retry={() => void query.refetch()} />
  return <>{children(query.data)}</>
}
