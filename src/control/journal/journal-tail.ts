import { setTimeout as sleep } from 'node:timers/promises'
import type { RedisConnection } from '../../store/redis/redis-connection.js'
import type { JournalListener } from './journal.js'
import { recordOf, type StreamItem, seqOf } from './journal-stream-items.js'

/** How long one XREAD waits for new entries: under the connection's command timeout, and what closing waits for. */
const BLOCK_MS = 1000
/** Entries read at once. */
const BATCH = 1000
/** The wait before reading again after a failed read (Redis is out). */
const RETRY_MS = 250

type ReadReply = [key: string, items: StreamItem[]][] | null

interface Listening {
  /** The seq that was last when it began: it gets the entries after it. */
  after: number
  onRestart: () => void
}

/**
 * New journal entries from every replica, for the live stream: while someone listens, XREAD BLOCK on a connection
 * of its own (a blocking read would hold up every other command on the shared one) follows the stream, and calls
 * each listener with every entry after the one that was last when it began, in order.
 */
export class JournalTail {
  readonly #redis: RedisConnection
  readonly #key: string
  readonly #listeners = new Map<JournalListener, Listening>()
  #connection: Promise<RedisConnection> | undefined
  #reading: Promise<void> | undefined
  #closed = false

  constructor(redis: RedisConnection, key: string) {
    this.#redis = redis
    this.#key = key
  }

  async subscribe(listener: JournalListener, onRestart: () => void): Promise<() => void> {
    const last = await this.#lastId()
    this.#listeners.set(listener, { after: seqOf(last), onRestart })
    this.#reading ??= this.#follow(last).finally(() => {
      this.#reading = undefined
    })
    return () => this.#listeners.delete(listener)
  }

  async close(): Promise<void> {
    this.#closed = true
    this.#listeners.clear()
    const connection = this.#connection
    this.#connection = undefined
    // Dropped rather than closed: a read in flight blocks for up to BLOCK_MS, and ends with the connection.
    await connection?.then(
      (opened) => opened.drop(),
      () => undefined
    )
    await this.#reading
  }

  async #lastId(): Promise<string> {
    const [last] = (await this.#redis.run((client) =>
      client.xrevrange(this.#key, '+', '-', 'COUNT', 1)
    )) as StreamItem[]
    return last?.[0] ?? '0-0'
  }

  /** Reads while someone listens: each pass waits at most BLOCK_MS, so it stops soon after the last one leaves. */
  async #follow(start: string): Promise<void> {
    let cursor = start
    let lost = false
    while (this.#listeners.size > 0 && !this.#closed) {
      try {
        if (lost) cursor = await this.#resume(cursor)
        lost = false
        const from = cursor
        const connection = await this.#blocking()
        const reply = (await connection.run((client) =>
          client.xread('COUNT', BATCH, 'BLOCK', BLOCK_MS, 'STREAMS', this.#key, from)
        )) as ReadReply
        for (const item of reply?.[0]?.[1] ?? []) {
          cursor = item[0]
          this.#deliver(item)
        }
      } catch {
        lost = true
        if (!this.#closed) await sleep(RETRY_MS)
      }
    }
  }

  #deliver(item: StreamItem): void {
    const record = recordOf(item)
    for (const [listener, { after }] of this.#listeners) if (record.seq > after) listener(record)
  }

  /**
   * After a failed read, where to go on: from the cursor, unless the stream now ends before it (Redis came back
   * without its data, numbering afresh); then the listeners are told and let go, and reading goes on from the end.
   */
  async #resume(cursor: string): Promise<string> {
    const last = await this.#lastId()
    if (seqOf(last) >= seqOf(cursor)) return cursor
    const listeners = [...this.#listeners.values()]
    this.#listeners.clear()
    for (const { onRestart } of listeners) onRestart()
    return last
  }

  #blocking(): Promise<RedisConnection> {
    this.#connection ??= this.#redis.duplicate().catch((error: unknown) => {
      this.#connection = undefined
      throw error
    })
    return this.#connection
  }
}
