/**
 * The single DynamoDB table: the one definition that serverless.yml deploys
 * (`${file(./infra/table.cjs):cloudFormation}`) and that the local stack and the tests
 * create in DynamoDB Local (`createTableInput`). Change keys and indexes here only.
 */
const tableName = (stage) => `huiyuan-${stage}`

const attributeDefinitions = [
  { AttributeName: 'PK', AttributeType: 'S' },
  { AttributeName: 'SK', AttributeType: 'S' },
  { AttributeName: 'GSI1PK', AttributeType: 'S' },
  { AttributeName: 'GSI1SK', AttributeType: 'S' },
  { AttributeName: 'GSI2PK', AttributeType: 'S' },
  { AttributeName: 'GSI2SK', AttributeType: 'S' },
]

const keySchema = [
  { AttributeName: 'PK', KeyType: 'HASH' },
  { AttributeName: 'SK', KeyType: 'RANGE' },
]

const globalSecondaryIndexes = [
  {
    IndexName: 'GSI1',
    KeySchema: [
      { AttributeName: 'GSI1PK', KeyType: 'HASH' },
      { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  },
  {
    IndexName: 'GSI2',
    KeySchema: [
      { AttributeName: 'GSI2PK', KeyType: 'HASH' },
      { AttributeName: 'GSI2SK', KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  },
]

/** CloudFormation AWS::DynamoDB::Table Properties for a stage. */
const cloudFormationProperties = (stage) => ({
  TableName: tableName(stage),
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: attributeDefinitions,
  KeySchema: keySchema,
  GlobalSecondaryIndexes: globalSecondaryIndexes,
  TimeToLiveSpecification: { AttributeName: 'expiresAtEpoch', Enabled: true },
  PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
  SSESpecification: { SSEEnabled: true },
  StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
  DeletionProtectionEnabled: stage === 'prod',
})

/** CreateTable input for DynamoDB Local (same keys and indexes). */
const createTableInput = (name) => ({
  TableName: name,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: attributeDefinitions,
  KeySchema: keySchema,
  GlobalSecondaryIndexes: globalSecondaryIndexes,
  // Domain events are read from the stream, locally as on AWS.
  StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
})

module.exports = {
  tableName,
  createTableInput,
  cloudFormationProperties,
  /** serverless.yml: `${file(./infra/table.cjs):cloudFormation}` */
  cloudFormation: async ({ resolveVariable }) => cloudFormationProperties(await resolveVariable('sls:stage')),
}
