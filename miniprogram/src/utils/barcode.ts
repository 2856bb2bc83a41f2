/**
 * Code 128 (code set B) for coupon codes: text → bar/space widths, drawn with plain Views
 * so the same barcode renders on weapp and H5 without canvas.
 *
 * Symbol = start B, one symbol per character (value = ASCII − 32), a mod-103 check symbol,
 * then stop. Every symbol is 11 modules wide (stop: 13); the quiet zones around it are
 * left to the view.
 */

/** Element widths (bar, space, bar, …) of the 107 Code 128 symbols; 106 is the stop. */
// prettier-ignore
const PATTERNS: readonly string[] = [
  '212222',
  '222122',
  '222221',
  '121223',
  '121322',
  '131222',
  '122213',
  '122312',
  '132212',
  '221213',
  '221312',
  '231212',
  '112232',
  '122132',
  '122231',
  '113222',
  '123122',
  '123221',
  '223211',
  '221132',
  '221231',
  '213212',
  '223112',
  '312131',
  '311222',
  '321122',
  '321221',
  '312212',
  '322112',
  '322211',
  '212123',
  '212321',
  '232121',
  '111323',
  '131123',
  '131321',
  '112313',
  '132113',
  '132311',
  '211313',
  '231113',
  '231311',
  '112133',
  '112331',
  '132131',
  '113123',
  '113321',
  '133121',
  '313121',
  '211331',
  '231131',
  '213113',
  '213311',
  '213131',
  '311123',
  '311321',
  '331121',
  '312113',
  '312311',
  '332111',
  '314111',
  '221411',
  '431111',
  '111224',
  '111422',
  '121124',
  '121421',
  '141122',
  '141221',
  '112214',
  '112412',
  '122114',
  '122411',
  '142112',
  '142211',
  '241211',
  '221114',
  '413111',
  '241112',
  '134111',
  '111242',
  '121142',
  '121241',
  '114212',
  '124112',
  '124211',
  '411212',
  '421112',
  '421211',
  '212141',
  '214121',
  '412121',
  '111143',
  '111341',
  '131141',
  '114113',
  '114311',
  '411113',
  '411311',
  '113141',
  '114131',
  '311141',
  '411131',
  '211412',
  '211214',
  '211232',
  '2331112',
]

const START_B = 104
const STOP = 106

/** The symbol values of `text` in code set B: start, data, check, stop. */
export function code128BValues(text: string): number[] {
  const data = Array.from(text, (ch) => {
    const c = ch.charCodeAt(0)
    if (c < 32 || c > 126) throw new Error(`Code 128-B cannot encode ${JSON.stringify(ch)}`)
    return c - 32
  })
  const check = data.reduce((sum, v, i) => sum + v * (i + 1), START_B) % 103
  return [START_B, ...data, check, STOP]
}

/** Element widths in modules, alternating bar / space and starting with a bar. */
export function code128B(text: string): number[] {
  return code128BValues(text).flatMap((v) => Array.from(PATTERNS[v]!, Number))
}

/** The barcode as modules: '1' bar, '0' space (handy for tests and other renderers). */
export const code128BModules = (text: string): string =>
  code128B(text)
    .map((w, i) => (i % 2 === 0 ? '1' : '0').repeat(w))
    .join('')
