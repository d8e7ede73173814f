import { METHODS } from 'node:http'
import fc from 'fast-check'
import { DEFAULT_TOKEN_TENANT } from '../../../src/model/token.js'
import { deeplyNested, entityFields, extraEntry, objectText } from './bodies.js'
import { contentType } from './headers.js'
import { pathSegment } from './paths.js'
import { anyJson, FIXTURE_IDS, headerText, often, PROTOTYPE_KEYS } from './primitives.js'
import { permissionList } from './tokens.js'

/** Calls of the /_mock test-control API: seeds, fault rules, token requests, journal queries, resets. */

export const ADMIN_KEY = 'fuzz-admin-key'

export interface ControlRequest {
  method: string
  url: string
  headers: Record<string, string>
  payload?: string | Buffer
  /** The `tenant` of the query string, when it has exactly one. */
  tenant?: string
}

const controlTenant = fc.oneof(
  fc.constantFrom(DEFAULT_TOKEN_TENANT, 'contoso', '', ...PROTOTYPE_KEYS),
  fc.string({ maxLength: 20 })
)
const seedRecord = fc
  .record({
    id: fc.oneof({ weight: 4, arbitrary: fc.uuid() }, fc.constantFrom(...FIXTURE_IDS), fc.string()),
    fields: entityFields,
    subject: fc.option(fc.record({ id: fc.uuid() }), { nil: undefined }),
    extra: fc.oneof(
      { weight: 8, arbitrary: fc.constant<[string, unknown][]>([]) },
      fc.array(extraEntry, { maxLength: 2 })
    )
  })
  .map(({ id, fields, subject, extra }) => {
    const entries: [string, unknown][] = [['id', id], ...Object.entries(fields), ...extra]
    return objectText(subject === undefined ? entries : [...entries, ['subject', subject]])
  })
const seedBody = fc.array(seedRecord, { maxLength: 3 }).map((records) => `[${records.join(',')}]`)
/** A world in the fixture workflows form: seed records placed in workflows, some with runs naming them. */
const worldBody = fc
  .array(
    fc.record({
      id: fc.constantFrom('14879e66-9ea9-48d0-804d-8fea672d0341', 'w-tests', ''),
      records: fc.array(seedRecord, { maxLength: 2 }),
      runs: fc.array(
        fc.record({
          id: fc.constantFrom('r1', 'r2'),
          userProcessingResultIds: fc.array(fc.uuid(), { maxLength: 1 })
        }),
        { maxLength: 2 }
      )
    }),
    { maxLength: 2 }
  )
  .map(
    (workflows) =>
      `{"workflows":[${workflows
        .map(
          ({ id, records, runs }) =>
            `{"id":${JSON.stringify(id)},"runs":${JSON.stringify(runs)},"userProcessingResults":[${records.join(',')}]}`
        )
        .join(',')}]}`
  )
// Valid delays stay short: the property runs hundreds of requests.
const faultRule = fc.record(
  {
    method: often(fc.constantFrom('GET', 'patch', 'POST'), anyJson),
    path: often(
      fc.constantFrom('/beta/**', '/beta/workflowBase/*/x', '/**'),
      fc.constant('no-slash'),
      anyJson
    ),
    tenant: often(fc.constantFrom(DEFAULT_TOKEN_TENANT, 'contoso'), controlTenant, anyJson),
    status: often(
      fc.oneof(
        fc.constantFrom(429, 500, 502, 503, 504),
        fc.array(fc.constantFrom(500, 503), { minLength: 1 })
      ),
      fc.constantFrom(200, 418, []),
      anyJson
    ),
    retryAfter: often(fc.integer({ min: 0, max: 3600 }), fc.constantFrom(-1, 3601), anyJson),
    delayMs: often(
      fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant({ min: 0, max: 10 })),
      fc.constantFrom(-1, 60_001),
      anyJson
    ),
    times: often(fc.integer({ min: 1, max: 3 }), fc.constant(0), anyJson),
    rate: often(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(-0.5, 2), anyJson),
    seed: often(fc.nat(), anyJson)
  },
  { requiredKeys: [] }
)
const tokenBody = fc.record(
  {
    scopes: often(permissionList, anyJson),
    roles: often(permissionList, anyJson),
    tenant: often(fc.constantFrom(DEFAULT_TOKEN_TENANT, 'contoso'), controlTenant),
    appId: often(fc.uuid(), anyJson),
    expiresIn: often(fc.integer({ min: 1, max: 31_536_000 }), fc.constantFrom(0, 31_536_001), anyJson),
    expired: often(fc.boolean(), anyJson)
  },
  { requiredKeys: [] }
)
const junkPayload = fc.oneof(
  { weight: 2, arbitrary: anyJson.map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
  { weight: 1, arbitrary: deeplyNested },
  { weight: 1, arbitrary: fc.constant(undefined) }
)
const withTenant = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ query: '' }) },
  {
    weight: 3,
    arbitrary: controlTenant.map((tenant) => ({ query: `?tenant=${encodeURIComponent(tenant)}`, tenant }))
  },
  fc.constantFrom('?tenant=a&tenant=b', '?x=1').map((query) => ({ query }))
)
const journalQuery = fc.oneof(
  withTenant,
  fc
    .constantFrom('?method=PATCH', '?path=/beta/**&status=200', '?limit=-1', '?limit=2', '?status=abc')
    .map((query) => ({ query }))
)

