import { type Static, Type } from '@sinclair/typebox'
import { BatchLinkSchema } from '../batch.js'
import { DateTimeOffset } from '../edm.js'
import { MethodSchema, PathSchema } from './control-query.js'

const Text = Type.String()

/** The token's non-secret claims; never the token or any of its encoded parts. */
export const JournalClaimsSchema = Type.Partial(
  Type.Object({
    tid: Text,
    appid: Text,
    azp: Text,
    scp: Text,
    roles: Type.Array(Text),
    idtyp: Text
  })
)
export type JournalClaims = Static<typeof JournalClaimsSchema>

/** The served route closest to a request the mock does not serve, and what differs. */
export const NearestSchema = Type.Object({
  method: Text,
  /** The route's path, its keys written `{name}` as in Graph's documentation. */
  path: Text,
  /** What differs, in one line: another API version, a misspelt segment, a missing key, the method, a query option. */
  why: Text
})
export type Nearest = Static<typeof NearestSchema>

/** One request to the Graph scope, exactly these keys. */
export const JournalEntrySchema = Type.Object({
  time: Text,
  method: Text,
  /** Without the query string. */
  path: Text,
  query: Type.Record(Text, Type.Unknown()),
  status: Type.Integer(),
  /** Milliseconds from the request's arrival to its answer. */
  duration: Type.Number(),
  'request-id': Text,
  'client-request-id': Text,
  /** For a request that ran inside a `$batch`: that batch's request-id and the request's id in it; else null. */
  batch: Type.Union([BatchLinkSchema, Type.Null()]),
  claims: Type.Union([JournalClaimsSchema, Type.Null()]),
  /** The request headers without `authorization`. */
  headers: Type.Record(Text, Type.Unknown()),
  requestBody: Type.Unknown(),
  responseBody: Type.Unknown(),
  /** Whether a route of the mock served the request (with the query options it takes). */
  matched: Type.Boolean(),
  /** For an unmatched request, the closest served route; `null` when matched or when nothing served is close. */
  nearest: Type.Union([NearestSchema, Type.Null()])
})
export type JournalEntry = Static<typeof JournalEntrySchema>

export const MAX_JOURNAL_SIZE = 100_000

const JournalFilters = {
  method: Type.Optional(MethodSchema),
  /** A path prefix, compared without case like Graph's paths. */
  path: Type.Optional(PathSchema),
  status: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
  tenant: Type.Optional(Type.String({ minLength: 1 })),
  /** The requests that ran inside the batch with this request-id. */
  batch: Type.Optional(Type.String({ minLength: 1 })),
  /** Entries from this time on. */
  since: Type.Optional(DateTimeOffset),
  matched: Type.Optional(Type.Boolean({ expected: 'true or false' })),
  /** The `request-id` the mock gave the request. */
  requestId: Type.Optional(Type.String({ minLength: 1 })),
  /** The `client-request-id` of the request (the client's own, else the request id). */
  clientRequestId: Type.Optional(Type.String({ minLength: 1 })),
  /** The calling application: the token's `appid`, or `azp` in v2 tokens. */
  app: Type.Optional(Type.String({ minLength: 1 }))
}

/** The filters of `GET /_mock/requests/stream`: those of the journal, without `limit`. */
export const StreamQuerySchema = Type.Object(JournalFilters, { additionalProperties: false })
export type StreamQuery = Static<typeof StreamQuerySchema>

/** The filters of `GET /_mock/requests` and `/_mock/requests/count`. */
export const JournalQuerySchema = Type.Object(
  {
    ...JournalFilters,
    /** Only the newest n entries. */
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_JOURNAL_SIZE }))
  },
  { additionalProperties: false }
)
export type JournalQuery = Static<typeof JournalQuerySchema>

/** Whether a route of the mock served a request, and which; for one it did not, the closest route. */
export interface RouteVerdict {
  matched: boolean
  /** The route that took the request, e.g. `GET /beta/workflowBase/userProcessingResults/{id}`, if one did. */
  route: string | null
  nearest: Nearest | null
}
