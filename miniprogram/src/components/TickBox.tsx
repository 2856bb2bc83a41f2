import { View, Text } from '@tarojs/components'
import { Checkbox } from './nutui/checkbox'
import './TickBox.scss'

/** The round tick of the app's agreements (join consents, the account-deletion acknowledgement). */
export default function TickBox({ checked }: { checked: boolean }) {
  return (
    <Checkbox
      checked={checked}
      icon={<View className="hy-tick" />}
      activeIcon={
        <View className="hy-tick hy-tick--on">
          <Text className="hy-tick__mark">✓</Text>
        </View>
      }
    />
  )
}
