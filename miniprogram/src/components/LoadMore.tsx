import { View, Text } from '@tarojs/components'
import type { ApiError } from '../services/request'
import { Button } from './nutui/button'
import './LoadMore.scss'

/**
 * The foot of a paged list: 加载更多 (重试 after an error, with the error in Chinese), or
 * 没有更多了 at the end. Ids: `<idPrefix>-more` and `<idPrefix>-end`.
 */
export default function LoadMore(props: {
  idPrefix: string
  hasMore: boolean
  loadingMore: boolean
  moreError: ApiError | null
  onMore: () => void
}) {
  return (
    <View className="hy-more">
      {props.moreError ? <Text className="hy-more__error">{props.moreError.message}</Text> : null}
      {props.hasMore ? (
        <Button id={`${props.idPrefix}-more`} size="small" fill="outline" disabled={props.loadingMore} onClick={props.onMore}>
          {props.loadingMore ? '加载中…' : props.moreError ? '重试' : '加载更多'}
        </Button>
      ) : (
        <Text className="hy-muted" id={`${props.idPrefix}-end`}>
          没有更多了
        </Text>
      )}
    </View>
  )
}
