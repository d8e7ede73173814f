import type { TSchema } from '@sinclair/typebox'
import { ODataPageSchema } from '../../model/odata.js'
import type { NotEmulatedRoute, RouteInfo } from '../errors/not-found.js'
import { ACCEPTED } from '../odata/query-options.js'
import type { Components } from './components.js'
import type { JsonSchema } from './json-schema.js'
import { declaredAnswer, errorAnswers, jsonBody, pathParameters, type Responses } from './operation-parts.js'

/** How the server checks tokens: the document says which operations need one. */
export type Auth = 'enforce' | 'off'

const text = { type: 'string' }

/** The OData system query options, as a route of each query target takes them (`ACCEPTED`). */
const ODATA_OPTIONS: Readonly<Record<string, { description: string; schema: JsonSchema }>> = {
  $filter: {
    description: "Keep the items for which an OData expression holds, e.g. processingStatus eq 'failed'",
    schema: text
  },
  $orderby: {
    description: 'Order the items by properties, each optionally followed by asc or desc',
    schema: text
  },
  $select: { description: 'Write only these properties (comma-separated)', schema: text },
  $expand: { description: 'Write these navigations inline (comma-separated)', schema: text },
  $top: {
    description: 'Items per page; more follow through @odata.nextLink',
    schema: { type: 'integer', minimum: 0 }
  },
  $count: {
    description: 'true: add @odata.count, the number of items that pass $filter',
    schema: { type: 'boolean' }
  },
  $skiptoken: { description: 'Only as the @odata.nextLink of the previous page writes it', schema: text }
}

const GRAPH_HEADERS: readonly JsonSchema[] = [
  {
    name: 'client-request-id',
    in: 'header',
    description: "The client's own GUID for the request, echoed in the answer (the SDKs send one)",
    schema: text
  },
  {
    name: 'Prefer',
    in: 'header',
    description: 'include-unknown-enum-members: send and read the enum members after unknownFutureValue',
    schema: text
  }
]

function odataParameters(route: RouteInfo, components: Components): JsonSchema[] {
  if (route.queryTarget === undefined) return []
  return ACCEPTED[route.queryTarget].map((name) => {
    const option = ODATA_OPTIONS[name]
    if (option === undefined) throw new Error(`The OData option ${name} has no description.`)
    return components.ref('parameters', name.slice(1), { name, in: 'query', ...option })
  })
}

/**
 * What the token must hold: one of the permissions (least privileged first), each an alternative requirement
 * naming it as the bearer scheme's role (OpenAPI 3.1), or any valid token. Nothing with `AUTH=off`.
 */
function securityOf(permissions: readonly string[], auth: Auth): JsonSchema {
  if (auth === 'off') return {}
  return {
    security: permissions.length === 0 ? [{ bearer: [] }] : permissions.map((name) => ({ bearer: [name] }))
  }
}

function permissionsLine(permissions: readonly string[]): string {
  return permissions.length === 0
    ? 'Any token Graph accepts: each request inside is checked on its own.'
    : `Permissions, least privileged first (the token needs one): ${permissions.join(', ')}.`
}

/** A Graph route's success: what it declares, else its entity as a page, one entity or a `$count`. */
function successOf(route: RouteInfo, method: string, { schemas: writer }: Components): Responses {
  const doc = route.doc
  if (doc?.answer !== undefined) return declaredAnswer(writer, doc.answer, 'exact')
  if (doc?.entity === undefined) throw new Error(`The route ${method} ${route.url} declares no answer.`)
  const entity = writer.write(doc.entity, 'answer')
  const json = (schema: JsonSchema) => ({ description: 'OK', content: { 'application/json': { schema } } })
  switch (route.queryTarget) {
    case 'collection': {
      const page = writer.write(ODataPageSchema, 'exact')
      const properties = { ...(page.properties as JsonSchema), value: { type: 'array', items: entity } }
      return { 200: json({ ...page, properties }) }
    }
    case 'count':
      return {
        200: {
          description: 'The number of items that pass $filter, as text',
          content: { 'text/plain': { schema: { type: 'integer', minimum: 0 } } }
        }
      }
    default: {
      const result = doc.functionResult === undefined ? undefined : writer.write(doc.functionResult, 'answer')
      return { 200: json(result === undefined ? entity : { anyOf: [entity, result] }) }
    }
  }
}

function graphErrors(components: Components, auth: Auth, options: { keys: boolean; write: boolean }) {
  return errorAnswers(components, 'Graph', {
    400: 'A query option, body or header Graph would refuse; the message names it',
    ...(auth === 'enforce'
      ? {
          401: 'No token, or one Graph would refuse (not a JWT, another audience, expired)',
          403: 'The token holds none of the permissions'
        }
      : {}),
    ...(options.keys ? { 404: 'A key of the path names nothing' } : {}),
    ...(options.write ? { 415: 'A body that is not JSON' } : {}),
    429: 'Throttled (--rate-limit), or a fault rule',
    503: 'A fault rule, or Redis out of reach (--redis-url)',
    '5XX': 'A fault rule (500, 502, 504), or a fault of the mock'
  })
}

/** The operation of a served Graph route. */
export function graphOperation(
  route: RouteInfo,
  method: string,
  components: Components,
  auth: Auth
): JsonSchema {
  const doc = route.doc
  const keys = pathParameters(route.url, (name) =>
    doc?.functionResult !== undefined && route.url.endsWith(`:${name}`)
      ? 'The key, or summary(startDateTime=…,endDateTime=…) to call the function'
      : undefined
  )
  const body = doc?.body ?? (route.schema?.body as TSchema | undefined)
  return {
    tags: [`Graph ${route.segments[0]}`],
    summary: doc?.summary ?? `${method} ${route.url}`,
    description: permissionsLine(route.permissions),
    parameters: [
      ...keys,
      ...odataParameters(route, components),
      ...GRAPH_HEADERS.map((header) => components.ref('parameters', String(header.name), header))
    ],
    ...(body === undefined ? {} : { requestBody: jsonBody(components.schemas, body) }),
    ...securityOf(route.permissions, auth),
    responses: {
      ...successOf(route, method, components),
      ...graphErrors(components, auth, { keys: keys.length > 0, write: body !== undefined })
    }
  }
}

/** A path Graph has and the mock does not emulate: 501 once the token holds one of its permissions. */
export function notEmulatedOperation(
  route: NotEmulatedRoute,
  components: Components,
  auth: Auth
): JsonSchema {
  return {
    tags: [`Graph ${route.url.split('/')[1]}`],
    summary: `Not emulated: ${route.what}`,
    description: `Graph has this path; the mock answers 501 NotImplemented. ${permissionsLine(route.permissions)}`,
    parameters: pathParameters(route.url, () => undefined),
    ...securityOf(route.permissions, auth),
    responses: errorAnswers(components, 'NotEmulated', {
      ...(auth === 'enforce'
        ? { 401: 'No token, or one Graph would refuse', 403: 'The token holds none of the permissions' }
        : {}),
      501: 'Not emulated by the mock'
    })
  }
}
