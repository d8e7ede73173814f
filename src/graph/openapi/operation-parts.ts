import type { TSchema } from '@sinclair/typebox'
import { ODataErrorSchema } from '../../model/odata.js'
import type { Components } from './components.js'
import type { JsonSchema, SchemaMode, SchemaWriter } from './json-schema.js'
import type { RouteAnswer } from './route-doc.js'

/** The pieces every operation of the document is made of. */

export type Responses = Record<string, JsonSchema>

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } }
}

/**
 * Graph's error envelope for each status, with what causes it there (`Retry-After` for the statuses that send
 * it), as shared answers named after the status and `scope` (who answers it: `Graph`, `Mock`, `NotEmulated`).
 */
export function errorAnswers(
  components: Components,
  scope: string,
  causes: Record<string, string>
): Responses {
  const envelope = components.schemas.component(ODataErrorSchema)
  return Object.fromEntries(
    Object.entries(causes).map(([status, description]) => [
      status,
      components.ref('responses', `${scope}${status}`, {
        description,
        ...(status === '429' || status === '503' ? { headers: RETRY_AFTER } : {}),
        content: { 'application/json': { schema: envelope } }
      })
    ])
  )
}

/** The success answer a route declares: its status, and a body per media type (none for a 204). */
export function declaredAnswer(writer: SchemaWriter, answer: RouteAnswer, mode: SchemaMode): Responses {
  const content = Object.entries(answer.content ?? {})
  const status = answer.status ?? 200
  return {
    [status]: {
      description: answer.description ?? (content.length === 0 ? 'No content' : 'OK'),
      ...(content.length === 0
        ? {}
        : {
            content: Object.fromEntries(
              content.map(([type, schema]) => [type, { schema: writer.write(schema, mode) }])
            )
          })
    }
  }
}

/** A JSON request body; required. */
export function jsonBody(writer: SchemaWriter, schema: TSchema): JsonSchema {
  return { required: true, content: { 'application/json': { schema: writer.write(schema, 'exact') } } }
}

/** The keys of a route pattern (`:name`) as OpenAPI path parameters. */
export function pathParameters(url: string, describe: (name: string) => string | undefined): JsonSchema[] {
  return [...url.matchAll(/:(\w+)/g)].map(([, name = '']) => {
    const description = describe(name)
    return {
      name,
      in: 'path',
      required: true,
      ...(description === undefined ? {} : { description }),
      schema: { type: 'string' }
    }
  })
}
