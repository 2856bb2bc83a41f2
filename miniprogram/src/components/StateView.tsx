import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import { Button } from './nutui/button'
import './StateView.scss'

interface Props {
  kind: 'loading' | 'error' | 'empty'
  title?: string
  message?: string
  actionText?: string
  onAction?: () => void
  children?: ReactNode
}

/** The one loading / error / empty look of the app. */
export default function StateView({ kind, title, message, actionText, onAction, children }: Props) {
  return (
    <View className={`hy-state hy-state--${kind}`} id={`state-${kind}`}>
      {kind === 'loading' ? <View className="hy-state__spinner" /> : <View className="hy-state__icon">{kind === 'error' ? '!' : '·'}</View>}
      <Text className="hy-state__title">{title ?? (kind === 'loading' ? '加载中…' : kind === 'error' ? '加载失败' : '暂无内容')}</Text>
      {message ? <Text className="hy-state__message">{message}</Text> : null}
      {children}
      {onAction ? (
        <Button className="hy-state__action" type="primary" fill="outline" size="small" onClick={onAction}>
          {actionText ?? '重试'}
        </Button>
      ) : null}
    </View>
  )
}
