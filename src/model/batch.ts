import { type Static, Type } from '@sinclair/typebox'
import { anyCase } from './enums.js'

/** Graph's limit: "JSON batch requests are currently limited to 20 individual requests." */
export const MAX_BATCH_REQUESTS = 20

/** The methods a request inside a batch may use, in any case. */
export const BATCH_METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const

// What an HTTP/1.1 header may hold: a token as the name, visible Latin-1 text as the value.
const HEADER_NAME = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"
const HEADER_VALUE = '^[\\t\\x20-\\x7e\\x80-\\xff]*$'

/** One request of a batch, as Graph's JSON batching documents it; other members (`atomicityGroup`) are ignored. */
export const BatchRequestItemSchema = Type.Object({
  /** Compared without case, like Graph. */
  id: Type.String({ minLength: 1, expected: 'a non-empty string' }),
  method: Type.String({
    pattern: `^(?:${BATCH_METHODS.map(anyCase).join('|')})$`,
    expected: `one of ${BATCH_METHODS.join(', ')}`
  }),
  /** Relative to the version: `/workflowBase/…` (the leading slash may be left out), never `https://…`. */
  url: Type.String({
    minLength: 1,
    pattern: '^(?![A-Za-z][A-Za-z0-9+.-]*:|//)',
    expected: 'a URL relative to the version, such as /workflowBase/userProcessingResults/{id}'
  }),
  headers: Type.Optional(
    Type.Record(
      Type.String({ pattern: HEADER_NAME }),
      Type.String({ pattern: HEADER_VALUE, expected: 'a header value (visible text)' }),
      { additionalProperties: false }
    )
  ),
  /** JSON under a JSON Content-Type, else text (`text/*`) or base64. */
  body: Type.Optional(Type.Unknown()),
  dependsOn: Type.Optional(Type.Array(Type.String({ minLength: 1, expected: 'the id of a request' })))
})
export type BatchRequestItem = Static<typeof BatchRequestItemSchema>

/** Just enough of a batch to count its requests before looking at each. */
export const BatchEnvelopeSchema = Type.Object({ requests: Type.Array(Type.Unknown()) })

export const BatchRequestBodySchema = Type.Object({
  requests: Type.Array(BatchRequestItemSchema, { minItems: 1, expected: 'at least one request' })
})
export type BatchRequestBody = Static<typeof BatchRequestBodySchema>

/** One answer of a batch: `headers` as Graph writes them there (Title-Case), `body` absent when empty. */
export const BatchResponseItemSchema = Type.Object({
  id: Type.String(),
  status: Type.Integer(),
  headers: Type.Record(Type.String(), Type.String()),
  body: Type.Optional(Type.Unknown())
})
export type BatchResponseItem = Static<typeof BatchResponseItemSchema>

export const BatchResponseBodySchema = Type.Object({ responses: Type.Array(BatchResponseItemSchema) })
export type BatchResponseBody = Static<typeof BatchResponseBodySchema>

/** Which batch a request ran in: the batch's own `request-id` and the request's `id` in it. */
export const BatchLinkSchema = Type.Object({ requestId: Type.String(), id: Type.String() })
export type BatchLink = Static<typeof BatchLinkSchema>
