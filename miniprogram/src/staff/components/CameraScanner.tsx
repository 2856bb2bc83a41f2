/**
 * The camera scanner of the H5 till (CameraScanner.h5.tsx). On weapp the till uses
 * Taro.scanCode instead, so this default build has no camera view.
 */
export interface CameraScannerProps {
  /** What to look for, for the title: 会员码 / 券码. */
  what: string
  onResult: (text: string) => void
  onClose: () => void
}

export const cameraScanAvailable = (): boolean => false

export default function CameraScanner(_props: CameraScannerProps) {
  return null
}
