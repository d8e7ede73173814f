import type { JournalEntry, JournalQuery } from '../../model/control/journal-entry.js'

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
    (query.batch === undefined || entry.batch?.requestId === query.batch) &&
    (query.since === undefined || Date.parse(entry.time) >= Date.parse(query.since))
  )
}
