/**
 * The partner card's photo as the API takes it, on H5: the picked file (a blob URL) drawn
 * on a canvas at the planned size and encoded as JPEG (see cardPhoto.ts for weapp).
 */
import { type FittedPhoto, fitPhoto } from '../utils/photo'

const loadImage = (src: string) =>
  new Promise<HTMLImageElement>((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('the photo could not be read'))
    img.src = src
  })

export async function encodeCardPhoto(path: string): Promise<FittedPhoto> {
  const img = await loadImage(path)
  const canvas = document.createElement('canvas')
  return fitPhoto(img.naturalWidth, img.naturalHeight, async (size, quality) => {
    canvas.width = size.width
    canvas.height = size.height
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new Error('no canvas')
    // JPEG has no transparency: a white ground under a PNG's transparent parts.
    ctx.fillStyle = '#fff'
    ctx.fillRect(0, 0, size.width, size.height)
    ctx.drawImage(img, 0, 0, size.width, size.height)
    return canvas.toDataURL('image/jpeg', quality)
  })
}
