import { View, Text } from '@tarojs/components'
import { Input } from '../../components/nutui/input'
import { NO_ICON } from './TillGate'

/** A field's Chinese error line (nothing when there is none). */
export function FieldError({ id, error }: { id?: string; error?: string | null }) {
  return error ? (
    <Text className="till-error" id={id}>
      {error}
    </Text>
  ) : null
}

/** A labelled line of text with its error under it (the error's id: `errorId`, else `<id>-error`). */
export function TextField(props: {
  id: string
  label: string
  value: string
  onChange: (v: string) => void
  placeholder?: string
  maxLength?: number
  error?: string
  errorId?: string
}) {
  return (
    <>
      <Text className="till-label">{props.label}</Text>
      <Input
        className="till-input"
        clearIcon={NO_ICON}
        id={props.id}
        maxLength={props.maxLength ?? 64}
        placeholder={props.placeholder}
        value={props.value}
        onChange={props.onChange}
      />
      <FieldError id={props.errorId ?? `${props.id}-error`} error={props.error} />
    </>
  )
}

/** An amount in yuan with a big ¥ sign; the hook turns it into fen. */
export function AmountField(props: {
  id: string
  label: string
  value: string
  onChange: (v: string) => void
  error?: string
  errorId: string
}) {
  return (
    <>
      <Text className="till-label">{props.label}</Text>
      <View className="till-amount">
        <Text className="till-amount__sign">¥</Text>
        <Input
          className="till-input till-input--amount"
          clearIcon={NO_ICON}
          id={props.id}
          type="digit"
          placeholder="0.00"
          value={props.value}
          onChange={props.onChange}
        />
      </View>
      <FieldError id={props.errorId} error={props.error} />
    </>
  )
}

/** The order number: generated, or typed from the receipt. */
export function OrderIdField(props: {
  id: string
  value: string
  onChange: (v: string) => void
  onRegenerate: () => void
  error?: string
  errorId: string
}) {
  return (
    <>
      <View className="till-label-row">
        <Text className="till-label">订单号</Text>
        <Text className="hy-link till-label-row__action" onClick={props.onRegenerate}>
          重新生成
        </Text>
      </View>
      <Input className="till-input" clearIcon={NO_ICON} id={props.id} maxLength={64} value={props.value} onChange={props.onChange} />
      <Text className="till-step__hint">默认自动生成；有收银小票时请输入小票上的订单号</Text>
      <FieldError id={props.errorId} error={props.error} />
    </>
  )
}
