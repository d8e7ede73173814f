import { type Static, Type } from '@sinclair/typebox'
import { MethodSchema, PathSchema } from '../../model/control/control-query.js'
import { DateTimeOffset } from '../../model/edm.js'

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
    /** Entries from this time on. */
    since: Type.Optional(DateTimeOffset),
    /** Only the newest n entries. */
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_JOURNAL_SIZE }))
  },
  { additionalProperties: false }
)
export type JournalQuery = Static<typeof JournalQuerySchema>

/** An entry, or how to build it: the hook defers its copies and parsing until someone reads the journal. */
export type PendingEntry = JournalEntry | (() => JournalEntry)

interface JournalRecord {
  tenant: string
  entry: PendingEntry
}

/** The record's entry, built (once) if it was deferred. */
function entryOf(record: JournalRecord): JournalEntry {
  if (typeof record.entry === 'function') record.entry = record.entry()
  return record.entry
}

/** A ring buffer of the last `capacity` requests: memory stays bounded whatever the traffic. */
export class Journal {
  readonly #capacity: number
  #records: (JournalRecord | undefined)[]
  #start = 0
  #size = 0

  constructor(capacity: number) {
    this.#capacity = capacity
    this.#records = new Array(capacity)
  }

  get size(): number {
    return this.#size
  }

  add(tenant: string, entry: PendingEntry): void {
    this.#records[(this.#start + this.#size) % this.#capacity] = { tenant, entry }
    if (this.#size < this.#capacity) this.#size++
    else this.#start = (this.#start + 1) % this.#capacity
  }

  /** The matching entries, oldest first. */
  list(query: JournalQuery = {}): JournalEntry[] {
    const matches = this.#all().filter((record) => matchesQuery(record, query))
    const newest = query.limit === undefined ? matches : matches.slice(-query.limit)
    return newest.map(entryOf)
  }

  /** Forgets every entry, or those of one tenant. */
  clear(tenant?: string): void {
    const kept = tenant === undefined ? [] : this.#all().filter((record) => record.tenant !== tenant)
    this.#records = new Array(this.#capacity)
    this.#start = 0
    this.#size = 0
    for (const record of kept) this.add(record.tenant, record.entry)
  }

  #all(): JournalRecord[] {
    const all: JournalRecord[] = []
    for (let index = 0; index < this.#size; index++) {
      const record = this.#records[(this.#start + index) % this.#capacity]
      if (record !== undefined) all.push(record)
    }
    return all
  }
}

function matchesQuery(record: JournalRecord, query: JournalQuery): boolean {
  const { tenant } = record
  const entry = entryOf(record)
  return (
    (query.method === undefined || entry.method === query.method.toUpperCase()) &&
    (query.path === undefined || entry.path.toLowerCase().startsWith(query.path.toLowerCase())) &&
    (query.status === undefined || entry.status === query.status) &&
    (query.tenant === undefined || tenant === query.tenant) &&
    (query.since === undefined || Date.parse(entry.time) >= Date.parse(query.since))
  )
}
