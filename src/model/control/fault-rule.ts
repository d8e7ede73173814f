import { type Static, Type } from '@sinclair/typebox'
import { MethodSchema, PathSchema } from './control-query.js'

/** The statuses a fault can answer with, each with Graph's code and message (see GraphError). */
export const FAULT_STATUSES = [429, 500, 502, 503, 504] as const
export type FaultStatus = (typeof FAULT_STATUSES)[number]

/** Bounds every injected delay, so a typo cannot hang a test suite. */
export const MAX_DELAY_MS = 60_000

const FaultStatusSchema = Type.Union(FAULT_STATUSES.map((status) => Type.Literal(status)))
const Delay = Type.Integer({ minimum: 0, maximum: MAX_DELAY_MS })

/**
 * A fault rule, one flat object: what it matches (method, path glob, tenant), what it does (an error status,
 * a delay, or both) and how often (`times` then it expires; `rate` with a `seed` for a repeatable share).
 */
export const FaultRuleSchema = Type.Object(
  {
    method: Type.Optional(MethodSchema),
    /** A glob over the path without query (`*` within a segment, `**` across), compared without case. */
    path: Type.Optional(PathSchema),
    tenant: Type.Optional(Type.String({ minLength: 1 })),
    /** One status, or several of which the rule's generator picks one each time. */
    status: Type.Optional(
      Type.Union([FaultStatusSchema, Type.Array(FaultStatusSchema, { minItems: 1, maxItems: 20 })], {
        expected: `one of ${FAULT_STATUSES.join(', ')}, or a list of them`
      })
    ),
    /** Seconds, for the `Retry-After` header (429 and 503 send 1 when it is not given). */
    retryAfter: Type.Optional(Type.Integer({ minimum: 0, maximum: 3600 })),
    /** Milliseconds, or a range the rule's generator draws from. */
    delayMs: Type.Optional(
      Type.Union([Delay, Type.Object({ min: Delay, max: Delay }, { additionalProperties: false })], {
        expected: `milliseconds from 0 to ${MAX_DELAY_MS}, or { "min": …, "max": … }`
      })
    ),
    times: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    rate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 32 - 1 }))
  },
  { additionalProperties: false }
)
export type FaultRule = Static<typeof FaultRuleSchema>
/** A rule with a name of its own, as the start-up options make them. */
export type NamedFaultRule = FaultRule & { id: string }

/** A rule as `GET /_mock/faults` lists it. */
export const FaultRuleViewSchema = Type.Object({
  id: Type.String(),
  ...FaultRuleSchema.properties,
  /** Matches left before the rule expires; `null` when it never does. */
  remaining: Type.Union([Type.Integer(), Type.Null()])
})
export type FaultRuleView = Static<typeof FaultRuleViewSchema>
