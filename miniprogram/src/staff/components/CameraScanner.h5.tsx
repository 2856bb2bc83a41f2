/**
 * H5 till: scan a QR code (or, where the browser's BarcodeDetector exists, a Code 128
 * barcode) with the device camera. Uses the native BarcodeDetector when the browser has
 * one and jsQR on video frames otherwise. Shown only where a camera API is available
 * (secure origin + getUserMedia); the typed code stays as the fallback.
 */
import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import jsQR from 'jsqr'
import type { CameraScannerProps } from './CameraScanner'
import './CameraScanner.scss'

export type { CameraScannerProps } from './CameraScanner'

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>
}
type DetectorClass = new (options: { formats: string[] }) => Detector

export const cameraScanAvailable = (): boolean =>
  typeof navigator !== 'undefined' &&
  Boolean(navigator.mediaDevices?.getUserMedia) &&
  typeof window !== 'undefined' &&
  window.isSecureContext

/** The native detector when the browser can read QR codes with it; null → jsQR. */
async function nativeDetector(): Promise<Detector | null> {
  const Native = (window as unknown as { BarcodeDetector?: DetectorClass & { getSupportedFormats?: () => Promise<string[]> } })
    .BarcodeDetector
  if (!Native) return null
  const supported = (await Native.getSupportedFormats?.().catch(() => [])) ?? []
  if (!supported.includes('qr_code')) return null
  return new Native({ formats: ['qr_code', 'code_128'].filter((f) => supported.includes(f)) })
}

const cameraError = (e: unknown): string => {
  const name = (e as { name?: string })?.name
  if (name === 'NotAllowedError' || name === 'SecurityError') return '没有相机权限，请在浏览器设置中允许使用相机，或直接输入号码'
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return '没有找到可用的相机，请直接输入号码'
  return '无法打开相机，请直接输入号码'
}

export default function CameraScanner({ what, onResult, onClose }: CameraScannerProps) {
  const video = useRef<HTMLVideoElement | null>(null)
  const [state, setState] = useState<{ kind: 'starting' | 'scanning' } | { kind: 'error'; message: string }>({ kind: 'starting' })
  const done = useRef(onResult)
  done.current = onResult

  useEffect(() => {
    let stream: MediaStream | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    let stopped = false
    const canvas = document.createElement('canvas')
    const ctx = canvas.getContext('2d', { willReadFrequently: true })

    const readFrame = async (v: HTMLVideoElement, native: Detector | null): Promise<string | null> => {
      if (native) return (await native.detect(v))[0]?.rawValue ?? null
      if (!ctx || !v.videoWidth) return null
      // jsQR on a frame scaled to at most 640 px wide: fast enough on a phone, sharp enough for a code filling the frame.
      const scale = Math.min(1, 640 / v.videoWidth)
      canvas.width = Math.round(v.videoWidth * scale)
      canvas.height = Math.round(v.videoHeight * scale)
      ctx.drawImage(v, 0, 0, canvas.width, canvas.height)
      const img = ctx.getImageData(0, 0, canvas.width, canvas.height)
      return jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' })?.data ?? null
    }

    const start = async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
        if (stopped) return
        const v = video.current
        if (!v) return
        v.srcObject = stream
        await v.play()
        const native = await nativeDetector()
        setState({ kind: 'scanning' })
        const tick = async () => {
          if (stopped) return
          const text = await readFrame(v, native).catch(() => null)
          if (stopped) return
          if (text) {
            stopped = true
            done.current(text)
            return
          }
          timer = setTimeout(() => void tick(), 150)
        }
        void tick()
      } catch (e) {
        if (!stopped) setState({ kind: 'error', message: cameraError(e) })
      }
    }
    void start()
    return () => {
      stopped = true
      if (timer) clearTimeout(timer)
      for (const t of stream?.getTracks() ?? []) t.stop()
    }
  }, [])

  return (
    <View className="cam-scan" id="camera-scanner">
      <View className="cam-scan__frame">
        <video ref={video} className="cam-scan__video" muted playsInline />
        <View className="cam-scan__aim" />
      </View>
      <Text className="cam-scan__hint" id="camera-scanner-status">
        {state.kind === 'error' ? state.message : state.kind === 'starting' ? '正在打开相机…' : `将${what}放入框内，自动识别`}
      </Text>
      <Text className="cam-scan__close" id="camera-scanner-close" onClick={onClose}>
        {state.kind === 'error' ? '返回输入' : '取消'}
      </Text>
    </View>
  )
}
