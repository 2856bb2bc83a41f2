/**
 * One IAM role per Lambda function, allowing only what that function does. serverless.yml
 * adds these roles to the stack (`${file(./infra/roles.cjs):resources}`) and points each
 * function at its own (`role: <Name>LambdaRole`); there is no shared execution role.
 * tests/infra/serverless-package.test.ts holds the packaged template to this table.
 *
 * DynamoDB: a transaction needs the actions of its items (Put → PutItem, Update →
 * UpdateItem, Delete → DeleteItem). Only the members function deletes (erasure); nothing
 * batch-writes or scans. A function that starts doing more gets that action here, and only
 * that function.
 */
const READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query']
const READ_WRITE = [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem']

/**
 * What each function may do:
 *  - table: DynamoDB actions on the table and its indexes;
 *  - secrets: reads the stage's SSM parameters at cold start (platform/secrets.ts);
 *  - personalData / posSecrets: KMS actions on the key for members' personal data, or on the
 *    key for store systems' API secrets;
 *  - stream / deadLetters: the events function reads the table's stream and sends what keeps
 *    failing to the DLQ;
 *  - queue: sends messages to the work queue (starts a fanned-out job, or continues one);
 *  - worker: what the work queue's event source mapping needs to feed the work function.
 */
const ACCESS = {
  // Health, the OpenAPI document and the store list (Query GSI1): no secrets, no keys.
  platform: { table: ['dynamodb:Query'] },
  // Sign-in: member and staff of a WeChat identity; counts sign-ins per address (UpdateItem);
  // the console's sign-in tickets (PutItem, approved and consumed by UpdateItem, audited).
  auth: { table: READ_WRITE, secrets: true },
  // Join seals the phone number; the card and the data export show it to its owner; erasure
  // (DELETE /v1/me) deletes the card-number item.
  members: { table: [...READ_WRITE, 'dynamodb:DeleteItem'], secrets: true, personalData: ['kms:GenerateDataKey', 'kms:Decrypt'] },
  checkins: { table: READ_WRITE, secrets: true },
  // The points ledger, the inbox and the stored-value statement (reads); the member's WeChat
  // subscription grants (a transaction with the idempotency record).
  points: { table: READ_WRITE, secrets: true },
  // The till (purchases, refunds, 核销, stored-value top-ups and spends); store systems'
  // signed requests open their API secret.
  // Stored value's large top-ups keep the payer's real name and ID number sealed (encrypt only).
  staff: { table: READ_WRITE, secrets: true, posSecrets: ['kms:Decrypt'], personalData: ['kms:GenerateDataKey'] },
  // Creates store systems' API keys (seals the secret), never opens one; opens a member's
  // phone only for the audited reveal in the member directory.
  admin: { table: READ_WRITE, secrets: true, posSecrets: ['kms:GenerateDataKey'], personalData: ['kms:Decrypt'] },
  // Segments and their previews; starts fanned-out jobs over members (queue).
  marketing: { table: [...READ_WRITE, 'dynamodb:DeleteItem'], secrets: true, queue: true },
  coupons: { table: READ_WRITE, secrets: true },
  // The reports read the aggregates (and store and template names): reads only.
  reports: { table: READ, secrets: true },
  // The report aggregates' own reader of the stream: counters and done-marks in one transaction.
  // The analytics' own reader of the stream: report counters, members' features (erasure deletes
  // the member's record) and campaigns' attribution, each with its done-mark in one transaction.
  reportEvents: { table: [...READ_WRITE, 'dynamodb:DeleteItem'], secrets: true, stream: true, deadLetters: true },
  events: { table: READ_WRITE, secrets: true, stream: true, deadLetters: true },
  expirePoints: { table: READ_WRITE, secrets: true },
  couponsDaily: { table: READ_WRITE, secrets: true },
  reviewTiers: { table: READ_WRITE, secrets: true },
  // Starts the nightly RFM refresh (a job item, then its shards on the work queue).
  refreshRfm: { table: READ_WRITE, secrets: true, queue: true },
  // Launches due campaigns: freezes their parameters, opens their budget, starts their fan-out (queue).
  campaignsDue: { table: READ_WRITE, secrets: true, queue: true },
  // Starts the daily automations (win-back, check-in reminder): one message per features shard on the work queue.
  automationsDaily: { table: READ_WRITE, secrets: true, queue: true },
  // The work queue's consumer; a handler that cannot finish in one go enqueues the rest (queue).
  work: { table: READ_WRITE, secrets: true, queue: true, worker: true },
}

const roleName = (fn) => `${fn[0].toUpperCase()}${fn.slice(1)}LambdaRole`
const tableArn = { 'Fn::GetAtt': ['MainTable', 'Arn'] }
const workQueueArn = { 'Fn::GetAtt': ['WorkQueue', 'Arn'] }

const statementsOf = (stage, fn, access) => {
  const logGroup = `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/huiyuan-${stage}-${fn}`
  const statements = [
    { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:CreateLogGroup'], Resource: [{ 'Fn::Sub': `${logGroup}:*` }] },
    { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: [{ 'Fn::Sub': `${logGroup}:*:*` }] },
    {
      Effect: 'Allow',
      Action: access.table,
      Resource: [tableArn, { 'Fn::Join': ['', [tableArn, '/index/*']] }],
    },
  ]
  if (access.stream)
    statements.push({
      Effect: 'Allow',
      Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
      Resource: [{ 'Fn::GetAtt': ['MainTable', 'StreamArn'] }],
    })
  if (access.deadLetters)
    statements.push({ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [{ 'Fn::GetAtt': ['EventsDeadLetterQueue', 'Arn'] }] })
  if (access.queue) statements.push({ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [workQueueArn] })
  if (access.worker)
    statements.push({
      Effect: 'Allow',
      Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
      Resource: [workQueueArn],
    })
  if (access.personalData)
    statements.push({
      Effect: 'Allow',
      Action: access.personalData,
      Resource: [{ 'Fn::GetAtt': ['PersonalDataKey', 'Arn'] }],
      // Every member's personal data is sealed bound to the member id (platform/crypto).
      Condition: { Null: { 'kms:EncryptionContext:memberId': 'false' } },
    })
  if (access.posSecrets)
    statements.push({
      Effect: 'Allow',
      Action: access.posSecrets,
      Resource: [{ 'Fn::GetAtt': ['PosSecretsKey', 'Arn'] }],
      // Every POS secret is sealed bound to its key id (platform/crypto): never without one.
      Condition: { Null: { 'kms:EncryptionContext:keyId': 'false' } },
    })
  if (access.secrets)
    statements.push({
      Effect: 'Allow',
      Action: ['ssm:GetParametersByPath'],
      Resource: [
        { 'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/huiyuan/${stage}` },
        { 'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/huiyuan/${stage}/*` },
      ],
    })
  return statements
}

/** The CloudFormation resources: one AWS::IAM::Role per function. */
const roleResources = (stage) =>
  Object.fromEntries(
    Object.entries(ACCESS).map(([fn, access]) => [
      roleName(fn),
      {
        Type: 'AWS::IAM::Role',
        Properties: {
          Description: `huiyuan ${stage}: the ${fn} function`,
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] }],
          },
          Policies: [
            {
              PolicyName: `huiyuan-${stage}-${fn}`,
              PolicyDocument: { Version: '2012-10-17', Statement: statementsOf(stage, fn, access) },
            },
          ],
        },
      },
    ]),
  )

module.exports = {
  ACCESS,
  roleName,
  roleResources,
  /** serverless.yml: `resources: - ${file(./infra/roles.cjs):resources}` */
  resources: async ({ resolveVariable }) => ({ Resources: roleResources(await resolveVariable('sls:stage')) }),
}
