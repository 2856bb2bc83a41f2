import { z, IsoDateTime } from '../common'

export const HealthResponse = z.object({ status: z.literal('ok'), version: z.string(), time: IsoDateTime }).meta({ id: 'HealthResponse' })
export type HealthResponse = z.infer<typeof HealthResponse>
