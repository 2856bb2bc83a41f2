import { z } from 'zod'
import { IsoDateTime } from '@huiyuan/shared/common'
import { logger } from './logger'
import { METRICS_NAMESPACE, metricsEnabled } from './metrics'
import { MALFORMED_ITEM_METRIC, parseStoredItems } from './storedItems'

const Stored = z.object({ offerId: z.string(), title: z.string(), claimFrom: IsoDateTime })
const good = (id: string) => ({
  PK: `OFFER#${id}`,
  SK: 'OFFER',
  GSI1PK: 'OFFERS',
  entity: 'Offer',
  offerId: id,
  title: '券',
  claimFrom: '2026-11-25T10:00:00+08:00',
})

let warn: jest.SpyInstance
let stdout: jest.SpyInstance
const emitted = () => stdout.mock.calls.map(([line]) => String(line)).filter((l) => l.includes('_aws'))
const saved = { ...process.env }
beforeEach(() => {
  warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined)
  stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
})
afterEach(() => {
  warn.mockRestore()
  stdout.mockRestore()
  process.env = { ...saved }
})

describe('parseStoredItems', () => {
  it('keeps the items that match, stripped of keys, in order, and skips the malformed ones with their key logged', () => {
    const items = [good('O1'), { ...good('O2'), claimFrom: '!not-a-date' }, good('O3'), { PK: 'OFFER#O4', SK: 'OFFER', title: 7 }]
    const out = parseStoredItems(items, Stored, 'Offer')
    expect(out).toEqual([
      { offerId: 'O1', title: '券', claimFrom: '2026-11-25T10:00:00+08:00' },
      { offerId: 'O3', title: '券', claimFrom: '2026-11-25T10:00:00+08:00' },
    ])
    expect(warn).toHaveBeenCalledTimes(2)
    expect(warn.mock.calls.map(([msg, extra]) => [msg, extra.entity, extra.PK, extra.SK])).toEqual([
      ['malformed item skipped', 'Offer', 'OFFER#O2', 'OFFER'],
      ['malformed item skipped', 'Offer', 'OFFER#O4', 'OFFER'],
    ])
    expect(warn.mock.calls[0][1].issues).toEqual([expect.objectContaining({ path: 'claimFrom' })])
  })

  it('counts skipped items in one MalformedItemSkipped EMF metric (namespace Huiyuan) where metrics are on', () => {
    process.env.POWERTOOLS_METRICS_DISABLED = 'false'
    parseStoredItems([good('O1'), { ...good('O2'), claimFrom: 'x' }, { ...good('O3'), offerId: 3 }], Stored, 'Offer')
    const lines = emitted()
    expect(lines).toHaveLength(1)
    const emf = JSON.parse(lines[0]!)
    expect(emf._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      Dimensions: [expect.arrayContaining(['service', 'entity'])],
      Metrics: [{ Name: MALFORMED_ITEM_METRIC, Unit: 'Count' }],
    })
    expect(emf).toMatchObject({ entity: 'Offer', service: 'huiyuan', [MALFORMED_ITEM_METRIC]: 2 })
  })

  it('emits nothing when every item is fine', () => {
    process.env.POWERTOOLS_METRICS_DISABLED = 'false'
    expect(parseStoredItems([good('O1')], Stored, 'Offer')).toHaveLength(1)
    expect(emitted()).toEqual([])
    expect(warn).not.toHaveBeenCalled()
  })

  it('prints no metrics on stage local (tests, npm start) unless asked to', () => {
    delete process.env.POWERTOOLS_METRICS_DISABLED
    process.env.STAGE = 'local'
    expect(metricsEnabled()).toBe(false)
    parseStoredItems([{ ...good('O2'), claimFrom: 'x' }], Stored, 'Offer')
    expect(emitted()).toEqual([])
    const env = (e: Record<string, string>) => e as NodeJS.ProcessEnv
    expect(metricsEnabled(env({ STAGE: 'prod' }))).toBe(true)
    expect(metricsEnabled(env({ STAGE: 'prod', POWERTOOLS_METRICS_DISABLED: 'true' }))).toBe(false)
    expect(metricsEnabled(env({ STAGE: 'local', POWERTOOLS_METRICS_DISABLED: 'false' }))).toBe(true)
  })
})
