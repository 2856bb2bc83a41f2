/** Headless Chromium (Debian's, or CHROMIUM_PATH) for the browser tests and the H5 weight figures. */
import { type Browser, chromium } from 'playwright-core'

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export function launchChromium(opts: { extraArgs?: string[]; executablePath?: string } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: opts.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...ARGS, ...(opts.extraArgs ?? [])],
  })
}
