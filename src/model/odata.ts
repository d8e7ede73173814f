import { type Static, Type } from '@sinclair/typebox'

const Text = Type.String()

/** One entry of Graph's `error.details`: the problem and the property (`target`) it is about. */
export const ErrorDetailSchema = Type.Object({ code: Text, message: Text, target: Text })
export type ErrorDetail = Static<typeof ErrorDetailSchema>

/**
 * Graph's error envelope, the body of every non-2xx answer (named as in Graph's own OpenAPI description).
 * `innerError` holds the date (UTC to the second, without `Z`) and the request ids, and for some errors more
 * members (a throttled answer's `code`, `message`, `status`).
 */
export const ODataErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Text,
      message: Text,
      details: Type.Optional(Type.Array(ErrorDetailSchema)),
      innerError: Type.Object(
        { date: Text, 'request-id': Text, 'client-request-id': Text },
        { additionalProperties: Text }
      )
    })
  },
  { title: 'microsoft.graph.ODataErrors.ODataError' }
)
export type ODataError = Static<typeof ODataErrorSchema>

/**
 * One page of a collection as Graph writes it: `@odata.count` under `$count=true`, `@odata.nextLink` (the whole
 * URL of the next page) while more follow. `value` holds the entities of the collection.
 */
export const ODataPageSchema = Type.Object({
  '@odata.context': Text,
  '@odata.count': Type.Optional(Type.Integer({ minimum: 0 })),
  '@odata.nextLink': Type.Optional(Text),
  value: Type.Array(Type.Unknown())
})
export type ODataPage = Static<typeof ODataPageSchema>

/** The annotation of one entity read on its own: the context URL of its entity set (`…/$entity`). */
export const ODataEntityAnnotations = { '@odata.context': Text }
