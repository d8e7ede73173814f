import type { TSchema } from '@sinclair/typebox'
import type { RouteInfo } from '../errors/not-found.js'
import type { Components } from './components.js'
import type { JsonSchema, SchemaWriter } from './json-schema.js'
import { declaredAnswer, errorAnswers, jsonBody, pathParameters } from './operation-parts.js'

/** The query string a route's Fastify schema checks, as query parameters. */
function queryParameters(writer: SchemaWriter, querystring: TSchema | undefined): JsonSchema[] {
  if (querystring === undefined) return []
  const required = new Set<string>(querystring.required ?? [])
  return Object.entries(querystring.properties as Record<string, TSchema>).map(([name, schema]) => ({
    name,
    in: 'query',
    ...(required.has(name) ? { required: true } : {}),
    schema: writer.write(schema, 'exact')
  }))
}

/**
 * The operation of a `/_mock` route: its query string and body from Fastify's schema (or the body the handler
 * reads itself), its answer as declared, a 400 for what fails those schemas, and with an admin key a 401.
 */
export function mockOperation(route: RouteInfo, method: string, components: Components, adminKey: boolean) {
  const writer = components.schemas
  const doc = route.doc
  if (doc === undefined) throw new Error(`The route ${method} ${route.url} has no OpenAPI description.`)
  const querystring = route.schema?.querystring as TSchema | undefined
  const body = doc.body ?? (route.schema?.body as TSchema | undefined)
  const guarded = adminKey && doc.open !== true
  const parameters = [...pathParameters(route.url, () => undefined), ...queryParameters(writer, querystring)]
  return {
    tags: ['Test control'],
    summary: doc.summary,
    parameters,
    ...(body === undefined ? {} : { requestBody: jsonBody(writer, body) }),
    ...(guarded ? { security: [{ adminKey: [] }] } : {}),
    responses: {
      ...declaredAnswer(writer, doc.answer ?? {}, 'exact'),
      ...errorAnswers(components, 'Mock', {
        ...(parameters.length === 0 && body === undefined
          ? {}
          : { 400: 'A path, query option or body the route refuses; the message names it' }),
        ...(guarded ? { 401: 'The x-mock-admin-key header is missing or wrong' } : {}),
        ...doc.errors
      })
    }
  }
}
