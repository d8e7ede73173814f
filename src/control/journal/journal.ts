import type { BatchLink } from '../../model/batch.js'
import type { Claims } from '../../model/caller.js'
import type {
  JournalEntry,
  JournalQuery,
  RouteVerdict,
  StreamQuery
} from '../../model/control/journal-entry.js'
import { pathOf } from '../request-facts.js'

/**
 * What the hook takes from a request as it is answered: values at hand, cheap to keep. Filters and findings
 * read these; the entry itself (copies, parsed bodies) is built only when someone reads it.
 */
export interface JournalFacts {
  tenant: string
  /** The calling application (`appid` or `azp`), `unknown` without a readable token. */
  app: string
  /** When the request arrived: ms since the epoch, with fractions. */
  started: number
  /** Milliseconds until its answer. */
  duration: number
  method: string
  /** Path and query string as sent. */
  url: string
  status: number
  requestId: string
  clientRequestId: string
  /** Whether the client sent a `client-request-id` header of its own. */
  sentClientRequestId: boolean
  /** Fastify's pattern of the route that took the request; `undefined` when none did. */
  routed: string | undefined
  /** The `Retry-After` seconds of a 429 or 503 answer. */
  retryAfter: number | undefined
  /** For a paging request (`$skiptoken`, `$skip`): whether its URL is one the mock handed out. */
  paging: 'followed' | 'invented' | undefined
  claims: Readonly<Claims> | undefined
  /** The batch the request ran in; `null` for one sent alone. */
  batch: BatchLink | null
}

/** Builds the entry from the request's values and the verdict on its route. */
export type EntryBuilder = (verdict: RouteVerdict) => JournalEntry

/** Tells which route served a request, from Graph's route table (server.ts hands it in). */
export type Classify = (facts: JournalFacts) => RouteVerdict

/** One journaled request: its facts now, its route verdict and entry when first asked for. */
export class JournalRecord {
  #verdict: RouteVerdict | undefined
  #entry: JournalEntry | EntryBuilder

  constructor(
    /** Increases with every request journaled; the stream's event id. */
    readonly seq: number,
    readonly facts: JournalFacts,
    entry: JournalEntry | EntryBuilder,
    readonly classify: Classify
  ) {
    this.#entry = entry
  }

  get verdict(): RouteVerdict {
    this.#verdict ??= this.classify(this.facts)
    return this.#verdict
  }

  get entry(): JournalEntry {
    if (typeof this.#entry === 'function') this.#entry = this.#entry(this.verdict)
    return this.#entry
  }
}

export type JournalListener = (record: JournalRecord) => void

/** A ring buffer of the last `capacity` requests: memory stays bounded whatever the traffic. */
export class Journal {
  readonly capacity: number
  readonly #classify: Classify
  readonly #listeners = new Set<JournalListener>()
  #records: (JournalRecord | undefined)[]
  #start = 0
  #size = 0
  #seq = 0
  #dropped = 0

  constructor(capacity: number, classify: Classify) {
    this.capacity = capacity
    this.#classify = classify
    this.#records = new Array(capacity)
  }

  get size(): number {
    return this.#size
  }

  /** Entries pushed out by newer ones since the journal was last cleared. */
  get dropped(): number {
    return this.#dropped
  }

  add(facts: JournalFacts, entry: JournalEntry | EntryBuilder): JournalRecord {
    const record = new JournalRecord(++this.#seq, facts, entry, this.#classify)
    this.#push(record)
    for (const listener of this.#listeners) listener(record)
    return record
  }

  /** Calls `listener` with every record added from now on; returns how to stop. */
  subscribe(listener: JournalListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** The matching records, oldest first; with `limit`, the newest of them. */
  records(query: JournalQuery = {}): JournalRecord[] {
    const matches = this.#all().filter((record) => matchesQuery(record, query))
    return query.limit === undefined ? matches : matches.slice(-query.limit)
  }

  /** The matching entries, oldest first. */
  list(query: JournalQuery = {}): JournalEntry[] {
    return this.records(query).map((record) => record.entry)
  }

  count(query: JournalQuery = {}): number {
    return this.records(query).length
  }

  /** The records added after the one numbered `seq`, oldest first. */
  after(seq: number): JournalRecord[] {
    return this.#all().filter((record) => record.seq > seq)
  }

  /** Forgets every entry, or those of one tenant. */
  clear(tenant?: string): void {
    const kept = tenant === undefined ? [] : this.#all().filter((record) => record.facts.tenant !== tenant)
    this.#records = new Array(this.capacity)
    this.#start = 0
    this.#size = 0
    if (tenant === undefined) this.#dropped = 0
    for (const record of kept) this.#push(record)
  }

  #push(record: JournalRecord): void {
    if (this.capacity === 0) return
    this.#records[(this.#start + this.#size) % this.capacity] = record
    if (this.#size < this.capacity) this.#size++
    else {
      this.#start = (this.#start + 1) % this.capacity
      this.#dropped++
    }
  }

  #all(): JournalRecord[] {
    const all: JournalRecord[] = []
    for (let index = 0; index < this.#size; index++) {
      const record = this.#records[(this.#start + index) % this.capacity]
      if (record !== undefined) all.push(record)
    }
    return all
  }
}

/** Whether a record passes the journal's filters (all optional, combined with AND). */
export function matchesQuery(record: JournalRecord, query: StreamQuery): boolean {
  const { facts } = record
  return (
    (query.method === undefined || facts.method === query.method.toUpperCase()) &&
    (query.path === undefined || pathOf(facts.url).toLowerCase().startsWith(query.path.toLowerCase())) &&
    (query.status === undefined || facts.status === query.status) &&
    (query.tenant === undefined || facts.tenant === query.tenant) &&
    (query.batch === undefined || facts.batch?.requestId === query.batch) &&
    (query.since === undefined || facts.started >= Date.parse(query.since)) &&
    (query.requestId === undefined || facts.requestId === query.requestId) &&
    (query.clientRequestId === undefined || facts.clientRequestId === query.clientRequestId) &&
    (query.app === undefined || facts.app === query.app) &&
    (query.matched === undefined || record.verdict.matched === query.matched)
  )
}
