import { code128B, code128BModules, code128BValues } from './barcode'

/** Reads modules back into symbol values by their element widths (an independent decoder). */
function decode(modules: string): number[] {
  const runs: number[] = []
  for (let i = 0; i < modules.length; ) {
    let j = i
    while (j < modules.length && modules[j] === modules[i]) j++
    runs.push(j - i)
    i = j
  }
  const table = new Map<string, number>()
  // Widths of the standard symbols the tests meet, copied from ISO/IEC 15417 Table 1.
  const known: Record<number, string> = { 0: '212222', 33: '111323', 34: '131123', 35: '131321', 16: '123122', 17: '123221', 104: '211214' }
  for (const [v, w] of Object.entries(known)) table.set(w, Number(v))
  const values: number[] = []
  for (let i = 0; i + 6 <= runs.length - 7; i += 6) values.push(table.get(runs.slice(i, i + 6).join('')) ?? -1)
  return values
}

describe('Code 128-B', () => {
  test('symbol values: start B, ASCII − 32, mod-103 check, stop', () => {
    // Wikipedia example: "Wikipedia" → check symbol 88.
    const v = code128BValues('Wikipedia')
    expect(v[0]).toBe(104)
    expect(v.slice(1, -2)).toEqual([55, 73, 75, 73, 80, 69, 68, 73, 65])
    expect(v.at(-2)).toBe(88)
    expect(v.at(-1)).toBe(106)
  })

  test('"ABC" draws the known module pattern', () => {
    // start B, A, B, C, check (104+33+68+105 = 310 mod 103 = 1 → "!"), stop
    expect(code128BModules('ABC')).toBe('11010010000' + '10100011000' + '10001011000' + '10001000110' + '11001101100' + '1100011101011')
  })

  test('a 16-character coupon code is 211 modules, every symbol 11 wide with an even bar count', () => {
    const code = '7K3M9QX2ZP4T8VWA'
    const widths = code128B(code)
    expect(widths.reduce((a, b) => a + b, 0)).toBe(11 * (code.length + 3) + 2)
    const symbols = widths.slice(0, -7)
    for (let i = 0; i < symbols.length; i += 6) {
      const s = symbols.slice(i, i + 6)
      expect(s.reduce((a, b) => a + b, 0)).toBe(11)
      expect((s[0]! + s[2]! + s[4]!) % 2).toBe(0)
      expect(s.every((w) => w >= 1 && w <= 4)).toBe(true)
    }
    expect(widths.slice(-7)).toEqual([2, 3, 3, 1, 1, 1, 2])
    expect(widths.length % 2).toBe(1) // starts and ends with a bar
  })

  test('decodes back to the data it encodes', () => {
    expect(decode(code128BModules('ABC0')).slice(0, 5)).toEqual([104, 33, 34, 35, 16])
  })

  test('refuses characters outside code set B', () => {
    expect(() => code128B('券')).toThrow()
    expect(() => code128B('\n')).toThrow()
  })
})
