import { METHODS } from 'node:http'
import fc from 'fast-check'
import { DEFAULT_TENANT } from '../src/graph/auth-hook.js'
import { BODY_LIMIT } from '../src/graph/error-handler.js'
import { EXECUTION_TYPE_MEMBERS, PROCESSING_STATUS_MEMBERS } from '../src/graph/schemas/enums.js'
import { ODATA_TYPE } from '../src/graph/schemas/user-processing-result.js'
import { DEFAULT_TOKEN_TENANT, mintToken } from '../src/token.js'
import { DOC_ID } from './helpers.js'

/** Generators of hostile HTTP requests for the property tests: near-valid ones too, so that writes happen. */

export interface HostileRequest {
  method: string
  url: string
  headers: Record<string, string>
  payload?: string | Buffer
  /** The tenant a write with this request's token goes to (when auth is enforced). */
  tenant: string
}

const FIXTURE_IDS = [
  DOC_ID,
  'e831ffea-4156-482a-ba43-a8161f83efa8',
  '0481a153-f437-45f0-b07c-ebe1008f10c5',
  '6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b92'
]
// SPEC §4's values, written out so that the tests do not share the code's constants.
const GRAPH_AUDIENCES = [
  'https://graph.microsoft.com',
  'https://graph.microsoft.com/',
  '00000003-0000-0000-c000-000000000000'
]
const PERSONAL_ACCOUNT_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad'
const PERMISSIONS = ['LifecycleWorkflows.ReadWrite.All', 'LifecycleWorkflows.Read.All', 'User.Read.All']
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']

const anyJson = fc.jsonValue({ maxDepth: 3 })
const printable = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code))
/** What a header value can hold on the wire (visible ASCII, space, tab). */
const headerText = fc.string({ unit: fc.oneof({ weight: 20, arbitrary: printable }, fc.constant('\t')) })
const hugeText = fc.integer({ min: 1_000, max: 64 * 1024 }).map((length) => 'a'.repeat(length))

function often<T>(usual: fc.Arbitrary<T>, ...rare: fc.Arbitrary<T>[]): fc.Arbitrary<T> {
  return fc.oneof({ weight: 40, arbitrary: usual }, ...rare.map((arbitrary) => ({ weight: 1, arbitrary })))
}

// --- tokens: a JWT's structure around random claims -------------------------------------------------------

const nowSeconds = Math.floor(Date.now() / 1000)
const claimTime = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: nowSeconds + 600, max: nowSeconds + 86_400 }) },
  fc.integer({ min: 0, max: nowSeconds - 600 }),
  anyJson
)
const permissionList = fc.subarray(PERMISSIONS)
const claims = fc.record(
  {
    aud: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...GRAPH_AUDIENCES) }, anyJson),
    exp: claimTime,
    nbf: fc.oneof(fc.integer({ min: 0, max: nowSeconds - 600 }), claimTime),
    tid: fc.oneof(
      fc.constantFrom(DEFAULT_TOKEN_TENANT, 'contoso', PERSONAL_ACCOUNT_TENANT, '', ...PROTOTYPE_KEYS),
      fc.string(),
      anyJson
    ),
    scp: fc.oneof(
      permissionList.map((scopes) => scopes.join(' ')),
      anyJson
    ),
    roles: fc.oneof(permissionList, anyJson),
    extra: anyJson
  },
  { requiredKeys: [] }
)

function segment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

function tenantOf(payload: unknown): string {
  const tid = (payload as { tid?: unknown } | null)?.tid
  return typeof tid === 'string' && tid !== '' ? tid : DEFAULT_TENANT
}

const randomJwt = fc
  .record({
    header: fc.oneof(fc.constant({ alg: 'none', typ: 'JWT' }), anyJson),
    payload: fc.oneof({ weight: 6, arbitrary: claims }, anyJson),
    signature: fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/)
  })
  .map(({ header, payload, signature }) => ({
    authorization: `Bearer ${segment(header)}.${segment(payload)}.${signature}`,
    tenant: tenantOf(payload)
  }))

