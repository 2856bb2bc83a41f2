import { View, Text } from '@tarojs/components'

/** Placeholder: the staff subpackage is under construction. */
export default function StaffIndexPage() {
  return (
    <View className='hy-page' id='staff-placeholder'>
      <View className='hy-section'>
        <Text className='hy-section__title'>收银台</Text>
        <Text className='hy-muted'>收银台功能即将上线，敬请期待。</Text>
      </View>
    </View>
  )
}
