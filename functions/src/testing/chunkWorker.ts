/**
 * A campaign worker in a process of its own, for the race tests: sends the chunks it is given
 * (JSON in argv[2]) with the same sender the `work` Lambda runs, over the table named by
 * TABLE_NAME at DYNAMODB_ENDPOINT, then prints `done`.
 */
import { makeDb } from '../platform/db'
import { campaignSenderOf, makeCore } from '../platform/wiring'

async function main() {
  const chunks = JSON.parse(process.argv[2] ?? '[]') as Array<{ campaignId: string; shard: number; seq: number }>
  const core = makeCore(makeDb({ tableName: process.env.TABLE_NAME!, endpoint: process.env.DYNAMODB_ENDPOINT! }))
  const sender = campaignSenderOf(core)
  for (const c of chunks) await sender.sendChunk({ ...c, deferred: false })
  process.stdout.write('done\n')
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`)
  process.exit(1)
})