const authorization: fc.Arbitrary<{ authorization?: string; tenant: string }> = fc.oneof(
  { weight: 5, arbitrary: randomJwt },
  {
    weight: 4,
    arbitrary: fc.constant({ authorization: `Bearer ${mintToken()}`, tenant: DEFAULT_TOKEN_TENANT })
  },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.constantFrom(
          '',
          'Bearer',
          'Bearer ',
          'bearer x',
          'Basic dXNlcjpwYXNz',
          'Bearer a.b.c',
          'Bearer ..'
        ),
        headerText,
        hugeText.map((text) => `Bearer ${text}`)
      )
      .map((value) => ({ authorization: value, tenant: DEFAULT_TENANT }))
  },
  { weight: 1, arbitrary: fc.constant({ tenant: DEFAULT_TENANT }) }
)

// --- bodies: near-valid entities, random JSON, random bytes, poisoned keys, deep nesting ------------------

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

const entityFields = fc.record({
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
const extraEntry = fc.tuple(
  fc.oneof(fc.constantFrom('foo', 'subject', ...PROTOTYPE_KEYS), fc.string()),
  fc.oneof(anyJson, fc.constant({ prototype: { polluted: true } }), fc.constant({ polluted: true }))
)

/** JSON text written entry by entry, so `__proto__` and duplicate keys reach the server as sent. */
function objectText(entries: [string, unknown][]): string {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',')}}`
}

const nearValidBody = fc
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

const deeplyNested = fc
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

const payload = fc.oneof(
  { weight: 12, arbitrary: nearValidBody },
  { weight: 2, arbitrary: anyJson.map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 1, arbitrary: deeplyNested },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant(oversized) }
)

// --- headers ----------------------------------------------------------------------------------------------

const contentType = fc.oneof(
  {
    weight: 16,
    arbitrary: fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/json;odata.metadata=minimal'
    )
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json-patch+json',
      'application/jsonx',
      ';'
    )
  },
  { weight: 1, arbitrary: headerText },
  { weight: 1, arbitrary: fc.constant(undefined) }
)

const headerName = fc.stringMatching(/^x-[a-z0-9-]{1,20}$/)
const optionalHeaders = fc.record(
  {
    prefer: fc.oneof(
      fc.constantFrom('include-unknown-enum-members', 'return=minimal, Include-Unknown-Enum-Members'),
      headerText
    ),
    'client-request-id': fc.oneof(fc.uuid(), headerText, hugeText),
    origin: fc.oneof(fc.constant('http://localhost:3000'), headerText),
    'access-control-request-method': fc.constantFrom('PATCH', 'GET', 'PUT'),
    accept: fc.oneof(fc.constantFrom('application/json', '*/*', 'text/html'), headerText),
    'content-encoding': fc.constantFrom('gzip', 'br', 'identity'),
    'x-huge': hugeText
  },
  { requiredKeys: [] }
)
const randomHeaders = fc.dictionary(headerName, headerText, { maxKeys: 4 })

// --- paths and methods ------------------------------------------------------------------------------------

const pathSegment = fc.oneof(
  fc.constantFrom(
    'beta',
    'workflowBase',
    'userProcessingResults',
    'identityGovernance',
    '_mock',
    'health',
    '..',
    '.',
    '',
    '%',
    '%zz',
    '%00',
    '%2F',
    '%C0%AF',
    ...PROTOTYPE_KEYS
  ),
  fc.webSegment(),
  fc.string({ unit: 'binary', maxLength: 12 }).map(encodeURIComponent)
)
const query = fc.oneof(
  fc.constantFrom('', '?', '?$select=id', '?$filter=%zz', '?__proto__[polluted]=1', '?a=1&a=2'),
  fc.webQueryParameters().map((text) => `?${text}`)
)
const resultId = fc.oneof(
  { weight: 4, arbitrary: fc.constant(DOC_ID) },
  { weight: 2, arbitrary: fc.constantFrom(...FIXTURE_IDS) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: pathSegment },
  { weight: 1, arbitrary: fc.integer({ min: 900, max: 3000 }).map((length) => 'a'.repeat(length)) }
)
const resultPath = fc
  .record({
    prefix: fc.oneof(
      { weight: 6, arbitrary: fc.constant('/beta/workflowBase/userProcessingResults/') },
      fc.mixedCase(fc.constant('/beta/workflowBase/userProcessingResults/'))
    ),
    id: resultId,
    slash: fc.constantFrom('', '', '', '/'),
    query
  })
  .map(({ prefix, id, slash, query }) => `${prefix}${id}${slash}${query}`)
// --- the real Graph read paths, with OData query options ----------------------------------------------

const WORKFLOW = '/beta/identityGovernance/lifecycleWorkflows/workflows'
const scopes = fc.constantFrom(
  `${WORKFLOW}/14879e66-9ea9-48d0-804d-8fea672d0341`,
  `${WORKFLOW}/14879e66-9ea9-48d0-804d-8fea672d0341/runs/dad77a47-6eda-4de7-bc37-fe8eb5aaf17d`,
  `${WORKFLOW}/156ce798-1eb6-4e0a-8515-e79f54d04390`,
  `${WORKFLOW}/00000000-0000-0000-0000-000000000000`
)
const filterProperty = fc.constantFrom(
  'id',
  'processingStatus',
  'workflowExecutionType',
  'subject/id',
  'completedDateTime',
  'scheduledDateTime',
  'startedDateTime',
  'failedTasksCount',
  'foo'
)
const filterLiteral = fc.oneof(
  fc.constantFrom(
    "'completed'",
    "'o''brien'",
    'null',
    '2022-08-24T23:28:01.1348863Z',
    '2022-08-24',
    "'canceling'"
  ),
  fc.constantFrom(
    "microsoft.graph.identityGovernance.lifecycleWorkflowProcessingStatus'completed'",
    '1',
    'true'
  ),
  fc.constantFrom(...FIXTURE_IDS).map((id) => `'${id}'`),
  headerText
)
const { filter } = fc.letrec<{ filter: string }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .tuple(filterProperty, fc.constantFrom('eq', 'ne', 'lt', 'le', 'gt', 'ge', 'has', 'in'), filterLiteral)
      .map((parts) => parts.join(' ')),
    fc
      .tuple(tie('filter'), fc.constantFrom('and', 'or', 'AND'), tie('filter'))
      .map((parts) => parts.join(' ')),
    tie('filter').map((inner) => `not (${inner})`),
    tie('filter').map((inner) => `(${inner})`)
  )
}))
const odataValue = (value: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 4, arbitrary: value.map(encodeURIComponent) }, value)
const odataOption = fc.oneof(
  odataValue(fc.oneof({ weight: 4, arbitrary: filter }, headerText)).map((value) => `$filter=${value}`),
  fc
    .integer({ min: 1, max: 300 })
    .map((depth) => `$filter=${'('.repeat(depth)}id eq 'a'${')'.repeat(depth)}`),
  odataValue(
    fc.constantFrom('id', 'completedDateTime desc,id', 'processingStatus asc', 'subject', 'x y z')
  ).map((value) => `$orderby=${value}`),
  odataValue(fc.constantFrom('id', '*', 'id,subject', 'nope', '')).map((value) => `$select=${value}`),
  fc
    .oneof(fc.integer({ min: -5, max: 2000 }).map(String), headerText)
    .map((value) => `$top=${encodeURIComponent(value)}`),
  fc.constantFrom(
    '$count=true',
    '$count=false',
    '$count=maybe',
    '$expand=subject',
    '$skip=1',
    '$search=x',
    '$xyz=1'
  ),
  fc
    .oneof(fc.base64String({ maxLength: 60 }), headerText)
    .map((token) => `$skiptoken=${encodeURIComponent(token)}`)
)
const odataQuery = fc
  .array(fc.tuple(odataOption, fc.boolean(), fc.boolean()), { maxLength: 4 })
  .map((options) =>
    options
      .map(([option, dropDollar, upper]) => {
        const name = dropDollar ? option.replace(/^\$/, '') : option
        return upper ? name.replace(/^[^=]+/, (key) => key.toUpperCase()) : name
      })
      .join('&')
  )
const readPath = fc
  .record({
    scope: scopes,
    tail: fc.oneof(
      fc.constantFrom(
        '',
        '/$count',
        '/summary(startDateTime=2022-08-01T00:00:00Z,endDateTime=2022-09-01T00:00:00Z)'
      ),
      fc.constantFrom(
        '/microsoft.graph.identityGovernance.summary(startDateTime=2022-08-01T00:00:00Z,endDateTime=x)',
        '/summary(startDateTime=2022-09-01T00:00:00Z,endDateTime=2022-08-01T00:00:00Z)',
        '/summary()'
      ),
      resultId.map((id) => `/${id}`)
    ),
    query: odataQuery
  })
  .map(({ scope, tail, query }) => `${scope}/userProcessingResults${tail}${query === '' ? '' : `?${query}`}`)

const url = fc.oneof(
  { weight: 12, arbitrary: resultPath },
  { weight: 6, arbitrary: readPath },
  {
    weight: 2,
    arbitrary: fc.array(pathSegment, { maxLength: 6 }).map((segments) => `/${segments.join('/')}`)
  },
  { weight: 1, arbitrary: fc.constantFrom('/', '//', '/_mock/health', '/beta', '/%a', '/beta/%') }
)
const method = fc.oneof(
  { weight: 6, arbitrary: fc.constant('PATCH') },
  { weight: 4, arbitrary: fc.constant('GET') },
  { weight: 2, arbitrary: fc.constantFrom(...METHODS.filter((name) => name !== 'CONNECT')) }
)

export const hostileRequest: fc.Arbitrary<HostileRequest> = fc
  .record({
    method,
    url,
    authorization,
    contentType,
    optional: optionalHeaders,
    random: randomHeaders,
    payload
  })
  .map(({ method, url, authorization: auth, contentType, optional, random, payload }) => ({
    method,
    url,
    headers: {
      ...random,
      ...optional,
      ...(contentType === undefined ? {} : { 'content-type': contentType }),
      ...(auth.authorization === undefined ? {} : { authorization: auth.authorization })
    },
    ...(payload === undefined ? {} : { payload }),
    tenant: auth.tenant
  }))

// --- raw bytes on a socket --------------------------------------------------------------------------------

const rawRequestText = fc
  .record({
    method: fc.oneof(fc.constantFrom(...METHODS), fc.stringMatching(/^[A-Z]{1,10}$/), headerText),
    target: fc.oneof({ weight: 4, arbitrary: url }, fc.constantFrom('*', ''), headerText),
    version: fc.constantFrom('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1.1 ', ''),
    headers: fc.array(fc.tuple(fc.oneof(headerName, headerText), headerText), { maxLength: 5 }),
    contentLength: fc.option(fc.oneof(fc.nat(400).map(String), headerText)),
    body: fc.oneof(nearValidBody, fc.string({ maxLength: 200 }))
  })
  .map(({ method, target, version, headers, contentLength, body }) => {
    const lines = [
      `${method} ${target} ${version}`,
      'Host: 127.0.0.1',
      ...headers.map(([name, value]) => `${name}: ${value}`),
      ...(contentLength === null ? [] : [`Content-Length: ${contentLength}`])
    ]
    return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`)
  })

/** What a client could write on a socket: a request with odd parts, or bytes that are not HTTP at all. */
export const rawRequest = fc.oneof(
  { weight: 4, arbitrary: rawRequestText },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => Buffer.from(bytes)) }
)

// --- the test-control API under /_mock ----------------------------------------------------------------------

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
  fc.constantFrom('default', DEFAULT_TOKEN_TENANT, 'contoso', '', ...PROTOTYPE_KEYS),
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
        '/_mock/userProcessingResults'
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
        fc.constantFrom('/_mock/health', '/_mock/ca.pem', '/_mock/token', '/_mock/reset'),
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
