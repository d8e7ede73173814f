import type {
  JournalEntry,
  JournalQuery,
  RouteVerdict,
  StreamQuery
} from '../../model/control/journal-entry.js'
import type { JournalFacts, StoredRequest } from '../../model/control/journal-facts.js'
import { pathOf } from '../request-facts.js'

export type { JournalFacts }

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

  /** A record whose verdict and entry were settled when it was journaled (read back from Redis or a snapshot). */
  static settled(seq: number, stored: StoredRequest): JournalRecord {
    const { facts, route, entry } = stored
    const verdict = { matched: entry.matched, route, nearest: entry.nearest }
    return new JournalRecord(seq, facts, entry, () => verdict)
  }

  get verdict(): RouteVerdict {
    this.#verdict ??= this.classify(this.facts)
    return this.#verdict
  }

  get entry(): JournalEntry {
    if (typeof this.#entry === 'function') this.#entry = this.#entry(this.verdict)
    return this.#entry
  }

  /** The record as Redis and snapshots keep it. */
  stored(): StoredRequest {
    return { facts: this.facts, route: this.verdict.route, entry: this.entry }
  }
}

export type JournalListener = (record: JournalRecord) => void

/**
 * The journal of the Graph requests: the last `capacity` of them, the oldest going first, so that memory stays
 * bounded whatever the traffic. Kept in this process (MemoryJournal) or in Redis, one journal for every replica
 * (RedisJournal); the hook, the routes, the stream and the report use only this.
 */
export interface Journal {
  readonly capacity: number
  /** Journals a request; resolved once it is there for every reader. */
  add(facts: JournalFacts, entry: EntryBuilder): Promise<void>
  /** The matching records, oldest first; with `limit`, the newest of them. */
  records(query?: JournalQuery): Promise<JournalRecord[]>
  /** The records added after the one numbered `seq`, oldest first. */
  after(seq: number): Promise<JournalRecord[]>
  /** Entries pushed out by newer ones since the journal was last cleared. */
  dropped(): Promise<number>
  /** Forgets every entry, or those of one tenant. */
  clear(tenant?: string): Promise<void>
  /**
   * Calls `listener` with every record added from now on (by any replica), in `seq` order; resolves, with how to
   * stop, once listening. `onRestart` is called when the journal was lost and numbers its records afresh (a Redis
   * restarted without persistence); the listener is stopped then.
   */
  subscribe(listener: JournalListener, onRestart: () => void): Promise<() => void>
  /** Every request kept (or one tenant's), oldest first, for a snapshot. */
  saved(tenant?: string): Promise<StoredRequest[]>
  /** Replaces every entry (or one tenant's) by these, oldest first; they get new numbers. */
  restore(requests: readonly StoredRequest[], tenant?: string): Promise<void>
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

/** The matching records of `all` (oldest first); with `limit`, the newest of them. */
export function selectRecords(all: readonly JournalRecord[], query: JournalQuery = {}): JournalRecord[] {
  const matches = all.filter((record) => matchesQuery(record, query))
  return query.limit === undefined ? matches : matches.slice(-query.limit)
}
