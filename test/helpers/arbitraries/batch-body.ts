import fc from 'fast-check'
import { DOC_ID } from '../graph-server.js'
import { deeplyNested, nearValidBody } from './bodies.js'
import { url as hostileUrl } from './graph-request.js'
import { contentType, headerName } from './headers.js'
import { anyJson, headerText } from './primitives.js'

/** `POST /$batch` bodies: near-valid batches (so that writes happen), and every way of breaking one. */

/** A batch as its text (so `__proto__` keys and odd JSON reach the server) and the method of each request. */
export interface HostileBatch {
  text: string
  methods: unknown[]
}

type Entry = [string, string]
const json = (value: unknown) => JSON.stringify(value)
const objectOf = (entries: Entry[]) => `{${entries.map(([key, text]) => `${json(key)}:${text}`).join(',')}}`

const method = fc.oneof(
  { weight: 6, arbitrary: fc.constant('PATCH') },
  { weight: 5, arbitrary: fc.constant('GET') },
  fc.constantFrom('POST', 'PUT', 'DELETE', 'patch', 'Get', 'HEAD', 'OPTIONS', ''),
  anyJson
)
const innerUrl = fc.oneof(
  { weight: 8, arbitrary: fc.constant(`/workflowBase/userProcessingResults/${DOC_ID}`) },
  { weight: 8, arbitrary: hostileUrl.map((url) => url.replace(/^\/beta(?=\/|$)/i, '')) },
  { weight: 1, arbitrary: hostileUrl },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'https://graph.microsoft.com/beta/workflowBase',
      '//host/path',
      '',
      '/$batch',
      '%24batch',
      '/../_mock/reset',
      `workflowBase/userProcessingResults/${DOC_ID}?$select=id`
    )
  },
  { weight: 1, arbitrary: anyJson }
)
const header: fc.Arbitrary<Entry> = fc.oneof(
  {
    weight: 8,
    arbitrary: contentType
      .filter((value) => value !== undefined)
      .map((value): Entry => ['Content-Type', json(value)])
  },
  { weight: 2, arbitrary: fc.constant<Entry>(['Prefer', json('include-unknown-enum-members')]) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          'content-type',
          'client-request-id',
          'authorization',
          'host',
          'content-length',
          'prefer'
        ),
        headerText
      )
      .map(([name, value]): Entry => [name, json(value)])
  },
  {
    weight: 1,
    arbitrary: fc.tuple(headerName, headerText).map(([name, value]): Entry => [name, json(value)])
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 6 }), anyJson)
      .map(([name, value]): Entry => [name, json(value)])
  }
)
const body = fc.oneof(
  { weight: 8, arbitrary: nearValidBody },
  { weight: 2, arbitrary: anyJson.map(json) },
  { weight: 1, arbitrary: fc.constantFrom('null', '""', '"AAEC"') },
  { weight: 1, arbitrary: deeplyNested }
)
/** The batch's dependency shape: Graph's three, or each request anything (mostly refused). */
const shape = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Shape>('parallel') },
  { weight: 2, arbitrary: fc.constant<Shape>('serial') },
  { weight: 1, arbitrary: fc.constant<Shape>('same') },
  {
    weight: 1,
    arbitrary: fc.array(fc.oneof(fc.constantFrom(undefined, ['1'], ['2'], ['a']), anyJson), { maxLength: 5 })
  }
)
type Shape = 'parallel' | 'serial' | 'same' | unknown[]

const noDrop = fc.constant(null)
const anyItem = fc.record({
  id: fc.oneof(
    { weight: 12, arbitrary: fc.constant(undefined) },
    fc.constantFrom('1', 'a', 'A', ''),
    anyJson
  ),
  method,
  url: innerUrl,
  headers: fc.option(fc.array(header, { maxLength: 4 }), { freq: 4 }),
  body: fc.option(body, { freq: 4 }),
  drop: fc.oneof({ weight: 20, arbitrary: noDrop }, fc.constantFrom('id', 'method', 'url'))
})
/** A PATCH of a seed record as a client writes it, so that writes happen (and near-valid bodies are refused). */
const seedPatch = fc.record({
  id: fc.constant(undefined),
  method: fc.constantFrom('PATCH', 'patch'),
  url: fc.constant(`/workflowBase/userProcessingResults/${DOC_ID}`),
  headers: fc.oneof(
    { weight: 4, arbitrary: fc.constant<Entry[]>([['Content-Type', json('application/json')]]) },
    fc.array(header, { minLength: 1, maxLength: 3 })
  ),
  body: nearValidBody,
  drop: noDrop
})
const read = fc.record({
  id: fc.constant(undefined),
  method: fc.constant('GET'),
  url: innerUrl,
  headers: fc.option(fc.array(header, { maxLength: 2 }), { freq: 2 }),
  body: fc.constant(null),
  drop: noDrop
})
const item = fc.oneof(
  { weight: 5, arbitrary: seedPatch },
  { weight: 5, arbitrary: read },
  { weight: 1, arbitrary: anyItem }
)
type Item = typeof item extends fc.Arbitrary<infer T> ? T : never

/** The `dependsOn` of the request at `index` in a batch of that shape (ids are `1`, `2`…, see itemText). */
function dependsOnOf(shape: Shape, index: number): unknown {
  if (Array.isArray(shape)) return shape[index]
  if (shape === 'parallel' || index === 0) return undefined
  return [String(shape === 'serial' ? index : 1)]
}

/** One request as text; ids are their index + 1 unless the generator picked one, so most batches have unique ids. */
function itemText(spec: Item, index: number, shape: Shape): string {
  const dependsOn = dependsOnOf(shape, index)
  const entries: Entry[] = [
    ['id', json(spec.id === undefined ? String(index + 1) : spec.id)],
    ['method', json(spec.method)],
    ['url', json(spec.url)],
    ...(spec.headers === null ? [] : [['headers', objectOf(spec.headers)] as Entry]),
    ...(spec.body === null ? [] : [['body', spec.body] as Entry]),
    ...(dependsOn === undefined ? [] : [['dependsOn', json(dependsOn)] as Entry])
  ]
  return objectOf(entries.filter(([key]) => key !== spec.drop))
}

const items = fc.oneof(
  { weight: 12, arbitrary: fc.array(item, { minLength: 1, maxLength: 5 }) },
  { weight: 2, arbitrary: fc.array(item, { minLength: 15, maxLength: 22 }) },
  { weight: 1, arbitrary: fc.constant<Item[]>([]) }
)
const batchOf = fc.record({ specs: items, shape })

export const hostileBatch: fc.Arbitrary<HostileBatch> = fc.oneof(
  {
    weight: 20,
    arbitrary: batchOf.map(({ specs, shape }) => ({
      text: `{"requests":[${specs.map((spec, index) => itemText(spec, index, shape)).join(',')}]}`,
      methods: specs.map((spec) => spec.method)
    }))
  },
  { weight: 1, arbitrary: anyJson.map((value) => ({ text: `{"requests":${json(value)}}`, methods: [] })) },
  { weight: 1, arbitrary: anyJson.map((value) => ({ text: json(value), methods: [] })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('', '{', '{"requests":[}', '{"__proto__":{"polluted":1}}')
      .map((text) => ({ text, methods: [] }))
  }
)
