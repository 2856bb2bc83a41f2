import { View, Text } from '@tarojs/components'
import { Button } from '../../components/nutui/button'
import { Input } from '../../components/nutui/input'
import { NO_ICON } from './TillGate'
import { FieldError } from './TillFields'
import ScanButton, { canScan } from './ScanButton'
import { normalizeMemberCode, type MemberLookup } from '../hooks/useMemberLookup'

type Lookup = Pick<MemberLookup, 'code' | 'setCode' | 'lookup' | 'looking' | 'lookupError'>

/** Step 1 of a till operation: read the member's dynamic code (scanned where the device can, typed otherwise). */
export default function IdentifyMember({ lookup, step = 1 }: { lookup: Lookup; step?: number }) {
  const scannable = canScan()
  return (
    <View className="hy-section till-step" id="identify-member">
      <Text className="till-step__title">
        <Text className="till-step__no">{step}</Text>识别会员
      </Text>
      <ScanButton id="scan-button" what="会员码" onResult={(text) => void lookup.lookup(normalizeMemberCode(text))} />
      <Text className="till-step__hint">
        {scannable ? '无法扫码时，可输入顾客会员码下方的 18 位数字' : '输入顾客会员码下方的 18 位数字'}
      </Text>
      <View className="till-row">
        <Input
          className="till-input till-input--code till-row__grow"
          clearIcon={NO_ICON}
          id="member-code-input"
          type="number"
          maxLength={24}
          placeholder="18 位会员码"
          value={lookup.code}
          onChange={lookup.setCode}
          onConfirm={() => void lookup.lookup()}
        />
        <Button
          id="lookup-button"
          type="primary"
          fill={scannable ? 'outline' : 'solid'}
          disabled={lookup.looking}
          onClick={() => void lookup.lookup()}
        >
          {lookup.looking ? '查询中' : '查询'}
        </Button>
      </View>
      <FieldError id="lookup-error" error={lookup.lookupError} />
    </View>
  )
}
