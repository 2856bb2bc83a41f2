/**
 * The partner card's photo as the API takes it, on weapp: WeChat compresses and downsizes
 * the picked photo (compressImage), the file is read as base64. The H5 build draws it on a
 * canvas instead (cardPhoto.h5.ts).
 */
import Taro from '@tarojs/taro'
import { type FittedPhoto, fitPhoto } from '../utils/photo'

/** A JPEG's first bytes, in base64 (FF D8 FF). compressImage keeps a PNG a PNG. */
const JPEG_BASE64 = '/9j/'

export async function encodeCardPhoto(path: string): Promise<FittedPhoto> {
  const info = await Taro.getImageInfo({ src: path })
  const fs = Taro.getFileSystemManager()
  return fitPhoto(info.width, info.height, async (size, quality) => {
    const out = await Taro.compressImage({
      src: path,
      quality: Math.round(quality * 100),
      compressedWidth: size.width,
      compressedHeight: size.height,
    })
    const base64 = fs.readFileSync(out.tempFilePath, 'base64') as string
    if (!base64.startsWith(JPEG_BASE64)) throw new Error('not a JPEG')
    return `data:image/jpeg;base64,${base64}`
  })
}
