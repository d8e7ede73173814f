import type { JournalQuery } from '../../model/control/journal-entry.js'
import type { StoredRequest } from '../../model/control/journal-facts.js'
import type { RedisConnection, ScriptCall } from '../../store/redis/redis-connection.js'
import {
  type Classify,
  type EntryBuilder,
  type Journal,
  type JournalFacts,
  type JournalListener,
  type JournalRecord,
  selectRecords
} from './journal.js'
import { fieldsOf, recordOf, type StreamItem } from './journal-stream-items.js'
import { JournalTail } from './journal-tail.js'
import { ADD_REQUEST, CLEAR_REQUESTS, RESTORE_REQUESTS } from './redis-journal-scripts.js'

/** Entries read per XRANGE, so that no reply holds the whole journal at once. */
const PAGE = 1000

/**
 * One journal for every replica, in a Redis stream capped at `capacity` entries (the oldest go first). Each entry
 * is written whole when the request is answered (the verdict on its route and its entry, which the memory
 * journal builds when first read), so that any replica can read it; the filters and findings work as in memory.
 * The live stream reads new entries with XREAD on a connection of its own (JournalTail).
 */
export class RedisJournal implements Journal {
  readonly capacity: number
  readonly #redis: RedisConnection
  readonly #classify: Classify
  readonly #keys: string[]
  readonly #tail: JournalTail

  constructor(redis: RedisConnection, capacity: number, classify: Classify) {
    this.capacity = capacity
    this.#redis = redis
    this.#classify = classify
    this.#keys = ['requests', 'seq', 'dropped'].map((name) => redis.key('journal', name))
    this.#tail = new JournalTail(redis, this.#keys[0] as string)
  }

  async add(facts: JournalFacts, entry: EntryBuilder): Promise<void> {
    const verdict = this.#classify(facts)
    const args = [this.capacity, ...fieldsOf(facts, verdict, entry(verdict))]
    await this.#redis.script(ADD_REQUEST, this.#keys, args)
  }

  async records(query: JournalQuery = {}): Promise<JournalRecord[]> {
    return selectRecords(await this.#range('-'), query)
  }

  async after(seq: number): Promise<JournalRecord[]> {
    return this.#range(`(${seq}-0`)
  }

  async dropped(): Promise<number> {
    return Number((await this.#redis.run((client) => client.get(this.#keys[2] as string))) ?? 0)
  }

  async clear(tenant?: string): Promise<void> {
    await this.#redis.script(CLEAR_REQUESTS, this.#keys, [tenant ?? ''])
  }

  subscribe(listener: JournalListener, onRestart: () => void): Promise<() => void> {
    return this.#tail.subscribe(listener, onRestart)
  }

  async saved(tenant?: string): Promise<StoredRequest[]> {
    const records = await this.#range('-')
    return records
      .filter((record) => tenant === undefined || record.facts.tenant === tenant)
      .map((record) => record.stored())
  }

  async restore(requests: readonly StoredRequest[], tenant?: string): Promise<void> {
    const { script, keys, args } = this.restoreCall(requests, tenant)
    await this.#redis.script(script, keys, args)
  }

  /** `restore` as a step of a bigger atomic change. */
  restoreCall(requests: readonly StoredRequest[], tenant?: string): ScriptCall {
    const args = requests.flatMap(({ facts, route, entry }) =>
      fieldsOf(facts, { matched: entry.matched, route, nearest: entry.nearest }, entry)
    )
    return { script: RESTORE_REQUESTS, keys: this.#keys, args: [this.capacity, tenant ?? '', ...args] }
  }

  /** `clear` as a step of a bigger atomic change. */
  clearCall(tenant?: string): ScriptCall {
    return { script: CLEAR_REQUESTS, keys: this.#keys, args: [tenant ?? ''] }
  }

  /** Stops the live stream's reading and closes its connection. */
  close(): Promise<void> {
    return this.#tail.close()
  }

  /** The records from `start` (an XRANGE bound) on, oldest first, read page by page. */
  async #range(start: string): Promise<JournalRecord[]> {
    const records: JournalRecord[] = []
    let from = start
    // Bounded: each page holds up to PAGE of the at most `capacity` entries, and `from` moves past the last.
    for (let page = 0; page <= this.capacity / PAGE + 1; page++) {
      const items = (await this.#redis.run((client) =>
        client.xrange(this.#keys[0] as string, from, '+', 'COUNT', PAGE)
      )) as StreamItem[]
      for (const item of items) records.push(recordOf(item))
      const last = items.at(-1)
      if (last === undefined || items.length < PAGE) break
      from = `(${last[0]}`
    }
    return records
  }
}
