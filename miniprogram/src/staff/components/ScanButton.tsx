import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button } from '../../components/nutui/button'
import { IS_WEAPP } from '../../config'
import CameraScanner, { cameraScanAvailable } from './CameraScanner'

/** Whether this till can scan at all: WeChat's scanner, or a camera in the browser. */
export const canScan = (): boolean => IS_WEAPP || cameraScanAvailable()

/**
 * 扫描<what>: WeChat's scanner on weapp, the camera view on H5 (where there is a camera);
 * renders nothing where neither exists (the typed code is the way then).
 */
export default function ScanButton({
  id,
  what,
  className,
  onResult,
}: {
  id: string
  what: string
  className?: string
  onResult: (text: string) => void
}) {
  const [cameraOpen, setCameraOpen] = useState(false)
  if (!canScan()) return null
  const scan = async () => {
    if (!IS_WEAPP) return setCameraOpen(true)
    try {
      const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode', 'barCode'] })
      onResult(r.result ?? '')
    } catch {
      /* cancelled */
    }
  }
  return (
    <>
      <Button className={`till-big-button ${className ?? ''}`} type="primary" block id={id} onClick={() => void scan()}>
        扫描{what}
      </Button>
      {cameraOpen ? (
        <CameraScanner
          what={what}
          onClose={() => setCameraOpen(false)}
          onResult={(text) => {
            setCameraOpen(false)
            onResult(text)
          }}
        />
      ) : null}
    </>
  )
}
