/**
 * Bootstraps the very first admin: creates the staff account and prints its one-time
 * binding code. The employee opens the mini-program's staff binding page and enters it.
 *   npm run create-admin -- --name 王店长            (local DynamoDB, stage local)
 *   STAGE=prod TABLE_NAME=huiyuan-prod SECRETS_SSM_PATH=/huiyuan/prod/ PHONE_KMS_KEY_ID=alias/huiyuan-prod-personal-data \
 *   POS_KMS_KEY_ID=alias/huiyuan-prod-pos-secrets npm run create-admin -- --name 王店长   (a deployed stage, AWS credentials)
 */
import { makeDb } from '../functions/src/platform/db'
import { buildServices } from '../functions/src/platform/container'
import { loadSecrets } from '../functions/src/platform/secrets'

async function main() {
  const args = process.argv.slice(2)
  const name = args[args.indexOf('--name') + 1] ?? '管理员'
  const local = !process.env.TABLE_NAME
  // Locally stage local; against a deployed table its stage is named (STAGE), never assumed.
  if (local) process.env.STAGE = 'local'
  await loadSecrets()
  const db = makeDb({
    tableName: process.env.TABLE_NAME ?? 'huiyuan-local',
    endpoint: local ? `http://127.0.0.1:${process.env.HUIYUAN_DYNAMO_PORT ?? '8000'}` : undefined,
    region: process.env.AWS_REGION,
  })
  const s = buildServices(db, { stage: local ? 'local' : 'prod' })
  const created = await s.staffService.create({ name, roles: ['admin'], storeIds: [] }, new Date())
  console.log(`Admin ${created.name} created (${created.staffId}).`)
  console.log(`Binding code: ${created.bindingCode}  (valid until ${created.bindingCodeExpiresAt})`)
}
main().catch((e) => {
  console.error(e)
  process.exit(1)
})
