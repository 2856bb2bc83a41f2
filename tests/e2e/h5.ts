/** Helpers shared by the H5 browser tests that drive several phones at once. */
import type { Page } from 'playwright-core'

/** Taro H5 keeps earlier pages of the stack in the DOM (hidden): look at visible ones only. */
export const visible = (page: Page, selector: string) => page.locator(selector).locator('visible=true')

export const fillInput = async (page: Page, id: string, value: string) => {
  const input = visible(page, `#${id}`).locator('input').first()
  await input.click()
  await input.fill(value)
}

export const textOf = async (page: Page, selector: string) => {
  const el = visible(page, selector)
  return (await el.count()) > 0 ? el.first().innerText() : ''
}

export async function eventually<T>(read: () => Promise<T>, check: (value: T) => void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    try {
      check(value)
      return
    } catch (e) {
      if (Date.now() > deadline) throw e
    }
    await new Promise((r) => setTimeout(r, 200))
  }
}

export const expectText = (page: Page, selector: string, expected: string | RegExp) =>
  eventually(() => textOf(page, selector), (t) => expect(t).toMatch(expected))
