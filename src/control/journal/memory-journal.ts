import type { JournalQuery } from '../../model/control/journal-entry.js'
import type { StoredRequest } from '../../model/control/journal-facts.js'
import {
  type Classify,
  type EntryBuilder,
  type Journal,
  type JournalFacts,
  type JournalListener,
  JournalRecord,
  selectRecords
} from './journal.js'

/**
 * The journal of one process: a ring buffer. It keeps the values at hand (the facts); the verdict and the entry
 * are built when first read, since most requests are never read. Every method does its work without awaiting,
 * so each is atomic.
 */
export class MemoryJournal implements Journal {
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

  async add(facts: JournalFacts, entry: EntryBuilder): Promise<void> {
    this.#append(new JournalRecord(++this.#seq, facts, entry, this.#classify))
  }

  async subscribe(listener: JournalListener, _onRestart: () => void): Promise<() => void> {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  async records(query: JournalQuery = {}): Promise<JournalRecord[]> {
    return selectRecords(this.#all(), query)
  }

  async after(seq: number): Promise<JournalRecord[]> {
    return this.#all().filter((record) => record.seq > seq)
  }

  async dropped(): Promise<number> {
    return this.#dropped
  }

  async clear(tenant?: string): Promise<void> {
    this.#keep(tenant === undefined ? [] : this.#all().filter((record) => record.facts.tenant !== tenant))
    if (tenant === undefined) this.#dropped = 0
  }

  async saved(tenant?: string): Promise<StoredRequest[]> {
    return this.#all()
      .filter((record) => tenant === undefined || record.facts.tenant === tenant)
      .map((record) => record.stored())
  }

  async restore(requests: readonly StoredRequest[], tenant?: string): Promise<void> {
    const kept = tenant === undefined ? [] : this.#all().filter((record) => record.facts.tenant !== tenant)
    this.#keep(kept)
    if (tenant === undefined) this.#dropped = 0
    // Readers of the live stream see them as they are journaled again, as they would with Redis.
    for (const request of requests) this.#append(JournalRecord.settled(++this.#seq, request))
  }

  #append(record: JournalRecord): void {
    this.#push(record)
    for (const listener of this.#listeners) listener(record)
  }

  /** Starts over with these records, without counting them as dropped or telling the listeners. */
  #keep(records: readonly JournalRecord[]): void {
    this.#records = new Array(this.capacity)
    this.#start = 0
    this.#size = 0
    for (const record of records) this.#push(record)
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
