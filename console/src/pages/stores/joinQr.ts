/** A store's join QR as a print-ready PNG: the code on white, the store's name and a call to scan under it. */

const WIDTH = 1024
/** At least four QR modules of white around the code (the quiet zone scanners need). */
const PAD = 112
const FONT = '"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif'

/** The code's size on the print: draw the QR at exactly this size so every module has the same width. */
export const PRINT_CODE_SIZE = WIDTH - PAD * 2

export interface PrintLabel {
  title: string
  subtitle: string
}

/** Draws `source` (a QR canvas or a mini-program code image) 800 px wide with the label below; returns a PNG data URL. */
export const printablePng = (source: HTMLCanvasElement | HTMLImageElement, label: PrintLabel, smooth: boolean): string => {
  const code = PRINT_CODE_SIZE
  const canvas = document.createElement('canvas')
  canvas.width = WIDTH
  canvas.height = PAD + code + 48 + 64 + 20 + 40 + PAD
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('canvas 2d is not available')
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.imageSmoothingEnabled = smooth
  ctx.drawImage(source, PAD, PAD, code, code)
  ctx.textAlign = 'center'
  ctx.textBaseline = 'top'
  ctx.fillStyle = '#1f1f1f'
  ctx.font = `600 56px ${FONT}`
  let y = PAD + code + 48
  ctx.fillText(label.title, WIDTH / 2, y, WIDTH - PAD * 2)
  y += 64 + 20
  ctx.fillStyle = '#595959'
  ctx.font = `36px ${FONT}`
  ctx.fillText(label.subtitle, WIDTH / 2, y, WIDTH - PAD * 2)
  return canvas.toDataURL('image/png')
}

export const loadImage = (src: string): Promise<HTMLImageElement> =>
  new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('image did not load'))
    img.src = src
  })

export const downloadDataUrl = (fileName: string, dataUrl: string): void => {
  const a = document.createElement('a')
  a.href = dataUrl
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
}
