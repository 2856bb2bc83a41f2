import type { Db } from '../platform/db'

/**
 * Counts the DynamoDB calls made through a table's client (round trips), and the size of the
 * last transaction: the checkout's figures, in its test and in `npm run bench`.
 */
export function countRoundTrips(db: Db): { calls: () => number; lastTransactionItems: () => number } {
  let calls = 0
  let txItems = 0
  db.client.middlewareStack.add(
    (next) => (args) => {
      calls++
      const items = (args.input as { TransactItems?: unknown[] }).TransactItems
      if (items) txItems = items.length
      return next(args)
    },
    { step: 'initialize', name: 'countRoundTrips' },
  )
  return { calls: () => calls, lastTransactionItems: () => txItems }
}
