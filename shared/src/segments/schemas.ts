/**
 * Segments (PRODUCT.md §9): conditions over each member's features record, which event
 * consumers keep current (functions/src/segments). A segment is a tree of AND/OR groups of
 * conditions; its preview counts it — at once for a small program, else by a job over the
 * features shards whose progress the console polls.
 */
import { z, Fen, IsoDateTime, CalendarDate, MonthString, pageOf } from '../common'
import { Gender } from '../members/schemas'

/** The Chinese 8-group RFM model: R, F and M each high (above the threshold) or low. */
export const RFM_GROUPS = [
  'important_value', // 重要价值: R high (recent), F high, M high
  'important_keep', // 重要保持: R low, F high, M high
  'important_develop', // 重要发展: R high, F low, M high
  'important_retain', // 重要挽留: R low, F low, M high
  'general_value', // 一般价值: R high, F high, M low
  'general_keep', // 一般保持: R low, F high, M low
  'general_develop', // 一般发展: R high, F low, M low
  'general_retain', // 一般挽留: R low, F low, M low
  'prospect', // 新客/潜客: no purchase yet — a group of its own, never dropped
] as const
export const RfmGroup = z.enum(RFM_GROUPS)
export type RfmGroup = z.infer<typeof RfmGroup>

export const RFM_GROUP_LABELS: Record<RfmGroup, string> = {
  important_value: '重要价值',
  important_keep: '重要保持',
  important_develop: '重要发展',
  important_retain: '重要挽留',
  general_value: '一般价值',
  general_keep: '一般保持',
  general_develop: '一般发展',
  general_retain: '一般挽留',
  prospect: '新客/潜客',
}

/** The 4-group pyramid (frequency × amount): core, high value infrequent, frequent low value, general; plus no purchase. */
export const PYRAMID_GROUPS = ['core', 'big_spender', 'frequent', 'general', 'prospect'] as const
export const PyramidGroup = z.enum(PYRAMID_GROUPS)
export type PyramidGroup = z.infer<typeof PyramidGroup>
export const PYRAMID_GROUP_LABELS: Record<PyramidGroup, string> = {
  core: '核心会员（高频高额）',
  big_spender: '高额低频',
  frequent: '高频低额',
  general: '一般会员',
  prospect: '新客/潜客',
}

export const AGE_BANDS = ['under18', '18-24', '25-34', '35-44', '45-54', '55+', 'unknown'] as const
export const AgeBand = z.enum(AGE_BANDS)
export type AgeBand = z.infer<typeof AgeBand>

/**
 * The thresholds that split R, F and M into high and low. Recency: days since the last
 * purchase (at most `recencyDays` is high); frequency: purchases in the last 12 months (at
 * least `frequency` is high); monetary: spend in the last 12 months (at least `monetaryFen`).
 */
export const RfmThresholds = z
  .object({
    recencyDays: z.number().int().min(1).max(3650),
    frequency: z.number().int().min(1).max(10_000),
    monetaryFen: Fen.min(1),
  })
  .meta({ id: 'RfmThresholds' })
export type RfmThresholds = z.infer<typeof RfmThresholds>

const Days = z.number().int().min(0).max(3650)
const Ids = z.array(z.string().min(1).max(64)).min(1).max(100)
const Range = <T extends z.ZodNumber>(n: T) =>
  z
    .object({ min: n.optional(), max: n.optional() })
    .refine((r) => r.min !== undefined || r.max !== undefined, { message: 'give min, max or both' })
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, { path: ['max'], message: 'must not be below min' })

