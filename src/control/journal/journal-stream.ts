import type { ServerResponse } from 'node:http'
import type { FastifyReply } from 'fastify'
import type { StreamQuery } from '../../model/control/journal-entry.js'
import { type Journal, type JournalRecord, matchesQuery } from './journal.js'

export interface StreamSettings {
  /** A comment line this often keeps proxies and readers from timing the stream out. */
  heartbeatMs: number
  /** A reader whose unsent events pass this many bytes is too slow: it is dropped, the mock never waits. */
  maxBufferedBytes: number
}

export const DEFAULT_STREAM_SETTINGS: StreamSettings = { heartbeatMs: 15_000, maxBufferedBytes: 1024 * 1024 }

/** Records that may arrive for one reader while it replays what it missed; more, and it is dropped as too slow. */
const MAX_QUEUED = 10_000

interface Reader {
  response: ServerResponse
  query: StreamQuery
  /** The `seq` of the last record looked at for this reader: nothing at or before it is sent again. */
  cursor: number
  /** Records that arrived while the reader replayed the journal, sent once it has. */
  queued: JournalRecord[] | undefined
}

/** One server-sent event per journal entry: its `seq` as the id, the entry's JSON (one line) as the data. */
function event(record: JournalRecord): string {
  return `id: ${record.seq}\nevent: request\ndata: ${JSON.stringify(record.entry)}\n\n`
}

/**
 * The readers of `GET /requests/stream`. Each journaled request (with Redis, journaled by any replica) is sent to
 * every reader whose filters it passes, as it is recorded; a reader that does not keep up is dropped. The journal
 * is only listened to, and the heartbeat only runs, while someone reads.
 */
export class JournalStreams {
  readonly #journal: Journal
  readonly #settings: StreamSettings
  readonly #readers = new Set<Reader>()
  #listening: Promise<() => void> | undefined
  #heartbeat: NodeJS.Timeout | undefined

  constructor(journal: Journal, settings: StreamSettings) {
    this.#journal = journal
    this.#settings = settings
  }

  /**
   * Starts a stream on the reply, with the headers it already has, once the journal is listened to (else it
   * throws, and the reply is still the route's to answer). After `lastEventId` (a reconnecting EventSource's
   * `Last-Event-ID`), the entries still in the journal come first.
   */
  async open(reply: FastifyReply, query: StreamQuery, lastEventId?: number): Promise<void> {
    const reader: Reader = { response: reply.raw, query, cursor: 0, queued: [] }
    // Counted before listening, so that another reader leaving meanwhile does not stop the listening.
    this.#readers.add(reader)
    try {
      await this.#listen()
    } catch (error) {
      this.#remove(reader)
      throw error
    }
    const headers: Record<string, number | string | string[] | undefined> = reply.getHeaders()
    reply.hijack()
    reply.raw.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      // Closing the connection with the stream means shutdown never waits for an idle socket.
      connection: 'close',
      'x-accel-buffering': 'no'
    })
    reply.raw.on('close', () => this.#remove(reader))
    this.#write(reader, ': connected\n\n')
    this.#heartbeat ??= setInterval(() => this.#beat(), this.#settings.heartbeatMs).unref()
    await this.#replay(reader, lastEventId)
  }

  /** Ends every stream (for shutdown): readers see the stream end, and no socket holds the server open. */
  closeAll(): void {
    for (const reader of this.#readers) reader.response.end()
    this.#readers.clear()
    this.#idle()
  }

  #listen(): Promise<() => void> {
    // A journal numbered afresh (Redis lost it) ends the streams: readers reconnect and follow the new one.
    this.#listening ??= this.#journal
      .subscribe(
        (record) => this.#send(record),
        () => this.closeAll()
      )
      .catch((error: unknown) => {
        this.#listening = undefined
        throw error
      })
    return this.#listening
  }

  async #replay(reader: Reader, lastEventId: number | undefined): Promise<void> {
    try {
      if (lastEventId !== undefined) {
        for (const record of await this.#journal.after(lastEventId)) this.#deliver(reader, record)
      }
    } catch {
      // The journal cannot be read now (Redis is out): the reader reconnects with its Last-Event-ID later.
      reader.response.end()
      this.#remove(reader)
      return
    }
    const queued = reader.queued ?? []
    reader.queued = undefined
    for (const record of queued) if (this.#readers.has(reader)) this.#deliver(reader, record)
  }

  #send(record: JournalRecord): void {
    let text: string | undefined
    for (const reader of this.#readers) {
      if (reader.queued !== undefined) {
        reader.queued.push(record)
        if (reader.queued.length > MAX_QUEUED) this.#drop(reader)
        continue
      }
      if (record.seq <= reader.cursor) continue
      reader.cursor = record.seq
      if (!matchesQuery(record, reader.query)) continue
      text ??= event(record)
      this.#write(reader, text)
    }
  }

  #deliver(reader: Reader, record: JournalRecord): void {
    if (record.seq <= reader.cursor) return
    reader.cursor = record.seq
    if (matchesQuery(record, reader.query)) this.#write(reader, event(record))
  }

  #beat(): void {
    for (const reader of this.#readers)
      if (reader.queued === undefined) this.#write(reader, ': heartbeat\n\n')
  }

  #write(reader: Reader, text: string): void {
    if (reader.response.writableLength > this.#settings.maxBufferedBytes) this.#drop(reader)
    else reader.response.write(text)
  }

  #drop(reader: Reader): void {
    reader.response.destroy()
    this.#remove(reader)
  }

  #remove(reader: Reader): void {
    this.#readers.delete(reader)
    if (this.#readers.size === 0) this.#idle()
  }

  #idle(): void {
    const listening = this.#listening
    this.#listening = undefined
    listening?.then(
      (stop) => stop(),
      () => undefined
    )
    clearInterval(this.#heartbeat)
    this.#heartbeat = undefined
  }
}
