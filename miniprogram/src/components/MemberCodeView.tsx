import { useMemo } from 'react'
import { View, Text, Image } from '@tarojs/components'
import { useMemberCode } from '../hooks/useMemberCode'
import { qrDataUrl } from '../utils/qr'
import { groupDigits } from '../utils/format'
import './MemberCodeView.scss'

/** The dynamic member code: QR, digits and a countdown; refreshes itself. */
export default function MemberCodeView() {
  const { code, secondsLeft, loading, error, refresh } = useMemberCode()
  const src = useMemo(() => (code ? qrDataUrl(code.code) : ''), [code])

  return (
    <View className="hy-code" id="member-code">
      <Text className="hy-code__title">会员码</Text>
      <Text className="hy-code__hint">结账时向店员出示，每分钟自动更新</Text>
      <View className="hy-code__qr-wrap">
        {src ? (
          <Image className={`hy-code__qr ${loading ? 'hy-code__qr--stale' : ''}`} id="member-qr" src={src} mode="aspectFit" />
        ) : (
          <View className="hy-code__qr hy-code__qr--placeholder">
            <Text>{error ? '会员码加载失败' : '正在生成会员码…'}</Text>
          </View>
        )}
      </View>
      {code ? (
        <Text className="hy-code__digits" id="member-code-digits">
          {groupDigits(code.code, 6)}
        </Text>
      ) : null}
      <View className="hy-code__footer">
        {error ? (
          <Text className="hy-code__error">{error}</Text>
        ) : (
          <Text className="hy-code__countdown" id="member-code-countdown">
            {code ? `${secondsLeft} 秒后自动刷新` : ' '}
          </Text>
        )}
        <Text className="hy-code__refresh hy-link" onClick={refresh}>
          刷新
        </Text>
      </View>
    </View>
  )
}
