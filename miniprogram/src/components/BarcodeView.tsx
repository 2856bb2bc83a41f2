import { useMemo } from 'react'
import { View } from '@tarojs/components'
import { code128B } from '../utils/barcode'
import './BarcodeView.scss'

/**
 * A Code 128 barcode drawn with Views (no canvas: the same on weapp and H5). Each bar and
 * gap is a flex item whose grow factor is its width in modules, so the barcode fills the
 * box; the box's side padding is the quiet zone.
 */
export default function BarcodeView({ value, id, faded }: { value: string; id?: string; faded?: boolean }) {
  const widths = useMemo(() => code128B(value), [value])
  return (
    <View className={`hy-barcode ${faded ? 'hy-barcode--faded' : ''}`} id={id} data-value={value}>
      {widths.map((w, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: bars are positional; the list is rebuilt whole when the value changes
        <View key={i} className={i % 2 === 0 ? 'hy-barcode__bar' : 'hy-barcode__gap'} style={{ flexGrow: w }} />
      ))}
    </View>
  )
}
