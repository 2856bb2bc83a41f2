/**
 * Saving an image to the phone's album (weapp): WeChat saves files, not data, so the image
 * is written to the mini-program's user data folder first. The first save asks the member
 * for the album permission; once refused, WeChat no longer asks, and only the settings
 * page (Taro.openSetting) can grant it again.
 */
import Taro from '@tarojs/taro'

export type SaveResult = 'saved' | 'cancelled' | 'denied' | 'failed'

const errMsgOf = (e: unknown) => String((e as { errMsg?: unknown } | null)?.errMsg ?? e)

/** WeChat's refusals of the album permission (auth deny, auth denied, privacy agreement not accepted). */
const DENIED = /auth|authorize|permission|privacy/i

function writeBase64(filePath: string, base64: string): Promise<void> {
  return new Promise((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({ filePath, data: base64, encoding: 'base64', success: () => resolve(), fail: reject }),
  )
}

/** Writes the base64 image to a file named `name` and saves it to the album. */
export async function saveBase64ToAlbum(base64: string, name: string): Promise<SaveResult> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${name}`
  try {
    await writeBase64(filePath, base64)
  } catch (e) {
    console.error('[album] could not write the image', errMsgOf(e))
    return 'failed'
  }
  try {
    await Taro.saveImageToPhotosAlbum({ filePath })
    return 'saved'
  } catch (e) {
    const msg = errMsgOf(e)
    if (DENIED.test(msg)) return 'denied'
    if (/cancel/i.test(msg)) return 'cancelled'
    console.error('[album] could not save the image', msg)
    return 'failed'
  }
}

/**
 * Tells the member how to grant the album permission again and opens the settings page
 * if they agree.
 */
export async function explainAlbumDenied(): Promise<void> {
  const { confirm } = await Taro.showModal({
    title: '无法保存到相册',
    content: '保存海报需要「添加到相册」权限。请在设置中开启后，再点「保存海报」。',
    confirmText: '去设置',
    cancelText: '暂不',
  })
  if (confirm) await Taro.openSetting().catch(() => undefined)
}
