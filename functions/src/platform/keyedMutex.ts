/**
 * Runs tasks for the same key one after another within this container. Optimistic locking
 * keeps concurrent containers correct; this only stops one container's concurrent
 * requests for the same member from fighting over the same version (cheaper than retries).
 */
export const keyedMutex = () => {
  const tails = new Map<string, Promise<unknown>>()
  return async <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve()
    const run = previous.then(task, task)
    const tail = run.catch(() => undefined)
    tails.set(key, tail)
    try {
      return await run
    } finally {
      if (tails.get(key) === tail) tails.delete(key)
    }
  }
}