/** One condition over the features. */
export const SegmentCondition = z
  .discriminatedUnion('field', [
    z.object({ field: z.literal('rfmGroup'), in: z.array(RfmGroup).min(1) }),
    z.object({ field: z.literal('pyramidGroup'), in: z.array(PyramidGroup).min(1) }),
    /** R, F, M quintile scores 1–5 (5 = most recent, most frequent, highest spend). */
    z.object({
      field: z.literal('rfmScore'),
      dimension: z.enum(['r', 'f', 'm']),
      min: z.number().int().min(1).max(5),
      max: z.number().int().min(1).max(5),
    }),
    /** No purchase in the last N days (members who never bought count from their join date). */
    z.object({ field: z.literal('sleeping'), days: Days.min(1) }),
    /** Joined within the last N days. */
    z.object({ field: z.literal('newMember'), days: Days.min(1) }),
    /** Bought or checked in within the last N days. */
    z.object({ field: z.literal('active'), days: Days.min(1) }),
    /** Birthday this calendar month, or within the next N days (today included). */
    z
      .object({ field: z.literal('birthday'), thisMonth: z.literal(true).optional(), withinDays: Days.max(366).optional() })
      .refine((c) => (c.thisMonth === undefined) !== (c.withinDays === undefined), { message: 'give thisMonth or withinDays' }),
    z.object({ field: z.literal('tier'), in: Ids }),
    z.object({ field: z.literal('joinStore'), in: Ids }),
    z.object({ field: z.literal('favouriteStore'), in: Ids }),
    /** Bought in any of these categories in the last 12 months. */
    z.object({ field: z.literal('category'), in: Ids }),
    z.object({ field: z.literal('tags'), any: Ids }),
    z.object({ field: z.literal('ageBand'), in: z.array(AgeBand).min(1) }),
    z.object({ field: z.literal('gender'), in: z.array(Gender).min(1) }),
    /** Holds at least `minPoints` points that expire within the next N days. */
    z.object({ field: z.literal('pointsExpiring'), withinDays: Days.min(1).max(366), minPoints: z.number().int().min(1).default(1) }),
    z.object({ field: z.literal('unusedCoupons'), has: z.boolean() }),
    /** Spend (fen) in the last 12 months. */
    z.object({ field: z.literal('spend12m'), range: Range(z.number().int().min(0)) }),
    /** Purchases in the last 12 months. */
    z.object({ field: z.literal('purchases12m'), range: Range(z.number().int().min(0)) }),
    z.object({ field: z.literal('pointsBalance'), range: Range(z.number().int().min(0)) }),
    z.object({ field: z.literal('marketingConsent'), is: z.boolean() }),
  ])
  .meta({ id: 'SegmentCondition' })
export type SegmentCondition = z.infer<typeof SegmentCondition>
export type SegmentField = SegmentCondition['field']

export interface SegmentGroup {
  op: 'and' | 'or'
  conditions: Array<SegmentCondition | SegmentGroup>
}

/** AND/OR groups, nested at most three deep, at most 50 conditions in all. */
export const SegmentGroup: z.ZodType<SegmentGroup> = z
  .lazy(() =>
    z.object({
      op: z.enum(['and', 'or']),
      conditions: z
        .array(z.union([SegmentCondition, SegmentGroup]))
        .min(1, 'add at least one condition')
        .max(20),
    }),
  )
  .meta({ id: 'SegmentGroup' })

const depthOf = (g: SegmentGroup): number => 1 + Math.max(0, ...g.conditions.map((c) => ('op' in c ? depthOf(c) : 0)))
const countOf = (g: SegmentGroup): number => g.conditions.reduce((n, c) => n + ('op' in c ? countOf(c) : 1), 0)

export const SegmentDefinition = SegmentGroup.refine((g) => depthOf(g) <= 3, { message: 'groups nest at most 3 deep' }).refine(
  (g) => countOf(g) <= 50,
  { message: 'at most 50 conditions' },
)

export const SegmentName = z.string().trim().min(1, 'must not be empty').max(40)

export const CreateSegmentRequest = z
  .object({
    name: SegmentName,
    description: z.string().trim().max(200).optional(),
    definition: SegmentDefinition,
  })
  .meta({ id: 'CreateSegmentRequest' })
export type CreateSegmentRequest = z.infer<typeof CreateSegmentRequest>

export const UpdateSegmentRequest = CreateSegmentRequest.extend({
  /** The version read: a save over someone else's change is refused (409 VERSION_CONFLICT). */
  version: z.number().int().min(1),
}).meta({ id: 'UpdateSegmentRequest' })
export type UpdateSegmentRequest = z.infer<typeof UpdateSegmentRequest>

export const SegmentIdParams = z.object({ segmentId: z.string().min(1).max(40) })

