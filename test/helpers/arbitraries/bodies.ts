import fc from 'fast-check'
import { BODY_LIMIT } from '../../../src/graph/errors/error-handler.js'
import { EXECUTION_TYPE_MEMBERS, PROCESSING_STATUS_MEMBERS } from '../../../src/model/enums.js'
import { ODATA_TYPE } from '../../../src/model/user-processing-result.js'
import { DOC_ID } from '../graph-server.js'
import { anyJson, often, PROTOTYPE_KEYS } from './primitives.js'

/** PATCH bodies: near-valid entities, random JSON and bytes, poisoned keys, deep nesting, one over the limit. */

const int32 = often(
  fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }),
  fc.constantFrom(2_147_483_648, -2_147_483_649, 5.5, '5', 1e308, -0),
  anyJson
)
const dateTime = often(
  fc
    .date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true
    })
    .map((date) => date.toISOString()),
  fc.constantFrom(
    '2026-02-30T00:00:00Z',
    '2026-11-28',
    '2026-11-28T10:00:00',
    '2026-11-28T10:00:00.12345678Z',
    '2026-11-28T10:00:00+14:01',
    '0000-01-01T00:00:00Z'
  ),
  anyJson
)
const nullableDateTime = fc.oneof({ weight: 4, arbitrary: dateTime }, fc.constant(null))
const enumOf = (members: readonly string[]) => {
  const known = members.slice(0, members.indexOf('unknownFutureValue') + 1)
  const evolvable = members.slice(known.length)
  return fc.oneof(
    { weight: 30, arbitrary: fc.constantFrom(...known) },
    { weight: 3, arbitrary: fc.constantFrom(...evolvable) },
    fc.mixedCase(fc.constantFrom(...members)),
    anyJson
  )
}

export const entityFields = fc.record({
  failedTasksCount: int32,
  processingStatus: enumOf(PROCESSING_STATUS_MEMBERS),
  scheduledDateTime: dateTime,
  totalTasksCount: int32,
  totalUnprocessedTasksCount: int32,
  workflowExecutionType: enumOf(EXECUTION_TYPE_MEMBERS),
  workflowVersion: int32,
  completedDateTime: nullableDateTime,
  startedDateTime: nullableDateTime
})
const optionalEntries = fc.oneof(
  { weight: 3, arbitrary: fc.constant<[string, unknown][]>([]) },
  fc.subarray<[string, unknown]>([
    ['id', DOC_ID],
    ['@odata.type', ODATA_TYPE]
  ])
)
export const extraEntry = fc.tuple(
  fc.oneof(fc.constantFrom('foo', 'subject', ...PROTOTYPE_KEYS), fc.string()),
  fc.oneof(anyJson, fc.constant({ prototype: { polluted: true } }), fc.constant({ polluted: true }))
)

/** JSON text written entry by entry, so `__proto__` and duplicate keys reach the server as sent. */
export function objectText(entries: [string, unknown][]): string {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',')}}`
}

export const nearValidBody = fc
  .record({
    fields: entityFields,
    optional: optionalEntries,
    drop: fc.oneof(
      { weight: 8, arbitrary: fc.constant<string[]>([]) },
      fc.subarray(['completedDateTime', 'startedDateTime', 'scheduledDateTime', 'workflowVersion'])
    ),
    extra: fc.oneof({ weight: 8, arbitrary: fc.constant([]) }, fc.array(extraEntry, { maxLength: 3 }))
  })
  .map(({ fields, optional, drop, extra }) =>
    objectText([...Object.entries(fields).filter(([name]) => !drop.includes(name)), ...optional, ...extra])
  )

export const deeplyNested = fc
  .record({
    depth: fc.integer({ min: 1, max: 100_000 }),
    open: fc.constantFrom('[', '{"a":'),
    where: fc.constantFrom('root', 'workflowVersion', 'unknown')
  })
  .map(({ depth, open, where }) => {
    const value = `${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}`
    return where === 'root' ? value : `{"${where}":${value}}`
  })

/** One body over the limit, built once (a 4 MiB string per run would dominate the test's time). */
const oversized = Buffer.alloc(BODY_LIMIT + 1, 'a')

export const payload = fc.oneof(
  { weight: 12, arbitrary: nearValidBody },
  { weight: 2, arbitrary: anyJson.map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 1, arbitrary: deeplyNested },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant(oversized) }
)
