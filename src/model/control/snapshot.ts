import { type Static, Type } from '@sinclair/typebox'
import { FaultRuleSchema } from './fault-rule.js'
import { StoredRequestSchema } from './journal-facts.js'

/** The format of `GET /_mock/snapshot`; a snapshot of another version is refused. */
export const SNAPSHOT_VERSION = 1

/**
 * A fault rule as a snapshot keeps it: its id, the rule as posted, the seed it draws from, what is left of its
 * `times` and how many requests it matched (its draw counter), so that a restored rule goes on with the same
 * sequence. Ids are numbers, or the names of the start-up rules.
 */
export const SavedFaultRuleSchema = Type.Object(
  {
    id: Type.String({
      pattern: '^([1-9][0-9]{0,14}|start-up-[a-z-]+)$',
      expected: 'a rule number, or the name of a start-up rule (start-up-…)'
    }),
    rule: FaultRuleSchema,
    seed: Type.Integer({ minimum: 0, maximum: 2 ** 32 - 1 }),
    /** Fires left; `null` for a rule without `times`. */
    remaining: Type.Union([Type.Integer({ minimum: 1, maximum: 1_000_000 }), Type.Null()]),
    matched: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })
  },
  { additionalProperties: false }
)
export type SavedFaultRule = Static<typeof SavedFaultRuleSchema>

/**
 * Every piece of the mock's mutable state, as `GET /_mock/snapshot` gives it and `PUT /_mock/snapshot` and
 * `--state-file` take it: each tenant with a copy of its own (a world in the fixture workflows form, as
 * `GET /_mock/workflows` gives it; the worlds are checked by the fixture loader), the fault rules in the order
 * they are consulted, and the journal's requests, oldest first.
 */
export const SnapshotSchema = Type.Object(
  {
    version: Type.Literal(SNAPSHOT_VERSION, {
      expected: `${SNAPSHOT_VERSION}, the only format this mock reads`
    }),
    tenants: Type.Record(Type.String({ minLength: 1 }), Type.Unknown()),
    faults: Type.Array(SavedFaultRuleSchema),
    journal: Type.Array(StoredRequestSchema)
  },
  { additionalProperties: false }
)
export type Snapshot = Static<typeof SnapshotSchema>

/** `POST /_mock/snapshot/save`: where the state was written. */
export const SavedStateFileSchema = Type.Object({ path: Type.String() })
