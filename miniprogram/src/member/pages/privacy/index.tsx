import { View, Text } from '@tarojs/components'
import StateView from '../../../components/StateView'
import { usePrivacyPolicy } from '../../../hooks/usePrivacyPolicy'
import './index.scss'

/** The privacy policy as the API publishes it (GET /v1/privacy-policy): its version and sections. */
export default function PrivacyPage() {
  const { data: policy, loading, error, reload } = usePrivacyPolicy()

  if (loading && !policy) return <StateView kind="loading" title="正在加载隐私政策…" />
  if (error && !policy) return <StateView kind="error" title="隐私政策加载失败" message={error.message} onAction={() => void reload()} />
  if (!policy) return <StateView kind="empty" title="暂无隐私政策" />

  return (
    <View className="hy-page privacy" id="privacy-policy">
      <Text className="privacy__title">会员隐私政策</Text>
      <Text className="privacy__version" id="privacy-version">
        版本 {policy.version}
      </Text>
      {policy.sections.map((s) => (
        <View key={s.title} className="hy-section privacy__section">
          <Text className="hy-section__title">{s.title}</Text>
          {s.body
            .split('\n')
            .filter((p) => p.trim())
            .map((p) => (
              <Text key={p} className="privacy__p">
                {p}
              </Text>
            ))}
        </View>
      ))}
    </View>
  )
}
