import { Logger } from '@aws-lambda-powertools/logger'

export const logger = new Logger({
  serviceName: 'huiyuan',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | 'DEBUG' | 'WARN' | 'ERROR' | undefined) ?? (process.env.STAGE === 'local' ? 'WARN' : 'INFO'),
})
