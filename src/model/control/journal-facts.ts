import { type Static, Type } from '@sinclair/typebox'
import { BatchLinkSchema } from '../batch.js'
import { JournalEntrySchema } from './journal-entry.js'

const Text = Type.String()

/**
 * What the journal keeps of a request besides its entry: the values at hand when it is answered, which the
 * filters and the findings read.
 */
export const JournalFactsSchema = Type.Object(
  {
    tenant: Text,
    /** The calling application (`appid` or `azp`), `unknown` without a readable token. */
    app: Text,
    /** When the request arrived: ms since the epoch, with fractions. */
    started: Type.Number(),
    /** Milliseconds until its answer. */
    duration: Type.Number(),
    method: Text,
    /** Path and query string as sent. */
    url: Text,
    status: Type.Integer(),
    requestId: Text,
    clientRequestId: Text,
    /** Whether the client sent a `client-request-id` header of its own. */
    sentClientRequestId: Type.Boolean(),
    /** Fastify's pattern of the route that took the request; absent when none did. */
    routed: Type.Optional(Text),
    /** The `Retry-After` seconds of a 429 or 503 answer. */
    retryAfter: Type.Optional(Type.Number()),
    /** For a paging request (`$skiptoken`, `$skip`): whether its URL is one the mock handed out. */
    paging: Type.Optional(Type.Union([Type.Literal('followed'), Type.Literal('invented')])),
    /** The token's claims, decoded (never the token itself); absent without a readable token. */
    claims: Type.Optional(Type.Record(Text, Type.Unknown())),
    /** The batch the request ran in; `null` for one sent alone. */
    batch: Type.Union([BatchLinkSchema, Type.Null()])
  },
  { additionalProperties: false }
)
export type JournalFacts = Static<typeof JournalFactsSchema>

/**
 * A journaled request as Redis and snapshots keep it: its facts, the route that served it (`null` when none did)
 * and its entry, whole.
 */
export const StoredRequestSchema = Type.Object(
  {
    facts: JournalFactsSchema,
    route: Type.Union([Text, Type.Null()]),
    entry: JournalEntrySchema
  },
  { additionalProperties: false }
)
export type StoredRequest = Static<typeof StoredRequestSchema>
