import { keyedMutex } from './keyedMutex'

describe('keyed mutex', () => {
  it('runs tasks of one key one at a time, other keys in parallel, and survives failures', async () => {
    const lock = keyedMutex()
    let running = 0
    let max = 0
    const events: string[] = []
    const task = (key: string, i: number, fail = false) =>
      lock(key, async () => {
        running++
        max = Math.max(max, running)
        await new Promise((r) => setTimeout(r, 5))
        events.push(`${key}${i}`)
        running--
        if (fail) throw new Error('boom')
        return i
      })
    const results = await Promise.allSettled([task('a', 1), task('a', 2, true), task('a', 3), task('b', 1)])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled'])
    expect(events.filter((e) => e.startsWith('a'))).toEqual(['a1', 'a2', 'a3'])
    expect(max).toBe(2)
  })
})
