/**
 * A fake camera for Chromium (--use-file-for-fake-video-capture): a Y4M video whose frames
 * show one QR code, as a phone would see a member's or a coupon's code held up to it.
 */
import fs from 'node:fs'
import path from 'node:path'
import qrcode from 'qrcode-generator'

const W = 640
const H = 480

/** Writes the video and returns the Chromium switches that make it the camera. */
export function fakeCameraShowing(text: string, file: string): string[] {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  const modules = qr.getModuleCount()
  const cell = Math.floor((H * 0.7) / (modules + 8))
  const size = cell * modules
  const left = Math.floor((W - size) / 2)
  const top = Math.floor((H - size) / 2)

  const luma = Buffer.alloc(W * H, 235) // white paper…
  for (let r = 0; r < modules; r++) {
    for (let c = 0; c < modules; c++) {
      if (!qr.isDark(r, c)) continue
      for (let y = 0; y < cell; y++)
        luma.fill(16, (top + r * cell + y) * W + left + c * cell, (top + r * cell + y) * W + left + (c + 1) * cell) // …black modules
    }
  }
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128) // no colour
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma])

  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(
    file,
    Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: 10 }, () => frame)]),
  )
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`]
}
