import { View, Text } from '@tarojs/components'

/** Placeholder: the admin subpackage is under construction. */
export default function AdminIndexPage() {
  return (
    <View className="hy-page" id="admin-placeholder">
      <View className="hy-section">
        <Text className="hy-section__title">管理后台</Text>
        <Text className="hy-muted">管理后台功能即将上线，敬请期待。</Text>
      </View>
    </View>
  )
}
