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
  responseBody: Type.Unknown()
})
export type JournalEntry = Static<typeof JournalEntrySchema>

export const MAX_JOURNAL_SIZE = 100_000

/** The filters of `GET /_mock/requests`. */
export const JournalQuerySchema = Type.Object(
  {
    method: Type.Optional(MethodSchema),
    /** A path prefix, compared without case like Graph's paths. */
    path: Type.Optional(PathSchema),
    status: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
    tenant: Type.Optional(Type.String({ minLength: 1 })),
    /** The requests that ran inside the batch with this request-id. */
    batch: Type.Optional(Type.String({ minLength: 1 })),
    /** Entries from this time on. */
    since: Type.Optional(DateTimeOffset),
    /** Only the newest n entries. */
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_JOURNAL_SIZE }))
  },
  { additionalProperties: false }
)
export type JournalQuery = Static<typeof JournalQuerySchema>