export const Segment = z
  .object({
    segmentId: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    definition: SegmentGroup,
    version: z.number().int(),
    createdBy: z.string(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    /** The last completed count, if any. */
    lastCount: z.object({ size: z.number().int(), members: z.number().int(), at: IsoDateTime }).nullable(),
  })
  .meta({ id: 'Segment' })
export type Segment = z.infer<typeof Segment>
export const SegmentList = pageOf(Segment).meta({ id: 'SegmentList' })
export type SegmentList = z.infer<typeof SegmentList>

/** A member in a preview's sample: masked, no contact. */
export const SegmentSampleMember = z.object({
  memberId: z.string(),
  cardNo: z.string(),
  /** 李* */
  nameMasked: z.string(),
  tierCode: z.string(),
  joinStoreId: z.string(),
  rfmGroup: RfmGroup,
  lastPurchaseDate: CalendarDate.nullable(),
  spend12mFen: Fen,
})

const Breakdown = z.array(z.object({ key: z.string(), label: z.string(), members: z.number().int() }))

export const SegmentCountResult = z.object({
  /** Members matching the segment. */
  size: z.number().int(),
  /** Members counted (every member not erased). */
  members: z.number().int(),
  /** size ÷ members, 0–1. */
  share: z.number(),
  sample: z.array(SegmentSampleMember).max(20),
  byTier: Breakdown,
  /** By join store. */
  byStore: Breakdown,
  /** When the count finished. */
  countedAt: IsoDateTime,
})
export type SegmentCountResult = z.infer<typeof SegmentCountResult>

export const JOB_KINDS = ['segment-count', 'features-rebuild', 'rfm-refresh'] as const
export const JobKind = z.enum(JOB_KINDS)
export type JobKind = z.infer<typeof JobKind>

/** A job over every member, fanned out in shards: progress while it runs, and its result. */
export const Job = z
  .object({
    jobId: z.string(),
    kind: JobKind,
    status: z.enum(['running', 'done', 'failed']),
    /** Shards finished of all. */
    progress: z.object({ done: z.number().int(), total: z.number().int() }),
    /** Members gone through so far. */
    processed: z.number().int(),
    startedAt: IsoDateTime,
    finishedAt: IsoDateTime.nullable(),
    /** segment-count: the count. */
    count: SegmentCountResult.nullable(),
  })
  .meta({ id: 'Job' })
export type Job = z.infer<typeof Job>

export const JobIdParams = z.object({ jobId: z.string().min(1).max(40) })

export const StartJobRequest = z.object({ kind: z.enum(['features-rebuild', 'rfm-refresh']) }).meta({ id: 'StartJobRequest' })

/** A preview: counted at once (`done`) or a job under way whose progress the caller polls (GET /v1/admin/jobs/{jobId}). */
export const SegmentPreview = z
  .object({
    status: z.enum(['done', 'running']),
    jobId: z.string().nullable(),
    progress: z.object({ done: z.number().int(), total: z.number().int() }),
    count: SegmentCountResult.nullable(),
  })
  .meta({ id: 'SegmentPreview' })
export type SegmentPreview = z.infer<typeof SegmentPreview>

export const PreviewDefinitionRequest = z.object({ definition: SegmentDefinition }).meta({ id: 'PreviewDefinitionRequest' })

/** The RFM picture: thresholds, the 8 groups and the pyramid with counts and spend, quintile cut points, month-to-month moves. */
export const RfmOverview = z
  .object({
    /** The thresholds in use and where they come from: the merchant's, or the medians of members who bought in the last 12 months. */
    thresholds: RfmThresholds,
    source: z.enum(['merchant', 'median', 'default']),
    medians: RfmThresholds.nullable(),
    /** Quintile cut points (4 each) of recency days, frequency and spend among buyers. */
    quintiles: z.object({ r: z.array(z.number()), f: z.array(z.number()), m: z.array(z.number()) }).nullable(),
    /** When the nightly refresh last ran (null: never). */
    computedAt: IsoDateTime.nullable(),
    members: z.number().int(),
    groups: z.array(
      z.object({ group: RfmGroup, label: z.string(), members: z.number().int(), avgSpend12mFen: Fen, avgPurchases12m: z.number() }),
    ),
    pyramid: z.array(z.object({ group: PyramidGroup, label: z.string(), members: z.number().int(), avgSpend12mFen: Fen })),
    /** Members by their group last month and this month (rows: from, columns: to). */
    movement: z
      .object({
        from: MonthString,
        to: MonthString,
        moves: z.array(z.object({ from: RfmGroup, to: RfmGroup, members: z.number().int() })),
      })
      .nullable(),
  })
  .meta({ id: 'RfmOverview' })
export type RfmOverview = z.infer<typeof RfmOverview>

export const UpdateRfmThresholdsRequest = z.object({ thresholds: RfmThresholds.nullable() }).meta({ id: 'UpdateRfmThresholdsRequest' })
