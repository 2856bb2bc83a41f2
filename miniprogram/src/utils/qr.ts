import qrcode from 'qrcode-generator'

/**
 * A QR code as an image data URI (GIF, drawn by qrcode-generator without canvas), so one
 * `<Image>` shows it on weapp and H5 alike.
 */
export function qrDataUrl(text: string, cellSize = 8, margin = 2): string {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  return qr.createDataURL(cellSize, margin)
}
