/**
 * Fitting a photo into a request: downsized and JPEG-encoded, a little smaller each try,
 * until its data URL fits. The encoding itself is the platform's (canvas on H5,
 * compressImage on weapp: staff/cardPhoto*.ts); this is the plan it follows.
 */

/** The API's limit for a status match's card photo (STATUS_MATCH_PHOTO_MAX_CHARS in shared; not imported, it would ship zod). */
export const PHOTO_MAX_CHARS = 48_000

/** The longest side the photo is drawn at, then smaller ones when the first does not fit. */
export interface EncodeStep {
  maxSide: number
  /** JPEG quality, 0–1. */
  quality: number
}

/**
 * Tried in order: 800 px at falling quality, then 640 px (a card still reads well there).
 * A photo that fits none of them is mostly background: retaking it closer helps.
 */
export const PHOTO_STEPS: readonly EncodeStep[] = [
  { maxSide: 800, quality: 0.8 },
  { maxSide: 800, quality: 0.7 },
  { maxSide: 800, quality: 0.6 },
  { maxSide: 800, quality: 0.5 },
  { maxSide: 800, quality: 0.4 },
  { maxSide: 800, quality: 0.3 },
  { maxSide: 640, quality: 0.4 },
  { maxSide: 640, quality: 0.3 },
]

/** The size to draw a width × height photo at, its longest side at most maxSide (never enlarged). */
export function scaledSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height, 1))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

export type FittedPhoto = { ok: true; dataUrl: string } | { ok: false; reason: 'too_large' }

/** A JPEG data URL as the API takes it. */
export const isJpegDataUrl = (s: string): boolean => /^data:image\/jpeg;base64,[A-Za-z0-9+/]+={0,2}$/.test(s)

/**
 * Encodes a width × height photo step by step (`encode` draws it at the given size and
 * quality and answers a data URL) until a JPEG data URL of at most maxChars comes out.
 * Sizes already tried are not drawn again when the photo is smaller than them.
 */
export async function fitPhoto(
  width: number,
  height: number,
  encode: (size: { width: number; height: number }, quality: number) => Promise<string>,
  maxChars: number = PHOTO_MAX_CHARS,
  steps: readonly EncodeStep[] = PHOTO_STEPS,
): Promise<FittedPhoto> {
  const tried = new Set<string>()
  for (const step of steps) {
    const size = scaledSize(width, height, step.maxSide)
    const key = `${size.width}x${size.height}@${step.quality}`
    if (tried.has(key)) continue
    tried.add(key)
    const dataUrl = await encode(size, step.quality)
    if (dataUrl.length <= maxChars && isJpegDataUrl(dataUrl)) return { ok: true, dataUrl }
  }
  return { ok: false, reason: 'too_large' }
}