/** A snapshot of one tenant's world, its rules and journal empty. */
const snapshotOf = (tenant: string, world: string) =>
  `{"version":1,"tenants":{${JSON.stringify(tenant)}:${world}},"faults":[],"journal":[]}`

/** One call of the control API: mostly the body an endpoint expects (nearly valid), sometimes anything. */
const controlCall = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      method: fc.constantFrom('PUT', 'POST'),
      path: fc.constant('/_mock/userProcessingResults'),
      query: withTenant,
      payload: fc.oneof({ weight: 6, arbitrary: seedBody }, junkPayload)
    })
  },
  {
    weight: 3,
    arbitrary: fc.record({
      method: fc.constantFrom('PUT', 'POST'),
      path: fc.constant('/_mock/workflows'),
      query: withTenant,
      payload: fc.oneof({ weight: 6, arbitrary: worldBody }, junkPayload)
    })
  },
  {
    weight: 3,
    // Mostly a restore of the tenant the query names (or another), sometimes a read, a save or anything.
    arbitrary: fc
      .record({
        method: fc.oneof({ weight: 4, arbitrary: fc.constant('PUT') }, fc.constantFrom('GET', 'POST')),
        path: fc.oneof(
          { weight: 4, arbitrary: fc.constant('/_mock/snapshot') },
          fc.constant('/_mock/snapshot/save')
        ),
        query: withTenant,
        other: fc.constantFrom(DEFAULT_TOKEN_TENANT, 'contoso'),
        sameTenant: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, fc.constant(false)),
        world: worldBody,
        junk: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, junkPayload)
      })
      .map(({ method, path, query, other, sameTenant, world, junk }) => ({
        method,
        path,
        query,
        payload: junk ?? snapshotOf('tenant' in query && sameTenant ? (query.tenant ?? other) : other, world)
      }))
  },
  {
    weight: 3,
    arbitrary: fc.record({
      method: fc.constant('POST'),
      path: fc.constant('/_mock/faults'),
      query: fc.constant({ query: '' }),
      payload: fc.oneof({ weight: 6, arbitrary: faultRule.map((rule) => JSON.stringify(rule)) }, junkPayload)
    })
  },
  {
    weight: 2,
    arbitrary: fc.record({
      method: fc.constant('POST'),
      path: fc.constant('/_mock/token'),
      query: fc.constant({ query: '' }),
      payload: fc.oneof({ weight: 6, arbitrary: tokenBody.map((body) => JSON.stringify(body)) }, junkPayload)
    })
  },
  {
    weight: 4,
    arbitrary: fc.record({
      method: fc.constantFrom('GET', 'DELETE', 'POST'),
      path: fc.constantFrom(
        '/_mock/requests',
        '/_mock/faults',
        '/_mock/reset',
        '/_mock/userProcessingResults',
        '/_mock/workflows'
      ),
      query: journalQuery,
      payload: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, junkPayload)
    })
  },
  {
    weight: 3,
    arbitrary: fc.record({
      method: fc.constantFrom(...METHODS.filter((name) => name !== 'CONNECT')),
      path: fc.oneof(
        fc.constantFrom('/_mock/health', '/_mock/ready', '/_mock/ca.pem', '/_mock/token', '/_mock/reset'),
        pathSegment.map((segment) => `/_mock/${segment}`)
      ),
      query: withTenant,
      payload: fc.oneof(
        junkPayload,
        seedBody,
        faultRule.map((rule) => JSON.stringify(rule))
      )
    })
  }
)

export const controlRequest: fc.Arbitrary<ControlRequest> = fc
  .record({
    call: controlCall,
    adminKey: fc.oneof({ weight: 12, arbitrary: fc.constant(ADMIN_KEY) }, fc.constant(undefined), headerText),
    contentType,
    // Without a body, a Content-Type is mostly left out, as clients do.
    typeWithoutBody: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, fc.constant(true))
  })
  .map(({ call: { method, path, query, payload }, adminKey, contentType, typeWithoutBody }) => ({
    method,
    url: `${path}${query.query}`,
    headers: {
      ...(adminKey === undefined ? {} : { 'x-mock-admin-key': adminKey }),
      ...(contentType === undefined || (payload === undefined && !typeWithoutBody)
        ? {}
        : { 'content-type': contentType })
    },
    ...(payload === undefined ? {} : { payload }),
    ...('tenant' in query ? { tenant: query.tenant } : {})
  }))
