import { STATUS_MATCH_PHOTO_MAX_CHARS, StatusMatchRequest } from '@huiyuan/shared/statusMatch/schemas'
import { fitPhoto, isJpegDataUrl, PHOTO_MAX_CHARS, PHOTO_STEPS, scaledSize } from './photo'

/** A fake encoder: a JPEG data URL whose length grows with the pixels and the quality; records each call. */
function fakeEncoder(bytesPerPixelAtFull: number) {
  const calls: { width: number; height: number; quality: number }[] = []
  const encode = async (size: { width: number; height: number }, quality: number) => {
    calls.push({ ...size, quality })
    const chars = Math.round(size.width * size.height * bytesPerPixelAtFull * quality)
    return `data:image/jpeg;base64,${'A'.repeat(chars)}`
  }
  return { calls, encode }
}

describe('the card photo plan', () => {
  test('the limit is the API’s, and what fits passes the API’s own check', async () => {
    expect(PHOTO_MAX_CHARS).toBe(STATUS_MATCH_PHOTO_MAX_CHARS)
    const { encode } = fakeEncoder(0.1)
    const fitted = await fitPhoto(4000, 3000, encode)
    expect(fitted.ok).toBe(true)
    if (!fitted.ok) return
    const parsed = StatusMatchRequest.safeParse({
      memberCode: '123456789012345678',
      storeId: 'S002',
      partner: '万达广场VIP',
      partnerCardNo: 'VIP-2024-8812',
      tierCode: 'silver',
      photo: fitted.dataUrl,
    })
    expect(parsed.success).toBe(true)
  })

  test('downsizes to 800 px on the longest side, never enlarges, keeps the shape', () => {
    expect(scaledSize(4000, 3000, 800)).toEqual({ width: 800, height: 600 })
    expect(scaledSize(1080, 1920, 800)).toEqual({ width: 450, height: 800 })
    expect(scaledSize(640, 400, 800)).toEqual({ width: 640, height: 400 })
  })

  test('the first step that fits wins: quality falls at 800 px before the size does', async () => {
    // 800×600 = 480,000 px; at 0.19 chars per px per quality: 0.8 → 72,960 … 0.5 → 45,600 (fits).
    const { calls, encode } = fakeEncoder(0.19)
    const fitted = await fitPhoto(4000, 3000, encode)
    expect(fitted.ok).toBe(true)
    expect(calls.map((c) => c.quality)).toEqual([0.8, 0.7, 0.6, 0.5])
    expect(calls.every((c) => c.width === 800 && c.height === 600)).toBe(true)
    if (fitted.ok) expect(fitted.dataUrl.length).toBeLessThanOrEqual(PHOTO_MAX_CHARS)
  })

  test('then 640 px; a photo that fits no step is refused (the page asks for a closer photo)', async () => {
    const big = fakeEncoder(0.4)
    const fitted = await fitPhoto(4000, 3000, big.encode)
    // 640×480 at 0.3 = 36,864 chars: fits at the last step.
    expect(fitted.ok).toBe(true)
    expect(big.calls.at(-1)).toEqual({ width: 640, height: 480, quality: 0.3 })
    expect(big.calls).toHaveLength(PHOTO_STEPS.length)

    const noisy = fakeEncoder(1)
    await expect(fitPhoto(4000, 3000, noisy.encode)).resolves.toEqual({ ok: false, reason: 'too_large' })
    expect(noisy.calls).toHaveLength(PHOTO_STEPS.length)
  })

  test('a small photo is not drawn twice at the same size and quality', async () => {
    const { calls, encode } = fakeEncoder(10)
    await fitPhoto(300, 200, encode)
    // 800 and 640 px are both 300×200 here: qualities 0.4 and 0.3 are tried once each.
    expect(calls.map((c) => c.quality)).toEqual([0.8, 0.7, 0.6, 0.5, 0.4, 0.3])
  })

  test('only a JPEG data URL is taken', async () => {
    expect(isJpegDataUrl('data:image/jpeg;base64,/9j/4AAQ==')).toBe(true)
    expect(isJpegDataUrl('data:image/png;base64,iVBORw0KGgo=')).toBe(false)
    const png = async () => 'data:image/png;base64,iVBORw0KGgo='
    await expect(fitPhoto(100, 100, png)).resolves.toEqual({ ok: false, reason: 'too_large' })
  })
})
